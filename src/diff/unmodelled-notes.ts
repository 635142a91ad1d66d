import { compareNames } from "../schema/lookup";
import type { Schema, Table, UnmodelledObject } from "../schema/types";

/** Kinds of declared objects the model reader leaves out of the desired schema. */
export type IgnoredKind = "view" | "table elsewhere" | "foreign key elsewhere" | "table option" | "constraint option";

/**
 * Something the entities declare that athanor does not model, so it is not in the diff at all:
 * reported so that a clean diff never hides it.
 */
export interface IgnoredDeclaration {
  readonly kind: IgnoredKind;
  /** The object as TypeORM names it, qualified when it lives elsewhere ("audit.events"). */
  readonly name: string;
  /** Who declares it: "entity ActiveUser". */
  readonly declaredBy: string;
}

const WHY: Record<IgnoredKind, (count: number) => string> = {
  view: (n) =>
    `${n === 1 ? "a view is" : `${n} views are`} declared (@ViewEntity) but athanor does not manage views yet, so no migration creates, changes or drops ${n === 1 ? "it" : "them"} (TypeORM's synchronize would): write ${n === 1 ? "it" : "them"} with op.execute in a migration`,
  "table elsewhere": (n) =>
    `${n === 1 ? "an entity's table lives" : `${n} entities' tables live`} in another schema or database than the connection's, which athanor does not manage yet: left out of the diff (never created in the connection's schema); write ${n === 1 ? "it" : "them"} with op.execute in a migration`,
  "foreign key elsewhere": (n) =>
    `${n === 1 ? "a foreign key references a table" : `${n} foreign keys reference tables`} in another schema or database, which athanor does not manage yet: left out of the diff; write ${n === 1 ? "it" : "them"} with op.execute in a migration`,
  "table option": (n) =>
    `athanor does not model table options yet (TypeORM writes ENGINE on MySQL/MariaDB and WITHOUT ROWID on SQLite when it creates a table): a table athanor creates lacks ${n === 1 ? "this one" : "these"}, and changing ${n === 1 ? "it" : "them"} writes no migration`,
  "constraint option": (n) =>
    `athanor does not model ${n === 1 ? "this column, index or constraint option" : "these column, index and constraint options"} yet (a deferrable unique constraint, a FULLTEXT parser, a PostGIS column's feature type and SRID): what athanor creates lacks ${n === 1 ? "it" : "them"}, and changing ${n === 1 ? "it" : "them"} writes no migration`,
};

const KIND_ORDER: readonly IgnoredKind[] = ["view", "table elsewhere", "foreign key elsewhere", "table option", "constraint option"];

/**
 * What the diff between `current` (the database) and `desired` (the entities) leaves unsaid:
 * - declared objects the model reader ignored (`ignored`), one note per kind naming each;
 * - objects a table of the entities declares but athanor does not model (`table.unmodelled`, e.g.
 *   an `@Exclusion`) that the database does not show: no migration will create them;
 * - objects the database shows on a table the entities keep, that athanor reads but does not model
 *   (a trigger, an exclusion constraint, a clause it cannot parse): never dropped, left as they are.
 * Pure and deterministic: notes come sorted by kind, then table, then name.
 */
export function unmodelledNotes(current: Schema, desired: Schema, ignored: readonly IgnoredDeclaration[] = []): string[] {
  const notes: string[] = [];
  for (const kind of KIND_ORDER) {
    const of = ignored.filter((d) => d.kind === kind).sort((a, b) => compareNames(a.name, b.name) || compareNames(a.declaredBy, b.declaredBy));
    if (of.length === 0) continue;
    notes.push(`${WHY[kind](of.length)}: ${of.map((d) => `"${d.name}" (${d.declaredBy})`).join(", ")}`);
  }

  const live = new Map(current.tables.map((t) => [t.name, t]));
  const missing: string[] = [];
  const kept: string[] = [];
  for (const want of [...desired.tables].sort(byName)) {
    const have = live.get(want.name);
    for (const u of sorted(want.unmodelled)) {
      if (!have || !holds(have, u)) missing.push(`${u.kind} "${u.name}" on "${want.name}"${u.definition ? ` (${u.definition})` : ""}`);
    }
    if (!have) continue;
    for (const u of sorted(have.unmodelled)) {
      if (!holds(want, u)) kept.push(`${u.kind} "${u.name}" on "${have.name}"${u.definition ? ` (${u.definition})` : ""}`);
    }
  }
  if (missing.length > 0) {
    notes.push(
      `declared by the entities but not in the database, and athanor does not create ${missing.length === 1 ? "it" : "them"} (not modelled yet): ${missing.join(", ")}; add ${missing.length === 1 ? "it" : "them"} with op.execute in a migration`,
    );
  }
  if (kept.length > 0) {
    notes.push(`in the database but not modelled by athanor, so left as ${kept.length === 1 ? "it is" : "they are"} (never dropped or changed): ${kept.join(", ")}`);
  }
  return notes;
}

const byName = (a: { readonly name: string }, b: { readonly name: string }) => compareNames(a.name, b.name);

function sorted(list: readonly UnmodelledObject[] | undefined): UnmodelledObject[] {
  return [...(list ?? [])].sort((a, b) => compareNames(a.kind, b.kind) || compareNames(a.name, b.name));
}

/** Unmodelled objects pair by kind and name: their definitions are spelled differently by each reader. */
function holds(table: Table, u: UnmodelledObject): boolean {
  return (table.unmodelled ?? []).some((x) => x.kind === u.kind && x.name === u.name);
}
