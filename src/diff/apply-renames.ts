import type { Op } from "../ops/types";
import type { Schema, Table } from "../schema/types";
import type { RenameHints } from "./renames";

/**
 * Applies the user's table and column renames to `current`, so the rest of the diff compares
 * like with like, and returns the rename ops. References (index, key and foreign-key columns,
 * referenced tables) follow the rename, as they do in the database.
 */
export function applyRenames(current: Schema, hints: RenameHints): { schema: Schema; ops: Op[] } {
  const ops: Op[] = [];
  const tableName = (n: string) => hints.tables[n] ?? n;
  for (const [from, to] of Object.entries(hints.tables).sort()) {
    if (current.tables.some((t) => t.name === from)) ops.push({ kind: "renameTable", from, to });
  }
  const columnMaps = new Map<string, Readonly<Record<string, string>>>();
  for (const t of current.tables) {
    const map = hints.columns[tableName(t.name)];
    if (!map) continue;
    columnMaps.set(t.name, map);
    for (const [from, to] of Object.entries(map).sort()) {
      if (t.columns.some((c) => c.name === from)) ops.push({ kind: "renameColumn", table: tableName(t.name), from, to });
    }
  }
  const col = (table: string, name: string) => columnMaps.get(table)?.[name] ?? name;
  const tables = current.tables.map((t): Table => {
    const c = (n: string) => col(t.name, n);
    return {
      ...t,
      name: tableName(t.name),
      columns: t.columns.map((x) => ({ ...x, name: c(x.name) })),
      primaryKey: t.primaryKey && { ...t.primaryKey, columns: t.primaryKey.columns.map(c) },
      indexes: t.indexes.map((i) => ({ ...i, columns: i.columns.map(c) })),
      uniques: t.uniques.map((u) => ({ ...u, columns: u.columns.map(c) })),
      foreignKeys: t.foreignKeys.map((fk) => ({
        ...fk,
        columns: fk.columns.map(c),
        referencedTable: tableName(fk.referencedTable),
        referencedColumns: fk.referencedColumns.map((n) => col(fk.referencedTable, n)),
      })),
    };
  });
  return { schema: { tables }, ops };
}
