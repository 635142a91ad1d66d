import type { Op } from "../ops/types";
import { compareNames } from "../schema/lookup";

/**
 * A drop of something in the database that no entity declares: a table no entity maps, or an
 * index no entity declares (a hand-made one, e.g. an expression index). Proposing it is right by
 * default (TypeORM's own generator never sees dropped tables), but it loses data or work someone
 * did on purpose, so commands and migration files list these drops together, with how to keep them.
 */
export interface UnmappedDrop {
  readonly kind: "table" | "index";
  readonly table: string;
  /** The index's name; the table's for a table. */
  readonly name: string;
}

/**
 * The unmapped drops among `ops`, tables first, then indexes, each sorted by name. An index that is
 * dropped and created again under the same name (a changed definition) is still declared, and
 * not listed.
 */
export function unmappedDrops(ops: readonly Op[]): UnmappedDrop[] {
  const recreated = new Set(ops.flatMap((op) => (op.kind === "createIndex" ? [JSON.stringify([op.table, op.index.name])] : [])));
  const tables: UnmappedDrop[] = [];
  const indexes: UnmappedDrop[] = [];
  for (const op of ops) {
    if (op.kind === "dropTable") tables.push({ kind: "table", table: op.table.name, name: op.table.name });
    else if (op.kind === "dropIndex" && !recreated.has(JSON.stringify([op.table, op.index.name]))) indexes.push({ kind: "index", table: op.table, name: op.index.name });
  }
  tables.sort((a, b) => compareNames(a.name, b.name));
  indexes.sort((a, b) => compareNames(a.table, b.table) || compareNames(a.name, b.name));
  return [...tables, ...indexes];
}
