import type { DdlLockTimeout } from "../dialect";

/** better-sqlite3's own default busy timeout, which the runner's connection had before. */
const DRIVER_DEFAULT_BUSY_MS = 5000;

/**
 * SQLite locks the whole database file: a statement that needs to write while another connection
 * holds the write lock waits up to `busy_timeout` and then fails with SQLITE_BUSY, leaving the
 * transaction open. Only plain SQLITE_BUSY (and _TIMEOUT) are retried: SQLITE_BUSY_SNAPSHOT means
 * the transaction read a snapshot another writer has since replaced, which no retry inside the
 * same transaction can fix. https://www.sqlite.org/rescode.html#busy
 * Inside the migration's transaction, which has already read the schema, a write meeting another
 * writer fails at once without waiting (SQLite skips the busy handler there, as waiting could
 * deadlock: https://www.sqlite.org/c3ref/busy_handler.html), so on SQLite the backoff between
 * retries is what gives the other writer time to finish.
 */
export const ddlLockTimeout: DdlLockTimeout = {
  set: (ms) => [`PRAGMA busy_timeout = ${Math.max(1, Math.round(ms))}`],
  reset: [`PRAGMA busy_timeout = ${DRIVER_DEFAULT_BUSY_MS}`],
  isLockTimeout: (error) => {
    const code = (error as { code?: unknown } | undefined)?.code;
    return code === "SQLITE_BUSY" || code === "SQLITE_BUSY_TIMEOUT";
  },
  findBlocker: () =>
    "Another connection holds a write transaction on the database file: find the process (fuser or lsof on the file) and let its transaction finish.",
};
