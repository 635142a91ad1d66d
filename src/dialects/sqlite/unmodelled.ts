import type { UnmodelledObject } from "../../schema/types";

/**
 * What SQLite's introspector reads from a CREATE TABLE text without modelling it, so a table
 * rebuild (rebuild.ts) can write it again verbatim instead of silently dropping it:
 * - "column constraint": on the column `name` (an unnamed CHECK, an ON CONFLICT clause, a
 *   DEFERRABLE reference…), written again at the end of that column's definition;
 * - "table constraint": an unnamed or unknown table constraint, written again among the table's;
 * - "table option": `WITHOUT ROWID` / `STRICT` after the closing parenthesis;
 * - "foreign key clause": `MATCH …` / `DEFERRABLE …` of the foreign key `name`, written again
 *   after that key's ON DELETE/ON UPDATE (gone with the key when it is dropped);
 * - "key clause", without a definition: a clause on a primary key or unique constraint
 *   (`PRIMARY KEY DESC`, `UNIQUE ON CONFLICT REPLACE`) that cannot be written apart from the key
 *   athanor writes itself; a rebuild of such a table refuses rather than lose it.
 * Any other kind (an exclusion constraint read from a model) is never written on SQLite.
 */
export const COLUMN_CONSTRAINT = "column constraint";
export const TABLE_CONSTRAINT = "table constraint";
export const TABLE_OPTION = "table option";
export const FOREIGN_KEY_CLAUSE = "foreign key clause";
export const KEY_CLAUSE = "key clause";

const unmodelledOf = (t: { readonly unmodelled?: readonly UnmodelledObject[] }, kind: string) =>
  (t.unmodelled ?? []).filter((u) => u.kind === kind && u.definition !== undefined);

export function columnConstraints(t: { readonly unmodelled?: readonly UnmodelledObject[] }, column: string): string[] {
  return unmodelledOf(t, COLUMN_CONSTRAINT).filter((u) => u.name === column).map((u) => u.definition!);
}

export function tableConstraints(t: { readonly unmodelled?: readonly UnmodelledObject[] }): string[] {
  return unmodelledOf(t, TABLE_CONSTRAINT).map((u) => u.definition!);
}

export function tableOptions(t: { readonly unmodelled?: readonly UnmodelledObject[] }): string[] {
  return unmodelledOf(t, TABLE_OPTION).map((u) => u.definition!);
}

export function foreignKeyClauses(t: { readonly unmodelled?: readonly UnmodelledObject[] }, foreignKey: string): string[] {
  return unmodelledOf(t, FOREIGN_KEY_CLAUSE).filter((u) => u.name === foreignKey).map((u) => u.definition!);
}

/** Key clauses a rebuild of `t` would lose (see KEY_CLAUSE). */
export function keyClauses(t: { readonly unmodelled?: readonly UnmodelledObject[] }): UnmodelledObject[] {
  return (t.unmodelled ?? []).filter((u) => u.kind === KEY_CLAUSE);
}
