import type { Connection } from "../dialects/dialect";
import { LockTimeoutError } from "../errors";

/** How long a runner waits for another one to finish, unless --lock-timeout says otherwise. */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 60;

/**
 * Runs `fn` holding the database's migration lock (the dialect's hook: an advisory lock, a named
 * lock, a write lock), so that concurrent runners apply each migration once. Whatever `fn` reads
 * (the version table above all) must be read inside: another runner may have moved it while this
 * one waited.
 */
export async function withMigrationLock<T>(conn: Connection, timeoutSeconds: number, fn: () => Promise<T>): Promise<T> {
  const acquire = conn.dialect.acquireMigrationLock;
  if (!acquire) return fn();
  const started = Date.now();
  const lock = await acquire(conn, timeoutSeconds);
  if (!lock) {
    const waited = Math.round((Date.now() - started) / 100) / 10;
    throw new LockTimeoutError(
      `another athanor is migrating this database; waited ${waited} s for its lock`,
      `Let it finish and run the command again, or wait longer with --lock-timeout SECONDS (now ${timeoutSeconds}).`,
    );
  }
  try {
    return await fn();
  } finally {
    // Closing the connection releases it as well; a failure here must not hide fn's outcome.
    await lock.release().catch(() => undefined);
  }
}
