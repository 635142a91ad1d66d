import { existsSync } from "node:fs";
import type { Database } from "better-sqlite3";
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
  const missing = filename !== ":memory:" && !filename.startsWith("file:") && !existsSync(filename);
  if (missing && options.ifMissing === "fail") {
    throw new ConnectionError(
      `the SQLite database file ${filename} does not exist (nothing was created)`,
      "Check the path (--url sqlite:PATH or the DataSource's `database`), or create the database with `athanor upgrade head`.",
    );
  }
  // The driver is loaded on connecting: commands that never connect (heads, lint, --sql) never load it.
  const { default: BetterSqlite3 } = await import("better-sqlite3");
  let db: Database;
  try {
    // A missing file read as empty is an in-memory database: nothing is left on disk.
    db = new BetterSqlite3(missing && options.ifMissing === "empty" ? ":memory:" : filename);
  } catch (e) {
    throw new ConnectionError(
      `cannot open SQLite database file ${filename}: ${(e as Error).message}. Check that the path exists and is writable.`,
    );
  }
  return wrapDatabase(db, dialect);
}

/** A better-sqlite3 database as a Connection (also the embedded one, see embedded.ts). */
export function wrapDatabase(db: Database, dialect: Dialect): Connection {
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
