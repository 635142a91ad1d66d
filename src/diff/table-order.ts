import type { ForeignKey, Table } from "../schema/types";

/**
 * Orders tables so each comes after the tables its foreign keys reference (`existing` tables are
 * already there). Where references form a cycle, the foreign keys that close it are `deferred`:
 * they are added after all the tables exist. Ties keep the input's (alphabetical) order.
 */
export function orderForCreate(tables: readonly Table[], existing: ReadonlySet<string>): {
  ordered: Table[];
  deferred: Map<string, ForeignKey[]>;
} {
  const pending = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set(existing);
  const ordered: Table[] = [];
  const deferred = new Map<string, ForeignKey[]>();
  while (pending.size > 0) {
    const ready = [...pending.values()].find((t) =>
      t.foreignKeys.every((fk) => fk.referencedTable === t.name || placed.has(fk.referencedTable) || !pending.has(fk.referencedTable)),
    );
    const next = ready ?? [...pending.values()][0];
    if (!ready) {
      const cut = next.foreignKeys.filter((fk) => fk.referencedTable !== next.name && !placed.has(fk.referencedTable));
      deferred.set(next.name, cut);
    }
    ordered.push(next);
    placed.add(next.name);
    pending.delete(next.name);
  }
  return { ordered, deferred };
}
