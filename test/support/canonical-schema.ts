/**
 * A schema as plain data in one canonical order, for judging two schemas equal without asking the
 * differ: `compare(a, b)` returning nothing proves only that they agree on the fields compare looks
 * at, and is blind to any field it ignores. This form compares every field.
 *
 * What is not part of a schema's meaning is levelled: tables, indexes, uniques, foreign keys and
 * checks are sorted by name (the catalog has no order for them); columns by name too, because a
 * column dropped and re-added lands at the end of its table and no op can put it back in place;
 * an empty `checks`/`unmodelled` list is the same as an absent one, and a key holding `undefined`
 * the same as an absent key (the IR is JSON data). The order of columns inside a key or an index
 * is meaningful and kept.
 */
import type { Schema, Table } from "../../src/schema/types";

const byName = <T extends { readonly name: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

function canonicalTable(t: Table): Table {
  const { checks, unmodelled, ...rest } = t;
  return {
    ...rest,
    columns: byName(t.columns),
    indexes: byName(t.indexes),
    uniques: byName(t.uniques),
    foreignKeys: byName(t.foreignKeys),
    ...(checks && checks.length > 0 ? { checks: byName(checks) } : {}),
    ...(unmodelled && unmodelled.length > 0 ? { unmodelled: byName(unmodelled) } : {}),
  };
}

export function canonicalSchema(schema: Schema): Schema {
  return JSON.parse(JSON.stringify({ tables: byName(schema.tables).map(canonicalTable) })) as Schema;
}
