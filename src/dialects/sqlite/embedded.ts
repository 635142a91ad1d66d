import { existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { ConfigError } from "../../errors";
import type { Database } from "better-sqlite3";
import type { Dialect, EmbeddedDatabase, EmbeddedOptions, ScratchHooks } from "../dialect";
import { wrapDatabase } from "./connection";

/**
 * SQLite is in-process already: the embedded database is an in-memory one, gone when closed,
 * started from an image (`serialize()`'s bytes) when one is given and loads.
 */
export async function openEmbedded(dialect: Dialect, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const { default: BetterSqlite3 } = await import("better-sqlite3");
  let db: Database | undefined;
  if (options.image) {
    try {
      db = new BetterSqlite3(options.image);
      // A buffer that is no database opens, and fails on first read.
      db.prepare("SELECT count(*) FROM sqlite_master").get();
    } catch {
      db?.close();
      db = undefined;
    }
  }
  const fromImage = db !== undefined;
  const open = db ?? new BetterSqlite3(":memory:");
  const conn = wrapDatabase(open, dialect);
  return { conn, engine: `in-memory SQLite ${conn.serverVersion}`, fromImage, save: async () => open.serialize() };
}

/**
 * A scratch SQLite database is a new file beside the one the URL names (`sqlite::memory:`: an
 * in-memory one), removed afterwards with its journal files.
 */
export const sqliteScratch: ScratchHooks = {
  async create(options, name) {
    const file = scratchFile(options.filename ?? options.database, name);
    if (file !== ":memory:" && existsSync(file)) {
      throw new ConfigError(`the scratch database file ${file} already exists`, "Remove it (a scratch database is never reused), or point --scratch-url elsewhere.");
    }
    return { filename: file, ifMissing: "create" };
  },
  async drop(options, name) {
    const file = scratchFile(options.filename ?? options.database, name);
    if (file === ":memory:") return;
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  },
};

function scratchFile(filename: string | undefined, name: string): string {
  if (!filename || filename === ":memory:") return ":memory:";
  return join(dirname(filename), `${name}.sqlite`);
}
