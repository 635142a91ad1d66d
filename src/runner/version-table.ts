import type { Dialect, Queryable } from "../dialects/dialect";
import { LOG_TABLE } from "./audit-log";

export const VERSION_TABLE = "athanor_version";

/** Tables athanor never diffs: its own (version table, audit log), and TypeORM's migration bookkeeping. */
export function unmanagedTables(extra: readonly string[] = []): string[] {
  return [VERSION_TABLE, LOG_TABLE, "migrations", "typeorm_metadata", ...extra];
}

/** The revisions recorded as applied heads; none when the version table does not exist yet. */
export async function readHeads(conn: Queryable, dialect: Dialect): Promise<string[]> {
  try {
    const rows = await conn.query<{ version_num: string }>(`SELECT version_num FROM ${dialect.quoteIdentifier(VERSION_TABLE)}`);
    return rows.map((r) => r.version_num).sort();
  } catch (e) {
    // Asked only after the read failed, to tell "not created yet" from a real error.
    if (await dialect.tableExists(conn, VERSION_TABLE)) throw e;
    return [];
  }
}

/** Empties the version table (`stamp --purge`, `stamp base`). */
export function purgeVersionsSql(dialect: Dialect): string {
  return `DELETE FROM ${dialect.quoteIdentifier(VERSION_TABLE)}`;
}

export function createVersionTableSql(dialect: Dialect): string {
  return `CREATE TABLE IF NOT EXISTS ${dialect.quoteIdentifier(VERSION_TABLE)} (version_num VARCHAR(32) NOT NULL, CONSTRAINT ${dialect.quoteIdentifier(
    `${VERSION_TABLE}_pkc`,
  )} PRIMARY KEY (version_num))`;
}

/** The statements that turn the recorded heads `before` into `after`. */
export function writeHeadsSql(dialect: Dialect, before: readonly string[], after: readonly string[]): string[] {
  const table = dialect.quoteIdentifier(VERSION_TABLE);
  const out: string[] = [];
  for (const h of before) if (!after.includes(h)) out.push(`DELETE FROM ${table} WHERE version_num = ${dialect.quoteLiteral(h)}`);
  for (const h of after) if (!before.includes(h)) out.push(`INSERT INTO ${table} (version_num) VALUES (${dialect.quoteLiteral(h)})`);
  return out;
}
