import Database from "better-sqlite3";
import type { ConnectOptions, Connection, Dialect } from "../dialect";
import { ConnectionError } from "../../errors";

/**
 * better-sqlite3 is synchronous; this wraps it in the async Connection interface. Note that
 * better-sqlite3 is built with foreign keys ON by default (`PRAGMA foreign_keys` = 1), which
 * matters for table rebuilds: see rebuild.ts.
 */
export async function connect(options: ConnectOptions, dialect: Dialect): Promise<Connection> {
  const filename = options.filename ?? options.database;
  if (!filename) {
    throw new ConnectionError(
      "cannot open SQLite database: no file given. Set the database file (sqlite:/path/to/db.sqlite or the DataSource's `database`).",
    );
  }
  let db: Database.Database;
  try {
    db = new Database(filename);
  } catch (e) {
    throw new ConnectionError(
      `cannot open SQLite database file ${filename}: ${(e as Error).message}. Check that the path exists and is writable.`,
    );
  }
  const serverVersion = String((db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v);
  let queryCount = 0;
  return {
    dialect,
    serverVersion,
    get queryCount() {
      return queryCount;
    },
    async query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      queryCount++;
      const stmt = db.prepare(sql);
      if (stmt.reader) return stmt.all(...params) as T[];
      stmt.run(...params);
      return [];
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
