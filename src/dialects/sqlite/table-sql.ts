import type { Check, Column, ForeignKey, Index, Table, UniqueConstraint } from "../../schema/types";
import { declaredType } from "./normalise";
import { quoteIdentifier as q, quoteLiteral } from "./quote";
import { columnConstraints, foreignKeyClauses, tableConstraints, tableOptions } from "./unmodelled";

/**
 * CREATE TABLE / CREATE INDEX text, spelt as TypeORM's AbstractSqliteQueryRunner.createTableSql
 * spells it, so that TypeORM's own (regex-based) reader of sqlite_master sees no difference:
 * a single-column primary key inline (`PRIMARY KEY AUTOINCREMENT`), `COLLATE`, `NOT NULL`,
 * `AS (expr) VIRTUAL|STORED` or `DEFAULT (expr)`, then `CONSTRAINT "UQ_…" UNIQUE (…)`,
 * `CONSTRAINT "CHK_…" CHECK (…)`, `CONSTRAINT "FK_…" FOREIGN KEY (…) REFERENCES …`, and a
 * composite `PRIMARY KEY (…)` last. SQLite keeps no primary key name, nor does TypeORM write one.
 * What the introspector read but does not model (unmodelled.ts) is written again verbatim: a
 * column's own clauses after its definition, table constraints after the modelled ones, table
 * options after the closing parenthesis.
 */

const list = (names: readonly string[]) => names.map(q).join(", ");

export interface ColumnSqlOptions {
  /** Declare `PRIMARY KEY` on the column itself (single-column primary key). */
  readonly inlinePrimaryKey?: boolean;
  /** Unmodelled column constraints to write again, verbatim, after the modelled ones. */
  readonly extra?: readonly string[];
}

export function columnSql(c: Column, options: ColumnSqlOptions = {}): string {
  let sql = `${q(c.name)} ${declaredType(c)}`;
  if (c.enumValues && c.enumValues.length > 0) {
    sql += ` CHECK( ${q(c.name)} IN (${c.enumValues.map(quoteLiteral).join(",")}) )`;
  }
  if (options.inlinePrimaryKey) sql += " PRIMARY KEY";
  if (c.autoIncrement) sql += " AUTOINCREMENT";
  if (c.collation !== undefined) sql += ` COLLATE ${c.collation}`;
  if (!c.nullable) sql += " NOT NULL";
  if (c.asExpression !== undefined) sql += ` AS (${c.asExpression}) ${c.generatedType ?? "VIRTUAL"}`;
  // Parenthesised as TypeORM writes it, ADD COLUMN included (it accepts a constant in parentheses,
  // https://www.sqlite.org/lang_altertable.html#altertabaddcol), so the stored CREATE TABLE text is
  // what TypeORM's synchronize leaves.
  else if (c.default !== undefined) sql += ` DEFAULT (${c.default})`;
  for (const clause of options.extra ?? []) sql += ` ${clause}`;
  return sql;
}

export function checkSql(c: Check): string {
  return `CONSTRAINT ${q(c.name)} CHECK (${c.expression})`;
}

export function uniqueSql(u: UniqueConstraint): string {
  return `CONSTRAINT ${q(u.name)} UNIQUE (${list(u.columns)})`;
}

export function foreignKeySql(fk: ForeignKey, clauses: readonly string[] = []): string {
  return (
    `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${q(fk.referencedTable)} (${list(fk.referencedColumns)})` +
    ` ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}` +
    clauses.map((c) => ` ${c}`).join("")
  );
}

/** `CREATE TABLE`, optionally under another name (the rebuild's temporary table). */
export function createTableSql(table: Table, name: string = table.name): string {
  const pk = table.primaryKey?.columns ?? [];
  const inline = pk.length === 1 ? pk[0] : undefined;
  const parts = table.columns.map((c) => columnSql(c, { inlinePrimaryKey: c.name === inline, extra: columnConstraints(table, c.name) }));
  for (const u of table.uniques) parts.push(uniqueSql(u));
  for (const c of table.checks ?? []) parts.push(checkSql(c));
  for (const fk of table.foreignKeys) parts.push(foreignKeySql(fk, foreignKeyClauses(table, fk.name)));
  parts.push(...tableConstraints(table));
  if (pk.length > 1) parts.push(`PRIMARY KEY (${list(pk)})`);
  const options = tableOptions(table);
  return `CREATE TABLE ${q(name)} (${parts.join(", ")})${options.length ? ` ${options.join(" ")}` : ""}`;
}

export function createIndexSql(table: string, index: Index): string {
  const where = index.where !== undefined ? ` WHERE ${index.where}` : "";
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${q(index.name)} ON ${q(table)} (${list(index.columns)})${where}`;
}

export function dropIndexSql(index: Index): string {
  return `DROP INDEX ${q(index.name)}`;
}
