import { UnsupportedOperationError } from "../errors";
import { sortTables } from "../schema/lookup";
import type { Check, Schema, Table } from "../schema/types";
import { expressionUses } from "./expression-identifiers";
import type { Op } from "./types";

/**
 * The schema after `op`: the one simulation of the op language, used by every caller — the runner
 * between statements (it reads the catalog once per migration), offline replay (no database to
 * ask), and SQLite's table rebuild (which writes the whole table this function predicts). It
 * predicts what the three databases' catalogs show after athanor's compiled SQL has run:
 *
 * - dropColumn takes with it the primary key and every index, unique constraint, foreign key of
 *   the table and CHECK that uses the column (PostgreSQL drops them itself; MySQL/MariaDB, which
 *   would shrink a multi-column key or refuse, are compiled to drop them explicitly first; SQLite's
 *   rebuild writes this result). A CHECK "uses" the column when its expression names it
 *   (expression-identifiers.ts, deliberately generous). A foreign key of another table that
 *   references the column makes the op fail: every database refuses that drop too.
 * - dropTable fails while another table's foreign key references the table, as PostgreSQL and
 *   MySQL do; it never drops those keys for the caller (the differ drops them first).
 * - alterColumn keeps the column's position; a new name in `to` renames every reference, as
 *   renameColumn does.
 * - renameColumn / renameTable rename every reference: primary key, indexes, uniques, foreign
 *   keys on both sides. Expressions (CHECKs, partial-index predicates, generated columns) are
 *   text and are left as written: the database rewrites them in its own spelling, which the next
 *   catalog read shows.
 * - execute is opaque SQL: the schema is returned unchanged and the caller decides whether to
 *   read the catalog again.
 *
 * An op on a table that does not exist throws an UnsupportedOperationError.
 */
export function applyOp(schema: Schema, op: Op): Schema {
  switch (op.kind) {
    case "createTable":
      return { tables: sortTables([...schema.tables.filter((t) => t.name !== op.table.name), op.table]) };
    case "dropTable": {
      const referrers = referencesTo(schema, op.table.name);
      if (referrers.length > 0) {
        throw new UnsupportedOperationError(
          `cannot drop table "${op.table.name}": ${referrers.join(", ")} still reference${referrers.length === 1 ? "s" : ""} it`,
          "Drop those foreign keys (op.dropForeignKey) or their tables first, then drop the table.",
        );
      }
      return { tables: schema.tables.filter((t) => t.name !== op.table.name) };
    }
    case "renameTable":
      return {
        tables: sortTables(
          schema.tables.map((t) => ({
            ...(t.name === op.from ? { ...t, name: op.to } : t),
            foreignKeys: t.foreignKeys.map((fk) => (fk.referencedTable === op.from ? { ...fk, referencedTable: op.to } : fk)),
          })),
        ),
      };
    case "addColumn":
      return update(schema, op.table, (t) => ({ ...t, columns: [...t.columns, op.column] }));
    case "dropColumn":
      return dropColumn(schema, op.table, op.column.name);
    case "alterColumn": {
      const altered = update(schema, op.table, (t) => ({ ...t, columns: t.columns.map((c) => (c.name === op.from.name ? op.to : c)) }));
      return op.from.name === op.to.name ? altered : renameReferences(altered, op.table, op.from.name, op.to.name);
    }
    case "renameColumn": {
      const renamed = update(schema, op.table, (t) => ({ ...t, columns: t.columns.map((c) => (c.name === op.from ? { ...c, name: op.to } : c)) }));
      return renameReferences(renamed, op.table, op.from, op.to);
    }
    case "createIndex":
      // A replacement takes the old index's place (same name); a plain build adds one.
      return update(schema, op.table, (t) => ({ ...t, indexes: [...t.indexes.filter((i) => !op.replaces || i.name !== op.replaces.name), op.index] }));
    case "dropIndex":
      return update(schema, op.table, (t) => ({ ...t, indexes: t.indexes.filter((i) => i.name !== op.index.name) }));
    case "addUnique":
      return update(schema, op.table, (t) => ({ ...t, uniques: [...t.uniques, op.unique] }));
    case "dropUnique":
      return update(schema, op.table, (t) => ({ ...t, uniques: t.uniques.filter((u) => u.name !== op.unique.name) }));
    case "addForeignKey":
      return update(schema, op.table, (t) => ({ ...t, foreignKeys: [...t.foreignKeys, op.foreignKey] }));
    case "dropForeignKey":
      return update(schema, op.table, (t) => ({ ...t, foreignKeys: t.foreignKeys.filter((fk) => fk.name !== op.foreignKey.name) }));
    case "addPrimaryKey":
      return update(schema, op.table, (t) => ({ ...t, primaryKey: op.primaryKey }));
    case "dropPrimaryKey":
      return update(schema, op.table, (t) => withoutPrimaryKey(t));
    case "addCheck":
      return update(schema, op.table, (t) => withChecks(t, [...(t.checks ?? []), op.check]));
    case "dropCheck":
      return update(schema, op.table, (t) => withChecks(t, (t.checks ?? []).filter((c) => c.name !== op.check.name)));
    case "setTableComment":
      return update(schema, op.table, (t) => {
        const { comment: _old, ...rest } = t;
        return op.to === undefined ? rest : { ...rest, comment: op.to };
      });
    case "execute":
      return schema;
  }
}

/** What of `table` goes when `column` is dropped (see applyOp); compilers that must drop it explicitly read it here. */
export function dropColumnCascade(table: Table, column: string) {
  const uses = (columns: readonly string[]) => columns.includes(column);
  return {
    primaryKey: table.primaryKey !== undefined && uses(table.primaryKey.columns),
    indexes: table.indexes.filter((i) => uses(i.columns) || (i.where !== undefined && expressionUses(i.where, column))),
    uniques: table.uniques.filter((u) => uses(u.columns)),
    foreignKeys: table.foreignKeys.filter((fk) => uses(fk.columns) || (fk.referencedTable === table.name && uses(fk.referencedColumns))),
    checks: (table.checks ?? []).filter((c) => expressionUses(c.expression, column)),
  };
}

function dropColumn(schema: Schema, table: string, column: string): Schema {
  const referrers = referencesTo(schema, table, column);
  if (referrers.length > 0) {
    throw new UnsupportedOperationError(
      `cannot drop column "${column}" of table "${table}": ${referrers.join(", ")} still reference${referrers.length === 1 ? "s" : ""} it`,
      "Drop those foreign keys (op.dropForeignKey) first, then drop the column.",
    );
  }
  return update(schema, table, (t) => {
    const gone = dropColumnCascade(t, column);
    const kept = {
      ...t,
      columns: t.columns.filter((c) => c.name !== column),
      indexes: t.indexes.filter((i) => !gone.indexes.includes(i)),
      uniques: t.uniques.filter((u) => !gone.uniques.includes(u)),
      foreignKeys: t.foreignKeys.filter((fk) => !gone.foreignKeys.includes(fk)),
    };
    return withChecks(gone.primaryKey ? withoutPrimaryKey(kept) : kept, (t.checks ?? []).filter((c) => !gone.checks.includes(c)));
  });
}

/** Foreign keys of other tables that reference `table` (or, given, its `column`), as "foreign key "fk" of "t"". */
function referencesTo(schema: Schema, table: string, column?: string): string[] {
  return schema.tables
    .filter((t) => t.name !== table)
    .flatMap((t) =>
      t.foreignKeys
        .filter((fk) => fk.referencedTable === table && (column === undefined || fk.referencedColumns.includes(column)))
        .map((fk) => `foreign key "${fk.name}" of "${t.name}"`),
    );
}

/** Renames column `from` of `table` to `to` wherever a key names it: its own table, and foreign keys referencing it. */
function renameReferences(schema: Schema, table: string, from: string, to: string): Schema {
  const r = (n: string) => (n === from ? to : n);
  const own = update(schema, table, (t) => ({
    ...t,
    ...(t.primaryKey ? { primaryKey: { ...t.primaryKey, columns: t.primaryKey.columns.map(r) } } : {}),
    indexes: t.indexes.map((i) => ({ ...i, columns: i.columns.map(r) })),
    uniques: t.uniques.map((u) => ({ ...u, columns: u.columns.map(r) })),
    foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, columns: fk.columns.map(r) })),
  }));
  return {
    tables: own.tables.map((t) => ({
      ...t,
      foreignKeys: t.foreignKeys.map((fk) => (fk.referencedTable === table ? { ...fk, referencedColumns: fk.referencedColumns.map(r) } : fk)),
    })),
  };
}

/** The IR has no empty check list and no undefined primary key: absent keys mean none. */
function withChecks(t: Table, checks: readonly Check[]): Table {
  const { checks: _old, ...rest } = t;
  return checks.length ? { ...rest, checks } : rest;
}

function withoutPrimaryKey(t: Table): Table {
  const { primaryKey: _old, ...rest } = t;
  return rest;
}

function update(schema: Schema, table: string, fn: (t: Table) => Table): Schema {
  if (!schema.tables.some((t) => t.name === table)) {
    throw new UnsupportedOperationError(`table "${table}" does not exist`, "Check the table name in the migration.");
  }
  return { tables: schema.tables.map((t) => (t.name === table ? fn(t) : t)) };
}
