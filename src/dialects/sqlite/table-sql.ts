import type { Column, ForeignKey, Index, Table, UniqueConstraint } from "../../schema/types";
import { declaredType } from "./normalise";
import { quoteIdentifier as q, quoteLiteral } from "./quote";

/**
 * CREATE TABLE / CREATE INDEX text, spelt as TypeORM's AbstractSqliteQueryRunner.createTableSql
 * spells it, so that TypeORM's own (regex-based) reader of sqlite_master sees no difference:
 * a single-column primary key inline (`PRIMARY KEY AUTOINCREMENT`), `NOT NULL`, `DEFAULT (expr)`,
 * then `CONSTRAINT "UQ_…" UNIQUE (…)`, `CONSTRAINT "FK_…" FOREIGN KEY (…) REFERENCES …`, and a
 * composite `PRIMARY KEY (…)` last. SQLite keeps no primary key name, nor does TypeORM write one.
 */

const list = (names: readonly string[]) => names.map(q).join(", ");

export interface ColumnSqlOptions {
  /** Declare `PRIMARY KEY` on the column itself (single-column primary key). */
  readonly inlinePrimaryKey?: boolean;
  /** ALTER TABLE ADD COLUMN refuses parenthesised defaults: write a literal bare. */
  readonly bareDefault?: boolean;
}

export function columnSql(c: Column, options: ColumnSqlOptions = {}): string {
  let sql = `${q(c.name)} ${declaredType(c)}`;
  if (c.enumValues && c.enumValues.length > 0) {
    sql += ` CHECK( ${q(c.name)} IN (${c.enumValues.map(quoteLiteral).join(",")}) )`;
  }
  if (options.inlinePrimaryKey) sql += " PRIMARY KEY";
  if (c.autoIncrement) sql += " AUTOINCREMENT";
  if (!c.nullable) sql += " NOT NULL";
  if (c.default !== undefined) sql += options.bareDefault ? ` DEFAULT ${c.default}` : ` DEFAULT (${c.default})`;
  return sql;
}

export function uniqueSql(u: UniqueConstraint): string {
  return `CONSTRAINT ${q(u.name)} UNIQUE (${list(u.columns)})`;
}

export function foreignKeySql(fk: ForeignKey): string {
  return (
    `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${q(fk.referencedTable)} (${list(fk.referencedColumns)})` +
    ` ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`
  );
}

/** `CREATE TABLE`, optionally under another name (the rebuild's temporary table). */
export function createTableSql(table: Table, name: string = table.name): string {
  const pk = table.primaryKey?.columns ?? [];
  const inline = pk.length === 1 ? pk[0] : undefined;
  const parts = table.columns.map((c) => columnSql(c, { inlinePrimaryKey: c.name === inline }));
  for (const u of table.uniques) parts.push(uniqueSql(u));
  for (const fk of table.foreignKeys) parts.push(foreignKeySql(fk));
  if (pk.length > 1) parts.push(`PRIMARY KEY (${list(pk)})`);
  return `CREATE TABLE ${q(name)} (${parts.join(", ")})`;
}

export function createIndexSql(table: string, index: Index): string {
  const where = index.where !== undefined ? ` WHERE ${index.where}` : "";
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${q(index.name)} ON ${q(table)} (${list(index.columns)})${where}`;
}

export function dropIndexSql(index: Index): string {
  return `DROP INDEX ${q(index.name)}`;
}
