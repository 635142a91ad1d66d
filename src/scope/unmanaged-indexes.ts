import type { Schema } from "../schema/types";

/**
 * `schema` without the indexes an entity declares with `synchronize: false` (see
 * models/typeorm/unsynced-indexes.ts): the same rule as TypeORM's, by table and index name, so a
 * hand-made GIN or expression index the entity names is never dropped nor re-created.
 */
export function withoutUnmanagedIndexes(schema: Schema, unmanaged: readonly { readonly table: string; readonly name: string }[]): Schema {
  if (unmanaged.length === 0) return schema;
  const names = new Map<string, Set<string>>();
  for (const u of unmanaged) (names.get(u.table) ?? names.set(u.table, new Set()).get(u.table)!).add(u.name);
  return {
    ...schema,
    tables: schema.tables.map((t) => {
      const skip = names.get(t.name);
      return skip && t.indexes.some((i) => skip.has(i.name)) ? { ...t, indexes: t.indexes.filter((i) => !skip.has(i.name)) } : t;
    }),
  };
}
