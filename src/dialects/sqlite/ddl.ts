import type { CompileContext } from "../dialect";
import type { Op } from "../../ops/types";
import type { Column, Table } from "../../schema/types";
import { UnsupportedOperationError } from "../../errors";
import { isLiteralDefault } from "./normalise";
import { quoteIdentifier as q } from "./quote";
import { applyOp, rebuildSql, type RebuildOp } from "./rebuild";
import { columnSql, createIndexSql, createTableSql, dropIndexSql } from "./table-sql";

/**
 * Op → SQLite statements. Plain ALTER TABLE where SQLite allows it
 * (https://www.sqlite.org/lang_altertable.html); everything else is a table rebuild (rebuild.ts),
 * which the runner must wrap as described there.
 */
export async function compile(op: Op, ctx: CompileContext): Promise<string[]> {
  switch (op.kind) {
    case "createTable":
      return [createTableSql(op.table), ...op.table.indexes.map((i) => createIndexSql(op.table.name, i))];
    case "dropTable":
      return [`DROP TABLE ${q(op.table.name)}`];
    case "renameTable":
      return [`ALTER TABLE ${q(op.from)} RENAME TO ${q(op.to)}`];
    case "renameColumn":
      return [`ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}`];
    case "createIndex":
      return [createIndexSql(op.table, op.index)];
    case "dropIndex":
      return [dropIndexSql(op.index)];
    case "execute":
      return [op.sql];
    case "addColumn":
      if (canAddInPlace(op.column)) return [`ALTER TABLE ${q(op.table)} ADD COLUMN ${columnSql(op.column, { bareDefault: true })}`];
      return rebuild(op, ctx);
    case "dropColumn": {
      const current = await ctx.currentTable(op.table);
      if (!current || canDropInPlace(current, op.column.name)) return [`ALTER TABLE ${q(op.table)} DROP COLUMN ${q(op.column.name)}`];
      return rebuild(op, ctx, current);
    }
    case "alterColumn":
      if (sameColumn(op.from, op.to)) return [];
      if (op.from.name !== op.to.name && sameColumn({ ...op.from, name: op.to.name }, op.to)) {
        return [`ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from.name)} TO ${q(op.to.name)}`];
      }
      return rebuild(op, ctx);
    case "addUnique":
    case "dropUnique":
    case "addForeignKey":
    case "dropForeignKey":
    case "addPrimaryKey":
    case "dropPrimaryKey":
      return rebuild(op, ctx);
    case "addCheck":
    case "dropCheck":
    case "setTableComment":
      // TODO(zero-noise): checks through the rebuild; SQLite has no table comments.
      throw new UnsupportedOperationError(`${op.kind} is not supported on SQLite yet`, "Use op.execute with the SQL for now.");
  }
}

async function rebuild(op: RebuildOp, ctx: CompileContext, known?: Table): Promise<string[]> {
  const current = known ?? (await ctx.currentTable(op.table));
  if (!current) {
    throw new UnsupportedOperationError(
      `cannot ${op.kind} on SQLite table "${op.table}": SQLite needs the table rebuilt, and its current definition is unknown.`,
      "Run against the live database (not offline), or check that the table exists at this point of the migration.",
    );
  }
  return rebuildSql(current, applyOp(current, op));
}

/**
 * ADD COLUMN refuses PRIMARY KEY/UNIQUE, NOT NULL without a non-NULL default, and defaults that
 * are CURRENT_* or parenthesised expressions; AUTOINCREMENT needs a primary key.
 */
function canAddInPlace(c: Column): boolean {
  if (c.autoIncrement) return false;
  if (c.default !== undefined && !isLiteralDefault(c.default)) return false;
  if (!c.nullable && (c.default === undefined || /^null$/i.test(c.default))) return false;
  return true;
}

/** DROP COLUMN refuses a column in the primary key, a unique constraint, an index or a foreign key. */
function canDropInPlace(t: Table, column: string): boolean {
  const uses = (cols: readonly string[]) => cols.includes(column);
  return (
    !uses(t.primaryKey?.columns ?? []) &&
    !t.uniques.some((u) => uses(u.columns)) &&
    !t.indexes.some((i) => uses(i.columns) || (i.where !== undefined && i.where.includes(column))) &&
    !t.foreignKeys.some((f) => uses(f.columns))
  );
}

function sameColumn(a: Column, b: Column): boolean {
  const strip = ({ rawType: _r, ...rest }: Column) => rest;
  return JSON.stringify(sortKeys(strip(a))) === JSON.stringify(sortKeys(strip(b)));
}

function sortKeys(o: object): object {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
}
