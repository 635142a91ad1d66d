import type { Column, Schema, Table } from "./types";

export function findTable(schema: Schema, name: string): Table | undefined {
  return schema.tables.find((t) => t.name === name);
}

export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** Tables sorted by name: the IR's canonical order, so output never depends on catalog order. */
export function sortTables(tables: readonly Table[]): Table[] {
  return [...tables].sort((a, b) => compareNames(a.name, b.name));
}

export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Removes keys whose value is undefined, so two equal objects serialise identically. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  // for…in over a plain object literal: its own keys. Object.entries allocated a pair per key,
  // the hottest line of reading 2,000 tables.
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}
