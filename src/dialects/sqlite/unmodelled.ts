import type { UnmodelledObject } from "../../schema/types";

/**
 * What SQLite's introspector reads from a CREATE TABLE text without modelling it, so a table
 * rebuild (rebuild.ts) can write it again verbatim instead of silently dropping it:
 * - "column constraint": on the column `name` (an unnamed CHECK, an ON CONFLICT clause, a
 *   DEFERRABLE reference…), written again at the end of that column's definition;
 * - "table constraint": an unnamed or unknown table constraint, written again among the table's;
 * - "table option": `WITHOUT ROWID` / `STRICT` after the closing parenthesis.
 * Any other kind (an exclusion constraint read from a model) is never written on SQLite.
 */
export const COLUMN_CONSTRAINT = "column constraint";
export const TABLE_CONSTRAINT = "table constraint";
export const TABLE_OPTION = "table option";

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
