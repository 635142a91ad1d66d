import type { Op } from "../ops/types";
import type { Column, ForeignKey, Schema } from "../schema/types";
import { columnDifferences } from "./equal";

/**
 * Where the database refuses to change a column that a foreign key uses (MySQL/MariaDB:
 * "Cannot change column 'x': used in a foreign key constraint", see
 * https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html), each such key is
 * dropped before the first alteration and re-added after the last, as visible ops, so the
 * reviewer sees it and the downgrade mirrors it. Keys on the altered column and keys from any
 * table referencing it are both concerned. Keys the diff already drops or adds are left to it.
 * Pure: `current` is the schema the ops start from (after renames).
 */
export function foreignKeysAroundAlters(ops: readonly Op[], current: Schema): Op[] {
  const triggers = ops.flatMap((op, i) => {
    const uses = usesOf(op, current);
    return uses ? [{ i, uses }] : [];
  });
  if (triggers.length === 0) return [...ops];
  const handled = new Set(ops.flatMap((op) => (op.kind === "dropForeignKey" || op.kind === "addForeignKey" ? [`${op.table}\u0000${op.foreignKey.name}`] : [])));
  const around: { table: string; foreignKey: ForeignKey }[] = [];
  for (const t of current.tables) {
    for (const fk of t.foreignKeys) {
      if (handled.has(`${t.name}\u0000${fk.name}`)) continue;
      if (triggers.some((x) => x.uses(t.name, fk))) around.push({ table: t.name, foreignKey: fk });
    }
  }
  if (around.length === 0) return [...ops];
  const first = triggers[0].i;
  // Keys come back after the new indexes of their tables too, so MySQL finds the index it needs
  // instead of creating one of its own under the key's name.
  const tables = new Set(around.map((x) => x.table));
  const last = Math.max(
    triggers[triggers.length - 1].i,
    ...ops.map((op, i) => ((op.kind === "createIndex" || op.kind === "addUnique") && tables.has(op.table) ? i : -1)),
  );
  return [
    ...ops.slice(0, first),
    ...around.map((x): Op => ({ kind: "dropForeignKey", table: x.table, foreignKey: x.foreignKey })),
    ...ops.slice(first, last + 1),
    ...around.map((x): Op => ({ kind: "addForeignKey", table: x.table, foreignKey: x.foreignKey })),
    ...ops.slice(last + 1),
  ];
}

type Uses = (table: string, fk: ForeignKey) => boolean;

/**
 * Which keys `op` cannot run under: an alteration of a column a key uses (either side), or the
 * drop of the index a key relies on (InnoDB needs an index whose leading columns are the key's:
 * "Cannot drop index 'REL_…': needed in a foreign key constraint", as when a OneToOne becomes a
 * ManyToOne). Re-adding the key after the drop lets MySQL create the index it needs.
 */
function usesOf(op: Op, current: Schema): Uses | undefined {
  if (op.kind === "alterColumn") {
    if (!changesStorage(op.from, op.to)) return undefined;
    const column = op.from.name;
    return (table, fk) => (table === op.table && fk.columns.includes(column)) || (fk.referencedTable === op.table && fk.referencedColumns.includes(column));
  }
  if (op.kind === "dropIndex" || op.kind === "dropUnique") {
    const dropped = op.kind === "dropIndex" ? op.index : op.unique;
    const table = current.tables.find((t) => t.name === op.table);
    const others = [
      ...(table?.primaryKey ? [table.primaryKey.columns] : []),
      ...(table?.indexes ?? []).filter((i) => i.name !== dropped.name).map((i) => i.columns),
      ...(table?.uniques ?? []).filter((u) => u.name !== dropped.name).map((u) => u.columns),
    ];
    return (t, fk) => t === op.table && leads(fk.columns, dropped.columns) && !others.some((cols) => leads(fk.columns, cols));
  }
  return undefined;
}

/** Whether `key` is the leading part of `columns` (in any order: InnoDB accepts that). */
function leads(key: readonly string[], columns: readonly string[]): boolean {
  const head = new Set(columns.slice(0, key.length));
  return key.length <= columns.length && key.every((c) => head.has(c));
}

/** A default, comment or nullability change leaves the stored type alone and is allowed under a key. */
const KEY_NEUTRAL = new Set(["default", "comment", "onUpdate", "nullable"]);

function changesStorage(from: Column, to: Column): boolean {
  return from.name !== to.name || columnDifferences(from, to).some((f) => !KEY_NEUTRAL.has(f));
}
