import type { Column, Table } from "../../schema/types";
import { quoteIdentifier as q, quoteLiteral as lit } from "./quote";

/**
 * TypeORM cannot read a generated column's expression back from SQLite (pragma table_xinfo only
 * says `hidden` 2 or 3), so it keeps a copy in its own `typeorm_metadata` table, one row per
 * generated column: (type 'GENERATED_COLUMN', table, name, value = the entity's asExpression).
 * Its schema builder (AbstractSqliteQueryRunner.loadTables) reads that row and, when it is
 * missing, takes the expression as "" and rebuilds the column on every synchronize. So every op
 * that creates, drops, renames or changes a generated column also maintains that row, exactly as
 * TypeORM's own createTable/addColumn/recreateTable do, and a schema athanor built is one
 * TypeORM's `log()` finds nothing to do on. athanor itself never reads this table: its
 * introspector reads the expression from the CREATE TABLE text.
 */
const TABLE = "typeorm_metadata";
const TYPE = "GENERATED_COLUMN";

/** The table as TypeORM's RdbmsSchemaBuilder.createTypeormMetadataTable creates it on SQLite. */
const ENSURE = `CREATE TABLE IF NOT EXISTS ${q(TABLE)} (${q("type")} varchar NOT NULL, ${q("database")} varchar, ${q("schema")} varchar, ${q("table")} varchar, ${q("name")} varchar, ${q("value")} text)`;

export const isGenerated = (c: Column | undefined): c is Column & { asExpression: string } => c?.asExpression !== undefined;

const where = (table: string, column?: string) =>
  `${q("type")} = ${lit(TYPE)} AND ${q("table")} = ${lit(table)}${column !== undefined ? ` AND ${q("name")} = ${lit(column)}` : ""}`;

function record(table: string, c: Column & { asExpression: string }): string {
  return `INSERT INTO ${q(TABLE)} (${q("database")}, ${q("schema")}, ${q("table")}, ${q("type")}, ${q("name")}, ${q("value")}) VALUES (NULL, NULL, ${lit(table)}, ${lit(TYPE)}, ${lit(c.name)}, ${lit(c.asExpression)})`;
}

/** Rows for a new table's generated columns. */
export function createdTable(t: Table): string[] {
  const generated = t.columns.filter(isGenerated);
  if (generated.length === 0) return [];
  return [ENSURE, `DELETE FROM ${q(TABLE)} WHERE ${where(t.name)}`, ...generated.map((c) => record(t.name, c))];
}

export function droppedTable(t: Table): string[] {
  if (!t.columns.some(isGenerated)) return [];
  return [ENSURE, `DELETE FROM ${q(TABLE)} WHERE ${where(t.name)}`];
}

export function renamedTable(t: Table | undefined, to: string): string[] {
  if (!t || !t.columns.some(isGenerated)) return [];
  return [ENSURE, `UPDATE ${q(TABLE)} SET ${q("table")} = ${lit(to)} WHERE ${where(t.name)}`];
}

/** A column replaced (`from` absent: added; `to` absent: dropped), generated on either side. */
export function changedColumn(table: string, from: Column | undefined, to: Column | undefined): string[] {
  if (!isGenerated(from) && !isGenerated(to)) return [];
  const sql = [ENSURE];
  if (from) sql.push(`DELETE FROM ${q(TABLE)} WHERE ${where(table, from.name)}`);
  if (isGenerated(to)) sql.push(record(table, to));
  return sql;
}
