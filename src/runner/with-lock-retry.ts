import type { DdlLockTimeout, Queryable } from "../dialects/dialect";
import { LockRetriesExhaustedError } from "../errors";

/** How long a migration statement may wait for a lock, and how often it is tried again. */
export interface LockRetryPolicy {
  /** The lock wait of each attempt, in milliseconds; 0 turns timeouts and retries off. */
  readonly timeoutMs: number;
  /** Attempts after the first one that ran out of time. */
  readonly retries: number;
  /** Pause before retry n: up to min(capMs, baseMs · 2^(n-1)), jittered. */
  readonly backoff: { readonly baseMs: number; readonly capMs: number };
}

export const DEFAULT_DDL_LOCK_TIMEOUT_MS = 2000;
export const DEFAULT_LOCK_RETRIES = 5;
export const DEFAULT_BACKOFF = { baseMs: 1000, capMs: 30_000 } as const;

/** One attempt that ran out of time and will be tried again: logged and kept in the audit log. */
export interface LockWait {
  readonly statement: string;
  /** The table the statement works on, as written in it; undefined when it names none. */
  readonly table?: string;
  /** The retry about to happen, 1-based, out of `retries`. */
  readonly retry: number;
  readonly retries: number;
  /** How long the failed attempt waited. */
  readonly waitedMs: number;
  /** The pause before the retry. */
  readonly delayMs: number;
}

/**
 * The pause before retry `retry` (1-based). Exponential so a long transaction is waited out
 * without hammering the table's lock queue; capped so the migration does not sleep for minutes;
 * "equal jitter" (half fixed, half random) so runners retrying the same table spread apart while
 * each pause stays at least half its step.
 */
export function backoffDelay(retry: number, backoff: LockRetryPolicy["backoff"], random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface LockRetryContext {
  readonly conn: Queryable;
  readonly hooks: DdlLockTimeout;
  readonly policy: LockRetryPolicy;
  /**
   * Inside a transaction a failed statement can abort it (PostgreSQL): each statement runs under a
   * savepoint, and a lock timeout rolls back to it, so the migration's earlier statements stay.
   */
  readonly inTransaction: boolean;
  readonly onRetry?: (wait: LockWait) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

const SAVEPOINT = "athanor_lock_retry";

/**
 * Runs `sql`, and when it fails because a lock wait ran out, runs it again after a pause, up to
 * `policy.retries` more times. Any other error is thrown at once. After the last attempt a
 * LockRetriesExhaustedError says which statement, which table, how many attempts over how long,
 * and how to find the blocking session.
 */
export async function runWithLockRetry(sql: string, ctx: LockRetryContext): Promise<void> {
  const { conn, hooks, policy } = ctx;
  if (hooks.waitsWithoutBlocking?.(sql)) {
    for (const s of hooks.reset) await conn.query(s);
    try {
      await conn.query(sql);
    } finally {
      for (const s of hooks.set(policy.timeoutMs)) await conn.query(s);
    }
    return;
  }
  const now = ctx.now ?? Date.now;
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const savepoints = ctx.inTransaction && policy.retries > 0;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    const tried = now();
    if (savepoints) await conn.query(`SAVEPOINT ${SAVEPOINT}`);
    try {
      await conn.query(sql);
    } catch (e) {
      if (!hooks.isLockTimeout(e)) throw e;
      if (savepoints) {
        await conn.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
        await conn.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      }
      const table = statementTable(sql);
      if (attempt > policy.retries) throw exhausted(sql, table, attempt, now() - started, policy, hooks, e as Error);
      const delayMs = backoffDelay(attempt, policy.backoff, ctx.random);
      ctx.onRetry?.({ statement: sql, table, retry: attempt, retries: policy.retries, waitedMs: now() - tried, delayMs });
      await sleep(delayMs);
      continue;
    }
    if (savepoints) await conn.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
    return;
  }
}

/** The progress line for one retry, as the CLI prints it on stderr. */
export function describeLockWait(wait: LockWait): string {
  return `  lock timeout on ${shorten(wait.statement)} after ${seconds(wait.waitedMs)}, retry ${wait.retry}/${wait.retries} in ${seconds(wait.delayMs)}`;
}

function exhausted(sql: string, table: string | undefined, attempts: number, ms: number, policy: LockRetryPolicy, hooks: DdlLockTimeout, cause: Error): LockRetriesExhaustedError {
  return new LockRetriesExhaustedError(
    `lock timeout: ${shorten(sql)} could not get its lock${table ? ` on ${table}` : ""} in ${attempts} attempt(s) over ${seconds(ms)} ` +
      `(each waited at most ${policy.timeoutMs} ms; last error: ${cause.message})`,
    `Another session holds a lock${table ? ` on ${table}` : ""}. ${hooks.findBlocker(table)} ` +
      "Or wait longer: raise --ddl-lock-timeout (config lockTimeout) or --lock-retries (config lockRetries).",
  );
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|\x60(?:[^\x60]|\x60\x60)+\x60|[\w$]+)`;
const QUALIFIED = `${IDENT}(?:\\.${IDENT})?`;
const TABLE_PATTERNS = [
  new RegExp(String.raw`^\s*(?:ALTER|DROP|TRUNCATE|LOCK|RENAME)\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${QUALIFIED})`, "i"),
  new RegExp(String.raw`^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\b[\s\S]*?\bON\s+(?:ONLY\s+)?(${QUALIFIED})`, "i"),
  new RegExp(String.raw`^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(${QUALIFIED})`, "i"),
];

/** The table a statement works on, as written in it (quoted as the dialect quotes it). */
export function statementTable(sql: string): string | undefined {
  for (const pattern of TABLE_PATTERNS) {
    const m = pattern.exec(sql);
    if (m) return m[1];
  }
  return undefined;
}

function shorten(sql: string): string {
  const line = sql.replace(/\s+/g, " ").trim();
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
