import type { Column, Table } from "../schema/types";

/**
 * A column as a migration file writes it: fixed key order (so the same diff renders identically)
 * and no raw type (the dialect derives its DDL from the canonical type).
 */
export function columnSpec(c: Column): Record<string, unknown> {
  return {
    name: c.name,
    type: c.type,
    length: c.length,
    precision: c.precision,
    scale: c.scale,
    unsigned: c.unsigned,
    enumValues: c.enumValues,
    enumName: c.enumName,
    array: c.array,
    nullable: c.nullable,
    default: c.default,
    autoIncrement: c.autoIncrement,
    onUpdate: c.onUpdate,
    comment: c.comment,
    asExpression: c.asExpression,
    generatedType: c.generatedType,
    charset: c.charset,
    collation: c.collation,
  };
}

/** A column definition without its name, as `alterColumn`'s from/to write it. */
export function columnDefinition(c: Column): Record<string, unknown> {
  const { name: _name, ...rest } = columnSpec(c);
  return rest;
}

export function tableSpec(t: Table): Record<string, unknown> {
  return {
    name: t.name,
    columns: t.columns.map(columnSpec),
    primaryKey: t.primaryKey && { name: t.primaryKey.name, columns: t.primaryKey.columns },
    uniques: t.uniques.length ? t.uniques.map((u) => ({ name: u.name, columns: u.columns })) : undefined,
    indexes: t.indexes.length
      ? t.indexes.map((i) => ({ name: i.name, columns: i.columns, unique: i.unique || undefined, where: i.where, method: i.method }))
      : undefined,
    foreignKeys: t.foreignKeys.length
      ? t.foreignKeys.map((fk) => ({
          name: fk.name,
          columns: fk.columns,
          referencedTable: fk.referencedTable,
          referencedColumns: fk.referencedColumns,
          onDelete: fk.onDelete,
          onUpdate: fk.onUpdate,
          deferrable: fk.deferrable,
        }))
      : undefined,
    checks: t.checks?.length ? t.checks.map((c) => ({ name: c.name, expression: c.expression })) : undefined,
    comment: t.comment,
    // Only what can be re-created (an exclusion constraint's definition); the rest is never written.
    unmodelled: t.unmodelled?.some((u) => u.definition)
      ? t.unmodelled.filter((u) => u.definition).map((u) => ({ kind: u.kind, name: u.name, definition: u.definition }))
      : undefined,
  };
}
