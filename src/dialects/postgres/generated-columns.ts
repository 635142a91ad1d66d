import type { Column } from "../../schema/types";
import { canonicalExpression } from "./expression";
import { quoteIdentifier as q, quoteLiteral } from "./quote";

/**
 * Generated STORED columns (PostgreSQL 12+; PostgreSQL has no VIRTUAL ones before 18).
 *
 * TypeORM cannot read a generation expression back from the catalog in the form the entity wrote
 * it, so its query runner keeps the entity's text in its `typeorm_metadata` table (one row per
 * column: type 'GENERATED_COLUMN', database, schema, table, name, value) and its schema builder
 * compares the entity's `asExpression` with that row's `value`, as text: no row means "" and a
 * DROP + ADD of the column (PostgresQueryRunner.loadTables / changeColumn in
 * node_modules/typeorm/driver/postgres/PostgresQueryRunner.js).
 *
 * So the IR keeps the entity's text: the model reader's as written, the introspector's from the
 * `typeorm_metadata` row when that row still means what the catalog holds (same canonical
 * expression), else the catalog's expression normalised. Whatever the text, athanor's DDL writes
 * the same row, so TypeORM's schema builder stays silent after `upgrade`; a change of spelling that
 * keeps the meaning rewrites only that row, never the column.
 */

/** The table TypeORM names `metadataTableName` (default); athanor never diffs it. */
export const TYPEORM_METADATA = "typeorm_metadata";
const GENERATED_COLUMN = "GENERATED_COLUMN";

/** The generation expression of one column, read from the catalog and TypeORM's row. */
export function readGenerated(catalogExpression: string, typeormText?: string): Pick<Column, "asExpression" | "generatedType"> {
  const text = typeormText !== undefined && sameExpression(typeormText, catalogExpression) ? typeormText : canonicalExpression(catalogExpression);
  return { asExpression: text, generatedType: "STORED" };
}

/**
 * An entity's generated column: TypeORM's PostgreSQL query runner writes `GENERATED ALWAYS AS`
 * for "STORED" only and ignores an `asExpression` without it (PostgreSQL had no VIRTUAL columns).
 */
export function modelGenerated(input: { readonly asExpression?: string; readonly generatedType?: string }): Pick<Column, "asExpression" | "generatedType"> | undefined {
  if (input.generatedType !== "STORED" || !input.asExpression?.trim()) return undefined;
  // Verbatim, spaces included: TypeORM compares its row's text with the entity's as they are.
  return { asExpression: input.asExpression, generatedType: "STORED" };
}

/** The same generation expression, whatever its spelling. */
export function sameExpression(a: string, b: string): boolean {
  return canonicalExpression(a) === canonicalExpression(b);
}

/** ` GENERATED ALWAYS AS (expr) STORED`, after the type. */
export function generatedSql(c: Column): string {
  return c.asExpression === undefined ? "" : ` GENERATED ALWAYS AS (${c.asExpression}) STORED`;
}

/** TypeORM's own table, as its schema builder creates it (RdbmsSchemaBuilder.createTypeormMetadataTable). */
const CREATE_METADATA_TABLE =
  `CREATE TABLE IF NOT EXISTS ${q(TYPEORM_METADATA)} (${q("type")} character varying NOT NULL, ${q("database")} character varying, ` +
  `${q("schema")} character varying, ${q("table")} character varying, ${q("name")} character varying, ${q("value")} text)`;

function rowMatch(table: string, column: string): string {
  return (
    `${q("type")} = ${quoteLiteral(GENERATED_COLUMN)} AND ${q("database")} = current_database() AND ${q("schema")} = current_schema() ` +
    `AND ${q("table")} = ${quoteLiteral(table)} AND ${q("name")} = ${quoteLiteral(column)}`
  );
}

/** Records the column's expression where TypeORM reads it (after the column exists). */
export function recordGeneratedSql(table: string, c: Column): string[] {
  if (c.asExpression === undefined) return [];
  return [
    CREATE_METADATA_TABLE,
    `DELETE FROM ${q(TYPEORM_METADATA)} WHERE ${rowMatch(table, c.name)}`,
    `INSERT INTO ${q(TYPEORM_METADATA)} (${["database", "schema", "table", "type", "name", "value"].map(q).join(", ")}) ` +
      `VALUES (current_database(), current_schema(), ${quoteLiteral(table)}, ${quoteLiteral(GENERATED_COLUMN)}, ${quoteLiteral(c.name)}, ${quoteLiteral(c.asExpression)})`,
  ];
}

/** Forgets the column's row (TypeORM's dropColumn/dropTable do the same). */
export function forgetGeneratedSql(table: string, c: Column): string[] {
  if (c.asExpression === undefined) return [];
  return [`DELETE FROM ${q(TYPEORM_METADATA)} WHERE ${rowMatch(table, c.name)}`];
}

/** The query the introspector runs for the rows, only when the table exists. */
export const GENERATED_ROWS_SQL = `
SELECT ${q("table")} AS table_name, ${q("name")} AS column_name, ${q("value")} AS value
FROM ${q(TYPEORM_METADATA)}
WHERE ${q("type")} = '${GENERATED_COLUMN}' AND ${q("database")} = current_database() AND ${q("schema")} = current_schema()`;

export const HAS_METADATA_SQL = `SELECT pg_catalog.to_regclass(pg_catalog.quote_ident(current_schema()) || '.${TYPEORM_METADATA}') IS NOT NULL AS present`;

/**
 * Renames follow into TypeORM's rows (its own renameColumn/renameTable do the same), or its schema
 * builder would find no expression for the renamed column and re-create it.
 */
export function renameGeneratedSql(table: string, generatedColumns: readonly string[], rename: { table?: string; column?: [string, string] }): string[] {
  if (generatedColumns.length === 0) return [];
  const where = `${q("type")} = ${quoteLiteral(GENERATED_COLUMN)} AND ${q("database")} = current_database() AND ${q("schema")} = current_schema() AND ${q("table")} = ${quoteLiteral(table)}`;
  if (rename.column) {
    const [from, to] = rename.column;
    if (!generatedColumns.includes(from)) return [];
    return [CREATE_METADATA_TABLE, `UPDATE ${q(TYPEORM_METADATA)} SET ${q("name")} = ${quoteLiteral(to)} WHERE ${where} AND ${q("name")} = ${quoteLiteral(from)}`];
  }
  if (rename.table === undefined) return [];
  return [CREATE_METADATA_TABLE, `UPDATE ${q(TYPEORM_METADATA)} SET ${q("table")} = ${quoteLiteral(rename.table)} WHERE ${where}`];
}
