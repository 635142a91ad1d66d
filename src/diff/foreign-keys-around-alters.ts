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
  const alters = ops.flatMap((op, i) => (op.kind === "alterColumn" && changesStorage(op.from, op.to) ? [{ i, table: op.table, column: op.from.name }] : []));
  if (alters.length === 0) return [...ops];
  const handled = new Set(ops.flatMap((op) => (op.kind === "dropForeignKey" || op.kind === "addForeignKey" ? [`${op.table}\u0000${op.foreignKey.name}`] : [])));
  const around: { table: string; foreignKey: ForeignKey }[] = [];
  for (const t of current.tables) {
    for (const fk of t.foreignKeys) {
      if (handled.has(`${t.name}\u0000${fk.name}`)) continue;
      const uses = alters.some(
        (a) => (a.table === t.name && fk.columns.includes(a.column)) || (a.table === fk.referencedTable && fk.referencedColumns.includes(a.column)),
      );
      if (uses) around.push({ table: t.name, foreignKey: fk });
    }
  }
  if (around.length === 0) return [...ops];
  const first = alters[0].i;
  const last = alters[alters.length - 1].i;
  return [
    ...ops.slice(0, first),
    ...around.map((x): Op => ({ kind: "dropForeignKey", table: x.table, foreignKey: x.foreignKey })),
    ...ops.slice(first, last + 1),
    ...around.map((x): Op => ({ kind: "addForeignKey", table: x.table, foreignKey: x.foreignKey })),
    ...ops.slice(last + 1),
  ];
}

/** A default, comment or nullability change leaves the stored type alone and is allowed under a key. */
const KEY_NEUTRAL = new Set(["default", "comment", "onUpdate", "nullable"]);

function changesStorage(from: Column, to: Column): boolean {
  return from.name !== to.name || columnDifferences(from, to).some((f) => !KEY_NEUTRAL.has(f));
}
