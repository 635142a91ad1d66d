import { existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { ConfigError } from "../../errors";
import type { Dialect, EmbeddedDatabase, ScratchHooks } from "../dialect";

/** SQLite is in-process already: the embedded database is an in-memory one, gone when closed. */
export async function openEmbedded(dialect: Dialect): Promise<EmbeddedDatabase> {
  const conn = await dialect.connect({ filename: ":memory:" });
  // No image: replaying into SQLite is cheaper than keeping copies of the database.
  return { conn, engine: `in-memory SQLite ${conn.serverVersion}`, fromImage: false };
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
