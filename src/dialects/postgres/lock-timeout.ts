import type { DdlLockTimeout } from "../dialect";
import { quoteLiteral } from "./quote";

/** SQLSTATE 55P03 lock_not_available: what a lock wait that reached `lock_timeout` fails with. */
const LOCK_NOT_AVAILABLE = "55P03";

/**
 * `lock_timeout` bounds each wait for a lock, not the statement: an ALTER TABLE waiting for its
 * ACCESS EXCLUSIVE lock gives up after it, and the queries queued behind the ALTER go on.
 * Set per session (not LOCAL) so it also covers statements outside a transaction (CONCURRENTLY);
 * inside one, a rollback undoes the SET too, and RESET afterwards is harmless.
 * https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-LOCK-TIMEOUT
 */
export const ddlLockTimeout: DdlLockTimeout = {
  // 0 would mean "wait forever": the smallest timeout is 1 ms.
  set: (ms) => [`SET lock_timeout = '${Math.max(1, Math.round(ms))}ms'`],
  reset: ["RESET lock_timeout"],
  // CREATE/DROP INDEX CONCURRENTLY take SHARE UPDATE EXCLUSIVE, which reads and writes never wait
  // for, and wait for older transactions to end; a timeout there would leave an INVALID index
  // behind (which makes the retry fail) and spare no traffic.
  // https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES
  waitsWithoutBlocking: (sql) => /^\s*(?:CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+INDEX)\s+CONCURRENTLY\b/i.test(sql),
  isLockTimeout: (error) => (error as { code?: unknown } | undefined)?.code === LOCK_NOT_AVAILABLE,
  findBlocker: (table) =>
    table
      ? "Find the sessions holding a lock on it: SELECT a.pid, a.state, now() - a.xact_start AS open_for, left(a.query, 80) AS query " +
        `FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.relation = ${quoteLiteral(table)}::regclass AND l.granted; ` +
        "a long-open transaction (state 'idle in transaction') is the usual culprit: let it finish, or end it with SELECT pg_terminate_backend(pid)."
      : "Find the blocking sessions: SELECT pid, state, now() - xact_start AS open_for, left(query, 80) AS query FROM pg_stat_activity " +
        "WHERE pid IN (SELECT unnest(pg_blocking_pids(pid)) FROM pg_stat_activity); let them finish, or end one with SELECT pg_terminate_backend(pid).",
};
