import { createHash } from "node:crypto";
import type { Connection, MigrationLock } from "../dialect";

/**
 * The migration lock is a session-level advisory lock on one fixed 64-bit key derived from
 * "athanor". Advisory locks are scoped to the current database, so runners on other databases of
 * the same server never wait for each other.
 * https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 */
export const LOCK_KEY = BigInt.asIntN(64, BigInt(`0x${createHash("sha256").update("athanor").digest("hex").slice(0, 16)}`)).toString();

/** PostgreSQL's SQLSTATE for a lock wait that hit `lock_timeout`. */
const LOCK_NOT_AVAILABLE = "55P03";

export async function acquireMigrationLock(conn: Connection, timeoutSeconds: number): Promise<MigrationLock | undefined> {
  const lock: MigrationLock = {
    async release() {
      await conn.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
    },
  };
  if (timeoutSeconds <= 0) {
    const [row] = await conn.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS locked`);
    return row?.locked ? lock : undefined;
  }
  // pg_advisory_lock queues fairly behind the holder; lock_timeout bounds the wait (0 would mean
  // forever). It is set only for this statement's duration and reset before any migration runs.
  await conn.query(`SET lock_timeout = '${Math.ceil(timeoutSeconds * 1000)}ms'`);
  try {
    await conn.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
    return lock;
  } catch (e) {
    if ((e as { code?: string }).code === LOCK_NOT_AVAILABLE) return undefined;
    throw e;
  } finally {
    await conn.query("RESET lock_timeout");
  }
}
