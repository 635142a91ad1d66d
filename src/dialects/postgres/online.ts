import type { CompileContext, CompiledStatement } from "../dialect";
import type { Column } from "../../schema/types";
import { quoteIdentifier as q } from "./quote";

/**
 * PostgreSQL's online forms of index and constraint changes on a table with live traffic, as
 * statements with the transaction boundaries they need (see StatementBoundary):
 * https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
 */

const NAME_BYTES = 63;

/** A name derived from `base` that PostgreSQL keeps whole: `base` is cut, never the suffix. */
export function derivedName(base: string, suffix: string): string {
  let cut = base;
  while (Buffer.byteLength(cut + suffix) > NAME_BYTES) cut = cut.slice(0, -1);
  return cut + suffix;
}

/** Where a replacement index is built before it takes the old one's name. */
export function replacementIndexName(name: string): string {
  return derivedName(name, "_athanor_new");
}

/** The check that proves a column holds no NULL before SET NOT NULL. */
export function notNullCheckName(column: string): string {
  return derivedName(`athanor_nn_${column}`, "");
}

/** Runs outside any transaction: CONCURRENTLY refuses to run inside one. */
export function outside(sql: string): CompiledStatement {
  return { sql, boundary: "outside-transaction" };
}

/**
 * A CREATE INDEX CONCURRENTLY that fails (a duplicate for a unique index, a cancel, a lock
 * timeout) leaves an INVALID index of that name behind, which the next attempt's CREATE would
 * trip over and which writes still maintain. Before building under `name`, such a leftover is
 * dropped; a valid index of that name is left alone (the CREATE then fails and says so).
 * Offline there is no catalog to ask, so nothing is dropped.
 */
export async function dropInvalidIndex(ctx: CompileContext, name: string): Promise<CompiledStatement[]> {
  if (!ctx.catalog) return [];
  const rows = await ctx.catalog.query(
    `SELECT 1 FROM pg_catalog.pg_index ix JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
     WHERE i.relname = $1 AND NOT ix.indisvalid AND pg_catalog.pg_table_is_visible(i.oid)`,
    [name],
  );
  return rows.length > 0 ? [outside(`DROP INDEX CONCURRENTLY IF EXISTS ${q(name)}`)] : [];
}

/**
 * ADD … NOT VALID takes its lock only for a catalog change; VALIDATE CONSTRAINT then reads every
 * row under SHARE UPDATE EXCLUSIVE, which lets writes through, but only once the ADD (and its
 * ACCESS EXCLUSIVE / SHARE ROW EXCLUSIVE lock) has committed: hence the commit point before it.
 */
export function addValidatedSeparately(table: string, constraintSql: string, name: string): CompiledStatement[] {
  return [{ sql: `ALTER TABLE ${q(table)} ADD ${constraintSql} NOT VALID` }, { sql: `ALTER TABLE ${q(table)} VALIDATE CONSTRAINT ${q(name)}`, boundary: "commit-before" }];
}

/**
 * SET NOT NULL scans the whole table under ACCESS EXCLUSIVE, unless a valid CHECK (c IS NOT NULL)
 * already proves it (PostgreSQL 12+). So: add that check NOT VALID, commit, validate it (writes go
 * on), SET NOT NULL (now a catalog change), drop the check. A check of the same name left by an
 * earlier failed attempt is dropped first.
 */
export function setNotNullOnline(table: string, column: Column): CompiledStatement[] {
  const check = notNullCheckName(column.name);
  const alter = `ALTER TABLE ${q(table)}`;
  return [
    { sql: `${alter} DROP CONSTRAINT IF EXISTS ${q(check)}` },
    ...addValidatedSeparately(table, `CONSTRAINT ${q(check)} CHECK (${q(column.name)} IS NOT NULL)`, check),
    { sql: `${alter} ALTER COLUMN ${q(column.name)} SET NOT NULL` },
    { sql: `${alter} DROP CONSTRAINT ${q(check)}` },
  ];
}
