import { COLUMN_FIELDS, type Check, type Column, type ForeignKey, type Index, type UniqueConstraint } from "../schema/types";

export function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}

/** The fields of a column definition that differ (never the name or the raw type). */
export function columnDifferences(a: Column, b: Column): string[] {
  return COLUMN_FIELDS.filter((f) => {
    const x = a[f];
    const y = b[f];
    return Array.isArray(x) || Array.isArray(y) ? !sameList(x as string[], y as string[]) : x !== y;
  });
}

export function sameIndex(a: Index, b: Index): boolean {
  return a.unique === b.unique && sameList(a.columns, b.columns) && (a.where ?? "") === (b.where ?? "") && (a.method ?? "") === (b.method ?? "");
}

export function sameCheck(a: Check, b: Check): boolean {
  return a.expression === b.expression;
}

export function sameUnique(a: UniqueConstraint, b: UniqueConstraint): boolean {
  return sameList(a.columns, b.columns);
}

export function sameForeignKey(a: ForeignKey, b: ForeignKey): boolean {
  return (
    sameList(a.columns, b.columns) &&
    a.referencedTable === b.referencedTable &&
    sameList(a.referencedColumns, b.referencedColumns) &&
    a.onDelete === b.onDelete &&
    a.onUpdate === b.onUpdate &&
    a.deferrable === b.deferrable
  );
}
