import type { Column, Schema, Table } from "../schema/types";
import { columnDifferences } from "./equal";

/**
 * Renames are never applied on a guess: the caller says which disappeared name became which new one.
 * `tables` maps an old table name to its new name; `columns` maps, per table (new name), an old
 * column name to its new name.
 */
export interface RenameHints {
  readonly tables: Readonly<Record<string, string>>;
  readonly columns: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export const NO_RENAMES: RenameHints = { tables: {}, columns: {} };

/**
 * A rename the user may mean: `dropped` vanished and `added` appeared, and athanor guessed they are
 * one object (`guess` says why, e.g. "same type, same position"). Each added name gets at most one
 * guessed partner and each dropped name is guessed at most once; `others` are the remaining
 * dropped names of the same place (the table, or the schema for tables), for a prompt to offer.
 */
export type RenameCandidate =
  | { readonly kind: "table"; readonly dropped: string; readonly added: string; readonly guess: string; readonly others: readonly string[] }
  | {
      readonly kind: "column";
      readonly table: string;
      readonly dropped: string;
      readonly added: string;
      readonly guess: string;
      readonly others: readonly string[];
    };

/** Where a rename is possible: the CLI asks the user about each, tests pass fixed hints. */
export function renameCandidates(current: Schema, desired: Schema, hints: RenameHints = NO_RENAMES): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  const currentNames = new Set(current.tables.map((t) => t.name));
  const desiredNames = new Set(desired.tables.map((t) => t.name));
  const renamedTo = new Map(Object.entries(hints.tables).map(([from, to]) => [to, from]));
  const droppedTables = current.tables.filter((t) => !desiredNames.has(t.name) && !(t.name in hints.tables));
  const addedTables = desired.tables.filter((t) => !currentNames.has(t.name) && !renamedTo.has(t.name));
  for (const { added, dropped, guess } of guessPairs(addedTables, droppedTables, tableLikeness)) {
    out.push({ kind: "table", dropped: dropped.name, added: added.name, guess, others: othersThan(droppedTables, dropped) });
  }
  for (const t of desired.tables) {
    const from = renamedTo.get(t.name) ?? t.name;
    const before = current.tables.find((c) => c.name === from);
    if (!before) continue;
    const columnHints = hints.columns[t.name] ?? {};
    const hintedTargets = new Set(Object.values(columnHints));
    const beforeNames = new Set(before.columns.map((c) => c.name));
    const afterNames = new Set(t.columns.map((c) => c.name));
    const dropped = before.columns.flatMap((c, position) => (afterNames.has(c.name) || c.name in columnHints ? [] : [{ column: c, position }]));
    const added = t.columns.flatMap((c, position) => (beforeNames.has(c.name) || hintedTargets.has(c.name) ? [] : [{ column: c, position }]));
    for (const pair of guessPairs(added, dropped, columnLikeness)) {
      out.push({
        kind: "column",
        table: t.name,
        dropped: pair.dropped.column.name,
        added: pair.added.column.name,
        guess: pair.guess,
        others: othersThan(
          dropped.map((d) => d.column),
          pair.dropped.column,
        ),
      });
    }
  }
  return out;
}

/** How alike an added and a dropped object look: `rank` sorts best first, `guess` says why. */
interface Likeness {
  readonly rank: readonly number[];
  readonly guess: string;
}

/**
 * Pairs added with dropped objects, best-looking pairs first, each at most once on either side:
 * with more added than dropped, the added objects that look least like any are left unpaired.
 * Ties go to the earlier added, then the earlier dropped, so the result is deterministic. Pairs
 * come back in the order of `added`.
 */
function guessPairs<T>(added: readonly T[], dropped: readonly T[], likeness: (a: T, d: T) => Likeness): { added: T; dropped: T; guess: string }[] {
  const all = added.flatMap((a, ai) => dropped.map((d, di) => ({ ai, di, ...likeness(a, d) })));
  all.sort((x, y) => compareRanks([...x.rank, x.ai, x.di], [...y.rank, y.ai, y.di]));
  const byAdded = new Map<number, { di: number; guess: string }>();
  const taken = new Set<number>();
  for (const p of all) {
    if (byAdded.has(p.ai) || taken.has(p.di)) continue;
    byAdded.set(p.ai, { di: p.di, guess: p.guess });
    taken.add(p.di);
  }
  return [...byAdded].sort(([a], [b]) => a - b).map(([ai, { di, guess }]) => ({ added: added[ai], dropped: dropped[di], guess }));
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Same definition beats same type beats another type; then the nearer position in the table. */
function columnLikeness(a: { column: Column; position: number }, d: { column: Column; position: number }): Likeness {
  const kinship = columnDifferences(a.column, d.column).length === 0 ? 0 : a.column.type === d.column.type ? 1 : 2;
  const distance = Math.abs(a.position - d.position);
  const what = ["same definition", "same type", `type ${d.column.type} → ${a.column.type}`][kinship];
  const where = distance === 0 ? "same position" : `${distance} position${distance === 1 ? "" : "s"} apart`;
  return { rank: [kinship, distance], guess: `${what}, ${where}` };
}

/** The most column names in common first, then the most identical columns. */
function tableLikeness(a: Table, d: Table): Likeness {
  const common = a.columns.filter((c) => d.columns.some((o) => o.name === c.name));
  const identical = common.filter(
    (c) =>
      columnDifferences(
        c,
        d.columns.find((o) => o.name === c.name)!,
      ).length === 0,
  );
  const guess =
    common.length === 0
      ? "no column names in common"
      : `${common.length} of ${a.columns.length} column${a.columns.length === 1 ? "" : "s"} in common (${common.map((c) => c.name).join(", ")})`;
  return { rank: [-common.length, -identical.length], guess };
}

function othersThan<T extends { readonly name: string }>(all: readonly T[], one: T): string[] {
  return all.filter((x) => x !== one).map((x) => x.name);
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

/**
 * What the reviewer reads about a rename athanor did not assume: the guessed pair, why, and the
 * exact flag that makes it a rename.
 */
export function describeCandidate(c: RenameCandidate): string {
  const others = c.others.length ? `; other dropped ${c.kind}s: ${c.others.map((o) => `"${o}"`).join(", ")}` : "";
  if (c.kind === "table") {
    return `table "${c.added}" is new and "${c.dropped}" is dropped; guessed pair (${c.guess}${others}): if it was renamed, regenerate with --rename-table ${c.dropped}:${c.added} (as written, its rows are lost)`;
  }
  return `column "${c.table}.${c.added}" is new and "${c.dropped}" is dropped; guessed pair (${c.guess}${others}): if it was renamed, regenerate with --rename-column ${c.table}.${c.dropped}:${c.added} (as written, its data is lost)`;
}
