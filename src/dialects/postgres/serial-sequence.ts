import type { Column } from "../../schema/types";
import { quoteIdentifier as q, quoteLiteral } from "./quote";

const SEQUENCE_TYPES: Readonly<Record<string, string>> = { smallint: "smallint", integer: "integer", bigint: "bigint" };

/**
 * A SERIAL column's sequence has the column's integer type (`serial` → integer, `bigserial` →
 * bigint), which bounds its values; changing the column's type leaves the sequence as it was, so it
 * is altered too (`ALTER SEQUENCE … AS`, PostgreSQL 10+,
 * https://www.postgresql.org/docs/current/sql-altersequence.html). Going back down fails, as it
 * should, once the sequence has passed the smaller type's maximum. SERIAL names the sequence
 * `<table>_<column>_seq`, as TypeORM's schema builder expects.
 */
export function alterSequence(table: string, from: Column, to: Column): string[] {
  if (from.autoIncrement !== "increment" || to.autoIncrement !== "increment" || from.type === to.type) return [];
  const type = SEQUENCE_TYPES[to.type];
  if (!type) return [];
  const name = `${table}_${to.name}_seq`;
  if (Buffer.byteLength(name) <= 63) return [`ALTER SEQUENCE ${q(name)} AS ${type}`];
  // Past 63 bytes PostgreSQL shortens the generated name: ask the server which sequence it is.
  const lookup = `pg_catalog.pg_get_serial_sequence(${quoteLiteral(q(table))}, ${quoteLiteral(to.name)})`;
  return [`DO $athanor$ BEGIN EXECUTE format('ALTER SEQUENCE %s AS ${type}', ${lookup}); END $athanor$`];
}

/**
 * Renaming a table leaves its SERIAL sequences named after the old table (`items_id_seq`), while
 * TypeORM's schema builder expects `<table>_<column>_seq` and would re-create them. The sequence
 * is found through the column that owns it (`pg_get_serial_sequence`, so a sequence that was
 * never named the SERIAL way is still found) and renamed when its name differs; a new name past
 * 63 bytes is left alone (PostgreSQL would shorten it in its own way).
 */
export function renameSequencesSql(table: string, columns: readonly Column[]): string[] {
  return columns
    .filter((c) => c.autoIncrement === "increment")
    .map((c) => ({ column: c.name, name: `${table}_${c.name}_seq` }))
    .filter(({ name }) => Buffer.byteLength(name) <= 63)
    .map(
      ({ column, name }) =>
        `DO $athanor$ DECLARE s text := pg_catalog.pg_get_serial_sequence(${quoteLiteral(q(table))}, ${quoteLiteral(column)}); BEGIN ` +
        `IF s IS NOT NULL AND s::regclass IS DISTINCT FROM to_regclass(${quoteLiteral(q(name))}) THEN ` +
        `EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', s, ${quoteLiteral(name)}); END IF; END $athanor$`,
    );
}
