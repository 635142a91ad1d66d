import type { Schema } from "../schema/types";

/**
 * Renames are never guessed: the caller says which disappeared name became which new one.
 * `tables` maps an old table name to its new name; `columns` maps, per table (new name), an old
 * column name to its new name.
 */
export interface RenameHints {
  readonly tables: Readonly<Record<string, string>>;
  readonly columns: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export const NO_RENAMES: RenameHints = { tables: {}, columns: {} };

/** A place where something vanished and something appeared: a rename the user may mean. */
export type RenameCandidate =
  | { readonly kind: "table"; readonly dropped: readonly string[]; readonly added: string }
  | { readonly kind: "column"; readonly table: string; readonly dropped: readonly string[]; readonly added: string };

/** Where a rename is possible: the CLI asks the user about each, tests pass fixed hints. */
export function renameCandidates(current: Schema, desired: Schema, hints: RenameHints = NO_RENAMES): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  const currentNames = new Set(current.tables.map((t) => t.name));
  const desiredNames = new Set(desired.tables.map((t) => t.name));
  const renamedTo = new Map(Object.entries(hints.tables).map(([from, to]) => [to, from]));
  const droppedTables = [...currentNames].filter((n) => !desiredNames.has(n) && !(n in hints.tables));
  for (const t of desired.tables) {
    if (currentNames.has(t.name) || renamedTo.has(t.name)) continue;
    if (droppedTables.length > 0) out.push({ kind: "table", dropped: droppedTables, added: t.name });
  }
  for (const t of desired.tables) {
    const from = renamedTo.get(t.name) ?? t.name;
    const before = current.tables.find((c) => c.name === from);
    if (!before) continue;
    const columnHints = hints.columns[t.name] ?? {};
    const hintedTargets = new Set(Object.values(columnHints));
    const beforeNames = new Set(before.columns.map((c) => c.name));
    const afterNames = new Set(t.columns.map((c) => c.name));
    const dropped = [...beforeNames].filter((n) => !afterNames.has(n) && !(n in columnHints));
    for (const c of t.columns) {
      if (beforeNames.has(c.name) || hintedTargets.has(c.name)) continue;
      if (dropped.length > 0) out.push({ kind: "column", table: t.name, dropped, added: c.name });
    }
  }
  return out;
}

/**
 * Decides renames where something vanished and something appeared: the CLI asks the user, a
 * library caller may answer from its own knowledge. Returns the hints to add (possibly none).
 */
export type RenameResolver = (candidates: readonly RenameCandidate[]) => Promise<RenameHints>;

/** Hints `a` and `b` together (b wins where both name the same old name). */
export function mergeHints(a: RenameHints, b: RenameHints): RenameHints {
  const columns: Record<string, Record<string, string>> = {};
  for (const [t, m] of [...Object.entries(a.columns), ...Object.entries(b.columns)]) columns[t] = { ...columns[t], ...m };
  return { tables: { ...a.tables, ...b.tables }, columns };
}

/** What the reviewer reads about a rename athanor did not assume. */
export function describeCandidate(c: RenameCandidate): string {
  if (c.kind === "table") {
    const old = c.dropped.map((d) => `"${d}"`).join(" or ");
    return `table "${c.added}" is new and ${old} is dropped; if it was renamed, regenerate with --rename-table ${c.dropped[0]}:${c.added} (as written, its rows are lost)`;
  }
  const old = c.dropped.map((d) => `"${d}"`).join(" or ");
  return `column "${c.table}.${c.added}" is new and ${old} is dropped; if it was renamed, regenerate with --rename-column ${c.table}.${c.dropped[0]}:${c.added} (as written, its data is lost)`;
}
