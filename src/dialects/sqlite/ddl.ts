import type { CompileContext } from "../dialect";
import { dropColumnCascade } from "../../ops/apply";
import type { Op } from "../../ops/types";
import type { Column, Table } from "../../schema/types";
import { UnsupportedOperationError } from "../../errors";
import { isLiteralDefault } from "./normalise";
import { quoteIdentifier as q } from "./quote";
import { expressionsUsing, rebuildSql, rebuiltTable, type RebuildOp } from "./rebuild";
import { columnSql, createIndexSql, createTableSql, dropIndexSql } from "./table-sql";
import * as typeormMetadata from "./typeorm-metadata";
import { keyClauses } from "./unmodelled";
import { DEFAULT_SQLITE_VERSION, sqliteCapabilities } from "./server-version";

/**
 * Op → SQLite statements. Plain ALTER TABLE where SQLite allows it
 * (https://www.sqlite.org/lang_altertable.html); everything else is a table rebuild (rebuild.ts),
 * which the runner must wrap as described there. Ops that touch a generated column also keep
 * TypeORM's copy of its expression up to date (typeorm-metadata.ts).
 */
export async function compile(op: Op, ctx: CompileContext): Promise<string[]> {
  const capabilities = sqliteCapabilities(ctx.serverVersion ?? DEFAULT_SQLITE_VERSION);
  switch (op.kind) {
    case "createTable":
      return [createTableSql(op.table), ...op.table.indexes.map((i) => createIndexSql(op.table.name, i)), ...typeormMetadata.createdTable(op.table)];
    case "dropTable":
      return [`DROP TABLE ${q(op.table.name)}`, ...typeormMetadata.droppedTable(op.table)];
    case "renameTable":
      return [`ALTER TABLE ${q(op.from)} RENAME TO ${q(op.to)}`, ...typeormMetadata.renamedTable(await ctx.currentTable(op.from), op.to)];
    case "renameColumn": {
      const current = await ctx.currentTable(op.table);
      const column = current?.columns.find((c) => c.name === op.from);
      const metadata = typeormMetadata.isGenerated(column) ? typeormMetadata.changedColumn(op.table, column, { ...column, name: op.to }) : [];
      // An unknown column cannot be rebuilt: the statement is left for the server to judge.
      if (capabilities.renameColumn === "rename" || !current || !column) return [`ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}`, ...metadata];
      // Before 3.25 the rebuild renames the column, but cannot rewrite expressions that name it.
      refuseIfUsed(current, op.from, "rename-by-rebuild");
      return [...(await rebuild({ kind: "alterColumn", table: op.table, from: column, to: { ...column, name: op.to } }, ctx, current)), ...metadata];
    }
    case "createIndex":
      return [createIndexSql(op.table, op.index)];
    case "dropIndex":
      return [dropIndexSql(op.index)];
    case "execute":
      return [op.sql];
    case "addColumn": {
      const metadata = typeormMetadata.changedColumn(op.table, undefined, op.column);
      if (canAddInPlace(op.column)) return [`ALTER TABLE ${q(op.table)} ADD COLUMN ${columnSql(op.column)}`, ...metadata];
      return [...(await rebuild(op, ctx)), ...metadata];
    }
    case "dropColumn": {
      const current = await ctx.currentTable(op.table);
      // What the shared simulation drops with the column (keys, indexes, CHECKs) goes; only
      // what it cannot drop (a generated column, an unmodelled clause naming it) refuses the op.
      if (current) refuseIfUsed(rebuiltTable(current, op).table, op.column.name, "drop");
      const metadata = typeormMetadata.changedColumn(op.table, op.column, undefined);
      if (capabilities.dropColumn === "drop" && (!current || canDropInPlace(current, op.column.name))) return [`ALTER TABLE ${q(op.table)} DROP COLUMN ${q(op.column.name)}`, ...metadata];
      return [...(await rebuild(op, ctx, current)), ...metadata];
    }
    case "alterColumn": {
      if (sameColumn(op.from, op.to)) return [];
      const metadata = typeormMetadata.changedColumn(op.table, op.from, op.to);
      if (op.from.name !== op.to.name && sameColumn({ ...op.from, name: op.to.name }, op.to) && capabilities.renameColumn === "rename") {
        return [`ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from.name)} TO ${q(op.to.name)}`, ...metadata];
      }
      if (op.from.name !== op.to.name) {
        const current = await ctx.currentTable(op.table);
        if (current) refuseIfUsed(current, op.from.name, capabilities.renameColumn === "rename" ? "rename" : "rename-by-rebuild");
      }
      return [...(await rebuild(op, ctx)), ...metadata];
    }
    case "addCheck":
    case "dropCheck":
      return rebuild(op, ctx);
    case "setTableComment":
      // SQLite has no table comments (https://www.sqlite.org/lang_createtable.html); the model
      // reader drops them (from-models.ts modelTable), so only a hand-written op gets here.
      return [];
    case "addUnique":
    case "dropUnique":
    case "addForeignKey":
    case "dropForeignKey":
    case "addPrimaryKey":
    case "dropPrimaryKey":
      return rebuild(op, ctx);
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
  const lost = keyClauses(current);
  if (lost.length > 0) {
    throw new UnsupportedOperationError(
      `cannot ${op.kind} on SQLite table "${op.table}": SQLite needs the table rebuilt, and athanor cannot write back ${lost.map((u) => `"${u.name}"`).join(", ")} apart from the key it belongs to.`,
      "Rebuild this table by hand in the migration (op.execute: CREATE TABLE the new definition with those clauses, INSERT … SELECT, DROP TABLE, ALTER TABLE … RENAME TO), instead of this op.",
    );
  }
  return rebuildSql(current, rebuiltTable(current, op));
}

function refuseIfUsed(table: Table, column: string, what: "drop" | "rename" | "rename-by-rebuild"): void {
  const users = expressionsUsing({ ...table, columns: table.columns.filter((c) => c.name !== column) }, [column]);
  if (users.length === 0) return;
  throw new UnsupportedOperationError(
    `cannot ${what === "drop" ? "drop" : "rename"} column "${column}" of SQLite table "${table.name}": ${users.map((u) => `\`${u}\``).join(", ")} still use${users.length === 1 ? "s" : ""} it.`,
    what === "drop"
      ? "Drop or change what uses the column first (a generated column: op.dropColumn or op.alterColumn; a constraint athanor does not model: a hand-written rebuild with op.execute), then drop the column."
      : what === "rename"
        ? "Use op.renameColumn (SQLite's ALTER TABLE RENAME COLUMN rewrites every expression that names the column), then alter the column."
        : "This SQLite (before 3.25) has no RENAME COLUMN, and the table rebuild cannot rewrite those expressions: drop or change them first, rename, then write them again with the new name.",
  );
}

/**
 * ADD COLUMN refuses PRIMARY KEY/UNIQUE, NOT NULL without a non-NULL default, defaults that
 * are CURRENT_* or parenthesised expressions, and STORED generated columns (a VIRTUAL one, even
 * NOT NULL, is fine); AUTOINCREMENT needs a primary key.
 * https://www.sqlite.org/lang_altertable.html#altertabaddcol
 */
export function canAddInPlace(c: Column): boolean {
  if (c.autoIncrement) return false;
  if (c.asExpression !== undefined) return c.generatedType !== "STORED";
  if (c.default !== undefined && !isLiteralDefault(c.default)) return false;
  if (!c.nullable && (c.default === undefined || /^null$/i.test(c.default))) return false;
  return true;
}

/**
 * DROP COLUMN refuses a column in the primary key, a unique constraint, an index, a foreign key
 * or another column's CHECK (https://www.sqlite.org/lang_altertable.html#altertabdropcol): in
 * place only when nothing goes with the column (and only from SQLite 3.35: capabilities.dropColumn).
 */
function canDropInPlace(t: Table, column: string): boolean {
  const gone = dropColumnCascade(t, column);
  return !gone.primaryKey && [gone.indexes, gone.uniques, gone.foreignKeys, gone.checks].every((l) => l.length === 0);
}

function sameColumn(a: Column, b: Column): boolean {
  const strip = ({ rawType: _r, ...rest }: Column) => rest;
  return JSON.stringify(sortKeys(strip(a))) === JSON.stringify(sortKeys(strip(b)));
}

function sortKeys(o: object): object {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
}
