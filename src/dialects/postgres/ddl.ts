import type { CompileContext } from "../dialect";
import type { Op } from "../../ops/types";
import type { Column, ForeignKey, Index, Table } from "../../schema/types";
import { UnsupportedOperationError } from "../../errors";
import { quoteIdentifier as q } from "./quote";
import { deferrableSql } from "./deferrable";
import { columnSql, commentSql, needsUuidOssp } from "./column-sql";
import { alterColumnTypeSql, columnTypeChanges } from "./alter-column-type";
import { dropEnumIfUnusedSql, ensureEnumSql, enumTypesOf } from "./enum-types";
import { autoIncrementAfterSql, autoIncrementBeforeSql } from "./identity";

const UUID_OSSP = `CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`;

/** The SQL statements that perform `op`, in order. */
export async function compile(op: Op, ctx: CompileContext): Promise<string[]> {
  switch (op.kind) {
    case "createTable":
      return createTable(op.table);
    case "dropTable":
      return [`DROP TABLE ${q(op.table.name)}`, ...enumTypesOf(op.table.columns).map((e) => dropEnumIfUnusedSql(e.name))];
    case "renameTable":
      return [`ALTER TABLE ${q(op.from)} RENAME TO ${q(op.to)}`];
    case "addColumn":
      return [
        ...prerequisites([op.column]),
        `ALTER TABLE ${q(op.table)} ADD COLUMN ${columnSql(op.column)}`,
        ...(op.column.comment ? [commentSql(op.table, op.column.name, op.column.comment)] : []),
      ];
    case "dropColumn":
      return [
        `ALTER TABLE ${q(op.table)} DROP COLUMN ${q(op.column.name)}`,
        ...enumTypesOf([op.column]).map((e) => dropEnumIfUnusedSql(e.name)),
      ];
    case "alterColumn":
      return alterColumn(op.table, op.from, op.to);
    case "renameColumn":
      return [`ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}`];
    case "createIndex":
      return [createIndexSql(op.table, op.index, op.concurrently === true)];
    case "dropIndex":
      return [`DROP INDEX ${op.concurrently ? "CONCURRENTLY " : ""}${q(op.index.name)}`];
    case "addUnique":
      return [`ALTER TABLE ${q(op.table)} ADD CONSTRAINT ${q(op.unique.name)} UNIQUE (${names(op.unique.columns)})`];
    case "dropUnique":
      return [dropConstraintSql(op.table, op.unique.name)];
    case "addForeignKey":
      return [`ALTER TABLE ${q(op.table)} ADD ${foreignKeySql(op.foreignKey)}`];
    case "dropForeignKey":
      return [dropConstraintSql(op.table, op.foreignKey.name)];
    case "addPrimaryKey": {
      const name = op.primaryKey.name ? `CONSTRAINT ${q(op.primaryKey.name)} ` : "";
      return [`ALTER TABLE ${q(op.table)} ADD ${name}PRIMARY KEY (${names(op.primaryKey.columns)})`];
    }
    case "dropPrimaryKey": {
      // An unnamed key got PostgreSQL's default name; the live catalog knows it for sure.
      const name = op.primaryKey.name ?? (await ctx.currentTable(op.table))?.primaryKey?.name ?? `${op.table}_pkey`;
      return [dropConstraintSql(op.table, name)];
    }
    case "addCheck":
    case "dropCheck":
    case "setTableComment":
      // TODO(zero-noise): compiled by the dialect owner; until then a clear error, never silence.
      throw new UnsupportedOperationError(`${op.kind} is not supported on ${"PostgreSQL"} yet`, "Use op.execute with the SQL for now.");
    case "execute":
      return [op.sql];
    default: {
      const never: never = op;
      throw new UnsupportedOperationError(`unknown op ${JSON.stringify(never)}`);
    }
  }
}

function createTable(table: Table): string[] {
  const parts = table.columns.map(columnSql);
  if (table.primaryKey) {
    const name = table.primaryKey.name ? `CONSTRAINT ${q(table.primaryKey.name)} ` : "";
    parts.push(`${name}PRIMARY KEY (${names(table.primaryKey.columns)})`);
  }
  for (const u of table.uniques) parts.push(`CONSTRAINT ${q(u.name)} UNIQUE (${names(u.columns)})`);
  for (const fk of table.foreignKeys) parts.push(foreignKeySql(fk));
  return [
    ...prerequisites(table.columns),
    `CREATE TABLE ${q(table.name)} (${parts.join(", ")})`,
    ...table.columns.filter((c) => c.comment).map((c) => commentSql(table.name, c.name, c.comment)),
    ...table.indexes.map((i) => createIndexSql(table.name, i)),
  ];
}

/** Enum types and extensions the columns need, created before the table or column. */
function prerequisites(columns: readonly Column[]): string[] {
  const out: string[] = [];
  if (columns.some(needsUuidOssp)) out.push(UUID_OSSP);
  out.push(...enumTypesOf(columns).map((e) => ensureEnumSql(e.name, e.values)));
  return out;
}

function createIndexSql(table: string, index: Index, concurrently = false): string {
  const where = index.where ? ` WHERE ${index.where}` : "";
  const online = concurrently ? "CONCURRENTLY " : "";
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${online}${q(index.name)} ON ${q(table)} (${names(index.columns)})${where}`;
}

function foreignKeySql(fk: ForeignKey): string {
  return (
    `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${names(fk.columns)}) ` +
    `REFERENCES ${q(fk.referencedTable)} (${names(fk.referencedColumns)}) ` +
    `ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}${deferrableSql(fk.deferrable)}`
  );
}

function dropConstraintSql(table: string, name: string): string {
  return `ALTER TABLE ${q(table)} DROP CONSTRAINT ${q(name)}`;
}

function names(columns: readonly string[]): string {
  return columns.map(q).join(", ");
}

/**
 * In-place alteration that keeps the data: the type (alter-column-type.ts), the generation strategy
 * (identity.ts), SET/DROP DEFAULT, SET/DROP NOT NULL, the comment.
 */
function alterColumn(table: string, from: Column, to: Column): string[] {
  if (from.name !== to.name) {
    throw new UnsupportedOperationError(
      `alterColumn cannot rename "${from.name}" to "${to.name}"`,
      "emit a renameColumn op before the alteration",
    );
  }
  const alter = `ALTER TABLE ${q(table)} ALTER COLUMN ${q(to.name)}`;
  const out: string[] = [...autoIncrementBeforeSql(table, from, to)];
  if (columnTypeChanges(from, to)) out.push(...alterColumnTypeSql(table, from, to));
  else if (from.default !== to.default && to.autoIncrement === undefined) {
    out.push(to.default === undefined ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${to.default}`);
  }
  out.push(...autoIncrementAfterSql(table, from, to));
  if (from.nullable !== to.nullable) out.push(`${alter} ${to.nullable ? "DROP" : "SET"} NOT NULL`);
  if ((from.comment ?? "") !== (to.comment ?? "")) out.push(commentSql(table, to.name, to.comment));
  return out;
}
