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
