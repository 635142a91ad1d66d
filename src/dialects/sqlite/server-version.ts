/** What an SQLite library can do, from `sqlite_version()` ("3.45.1"). */
import type { Capabilities } from "../dialect";
import { atLeast, firstVersionIn, versionText } from "../server-version";

/** athanor's default when no version is known (offline, or a context without one). */
export const DEFAULT_SQLITE_VERSION = "3.45.0";

export function describeSqliteVersion(text: string): string | undefined {
  const version = firstVersionIn(text);
  return version && `SQLite ${versionText(version)}`;
}

/**
 * DDL is transactional in SQLite; table rebuilds rely on it (see rebuild.ts). SQLite builds an
 * index under its database write lock: there is nothing online about it.
 * RENAME COLUMN arrived in 3.25.0, DROP COLUMN in 3.35.0
 * (https://www.sqlite.org/lang_altertable.html); before them both are a table rebuild.
 * An unreadable version gets the rebuild, which works on every version.
 */
export function sqliteCapabilities(serverVersion: string): Capabilities {
  const v = firstVersionIn(serverVersion) ?? [0];
  return {
    transactionalDdl: true,
    onlineIndexes: "none",
    alterColumnInForeignKey: true,
    // A column added with a literal default is written into the schema only; the rows are not touched.
    instantAddColumn: "implicit",
    renameColumn: atLeast(v, "3.25") ? "rename" : "rebuild",
    dropColumn: atLeast(v, "3.35") ? "drop" : "rebuild",
  };
}
