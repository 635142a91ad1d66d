/**
 * TypeORM's `typeorm_metadata` table, as far as generated columns need it. On MySQL/MariaDB TypeORM
 * does not read a generated column's expression from the catalog (the server reformats it): it
 * keeps the entity's `asExpression` text in a row of this table when it creates the column, and its
 * schema builder compares that row with the entity verbatim (MysqlQueryRunner.loadTables). A schema
 * athanor builds therefore carries the same rows, or TypeORM would see every generated column as
 * changed. The table is created exactly as TypeORM creates it (RdbmsSchemaBuilder.createTypeormMetadataTable).
 */
import type { Column } from "../../schema/types";
import { quoteIdentifier as q, quoteLiteral } from "./quote";

export const TYPEORM_METADATA = "typeorm_metadata";
export const GENERATED_COLUMN = "GENERATED_COLUMN";

const CREATE_SQL =
  `CREATE TABLE IF NOT EXISTS ${q(TYPEORM_METADATA)} (${q("type")} varchar(255) NOT NULL, ${q("database")} varchar(255) NULL, ` +
  `${q("schema")} varchar(255) NULL, ${q("table")} varchar(255) NULL, ${q("name")} varchar(255) NULL, ${q("value")} text NULL) ENGINE=InnoDB`;

function where(table: string, column?: string): string {
  return (
    `${q("type")} = ${quoteLiteral(GENERATED_COLUMN)} AND ${q("schema")} = DATABASE() AND ${q("table")} = ${quoteLiteral(table)}` +
    (column === undefined ? "" : ` AND ${q("name")} = ${quoteLiteral(column)}`)
  );
}

/** Records (or re-records) the expression of each generated column among `columns`. */
export function recordGenerated(table: string, columns: readonly Column[]): string[] {
  const generated = columns.filter((c) => c.asExpression !== undefined);
  if (generated.length === 0) return [];
  return [
    CREATE_SQL,
    ...generated.flatMap((c) => [
      `DELETE FROM ${q(TYPEORM_METADATA)} WHERE ${where(table, c.name)}`,
      `INSERT INTO ${q(TYPEORM_METADATA)} (${q("type")}, ${q("schema")}, ${q("table")}, ${q("name")}, ${q("value")}) ` +
        `VALUES (${quoteLiteral(GENERATED_COLUMN)}, DATABASE(), ${quoteLiteral(table)}, ${quoteLiteral(c.name)}, ${quoteLiteral(c.asExpression!)})`,
    ]),
  ];
}

/** Forgets generated columns (all of the table's when `column` is undefined). */
export function forgetGenerated(table: string, column?: string): string[] {
  return [CREATE_SQL, `DELETE FROM ${q(TYPEORM_METADATA)} WHERE ${where(table, column)}`];
}

/** Follows a table or column rename. */
export function renameGenerated(table: string, to: { table?: string; column?: { from: string; to: string } }): string[] {
  if (to.table !== undefined) {
    return [CREATE_SQL, `UPDATE ${q(TYPEORM_METADATA)} SET ${q("table")} = ${quoteLiteral(to.table)} WHERE ${where(table)}`];
  }
  const c = to.column!;
  return [CREATE_SQL, `UPDATE ${q(TYPEORM_METADATA)} SET ${q("name")} = ${quoteLiteral(c.to)} WHERE ${where(table, c.from)}`];
}
