import { MigrationFailedError } from "../../errors";
import type { Queryable } from "../dialect";

/**
 * The runner turns foreign keys off for SQLite migrations, because a table rebuild's DROP TABLE
 * would otherwise cascade into (or be refused by) the rows that reference it, and SQLite ignores
 * the pragma inside a transaction (https://www.sqlite.org/lang_altertable.html#otheralter).
 * Before each migration commits, this proves no row was left pointing at nothing.
 */
export async function verifyForeignKeys(conn: Queryable): Promise<void> {
  const rows = await conn.query<{ table: string; rowid: number; parent: string; fkid: number }>("PRAGMA foreign_key_check");
  if (rows.length === 0) return;
  const sample = rows
    .slice(0, 5)
    .map((r) => `${r.table} row ${r.rowid} -> ${r.parent}`)
    .join("; ");
  throw new MigrationFailedError(
    `${rows.length} row(s) would violate foreign keys after this migration (${sample})`,
    "Fix or delete those rows in the migration (op.execute) before the change that needs them.",
  );
}
