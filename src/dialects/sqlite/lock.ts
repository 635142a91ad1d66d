import type { Connection, MigrationLock } from "../dialect";

/**
 * SQLite has no named locks. The migration lock is an immediate transaction (a RESERVED lock,
 * https://www.sqlite.org/lang_transaction.html) held for the whole run on a small sidecar file,
 * `<database>-athanor-lock`, beside the database (as SQLite keeps `-journal` and `-wal` files).
 * Not on the database file itself: that write lock would also block the migrating connection's
 * own writes. The operating system drops the lock if the process dies, so a crashed runner never
 * leaves it stuck. The file is left in place: deleting it while another runner waits on it would
 * let a third one lock a new file and run alongside.
 */
export async function acquireMigrationLock(conn: Connection, timeoutSeconds: number): Promise<MigrationLock | undefined> {
  const [main] = await conn.query<{ file: string }>("SELECT file FROM pragma_database_list WHERE name = 'main'");
  // An in-memory database is private to its connection: nobody else can migrate it.
  if (!main?.file) return { release: async () => undefined };
  const { default: BetterSqlite3 } = await import("better-sqlite3");
  const db = new BetterSqlite3(`${main.file}-athanor-lock`, { timeout: 0 });
  const deadline = Date.now() + Math.max(0, timeoutSeconds) * 1000;
  for (;;) {
    try {
      db.exec("BEGIN IMMEDIATE");
      return {
        async release() {
          if (!db.open) return;
          db.exec("ROLLBACK");
          db.close();
        },
      };
    } catch (e) {
      if ((e as { code?: string }).code !== "SQLITE_BUSY") {
        db.close();
        throw e;
      }
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      db.close();
      return undefined;
    }
    // Polled rather than better-sqlite3's busy timeout, which would block the event loop.
    await new Promise((done) => setTimeout(done, Math.min(50, left)));
  }
}
