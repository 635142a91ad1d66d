import { UnsupportedOperationError } from "../errors";
import { sortTables } from "../schema/lookup";
import type { Schema, Table } from "../schema/types";
import type { Op } from "./types";

/**
 * The schema after `op`: what the runner knows of the database between statements (SQLite's
 * rebuild needs the whole table; offline mode has no database to ask). `execute` is opaque SQL:
 * the schema is returned unchanged and the caller decides whether to read the catalog again.
 */
export function applyOp(schema: Schema, op: Op): Schema {
  switch (op.kind) {
    case "createTable":
      return { tables: sortTables([...schema.tables.filter((t) => t.name !== op.table.name), op.table]) };
    case "dropTable":
      return { tables: schema.tables.filter((t) => t.name !== op.table.name) };
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
      return update(schema, op.table, (t) => ({ ...t, columns: t.columns.filter((c) => c.name !== op.column.name) }));
    case "alterColumn":
      return update(schema, op.table, (t) => ({ ...t, columns: t.columns.map((c) => (c.name === op.from.name ? { ...op.to, name: c.name } : c)) }));
    case "renameColumn": {
      const r = (n: string) => (n === op.from ? op.to : n);
      const renamed = update(schema, op.table, (t) => ({
        ...t,
        columns: t.columns.map((c) => (c.name === op.from ? { ...c, name: op.to } : c)),
        primaryKey: t.primaryKey && { ...t.primaryKey, columns: t.primaryKey.columns.map(r) },
        indexes: t.indexes.map((i) => ({ ...i, columns: i.columns.map(r) })),
        uniques: t.uniques.map((u) => ({ ...u, columns: u.columns.map(r) })),
        foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, columns: fk.columns.map(r) })),
      }));
      return {
        tables: renamed.tables.map((t) => ({
          ...t,
          foreignKeys: t.foreignKeys.map((fk) => (fk.referencedTable === op.table ? { ...fk, referencedColumns: fk.referencedColumns.map(r) } : fk)),
        })),
      };
    }
    case "createIndex":
      return update(schema, op.table, (t) => ({ ...t, indexes: [...t.indexes, op.index] }));
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
      return update(schema, op.table, (t) => ({ ...t, primaryKey: undefined }));
    case "addCheck":
      return update(schema, op.table, (t) => ({ ...t, checks: [...(t.checks ?? []), op.check] }));
    case "dropCheck":
      return update(schema, op.table, (t) => {
        const { checks = [], ...rest } = t;
        const left = checks.filter((c) => c.name !== op.check.name);
        return left.length ? { ...rest, checks: left } : rest;
      });
    case "setTableComment":
      return update(schema, op.table, (t) => {
        const { comment: _old, ...rest } = t;
        return op.to === undefined ? rest : { ...rest, comment: op.to };
      });
    case "execute":
      return schema;
  }
}

function update(schema: Schema, table: string, fn: (t: Table) => Table): Schema {
  if (!schema.tables.some((t) => t.name === table)) {
    throw new UnsupportedOperationError(`table "${table}" does not exist`, "Check the table name in the migration.");
  }
  return { tables: schema.tables.map((t) => (t.name === table ? fn(t) : t)) };
}
