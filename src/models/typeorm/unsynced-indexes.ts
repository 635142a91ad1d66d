import type { DataSourceLike } from "./read-models";

/** An index an entity declares with `synchronize: false`: named by its table and its given name. */
export interface UnsyncedIndex {
  readonly table: string;
  readonly name: string;
}

/**
 * The `@Index(name, { synchronize: false })` indexes of the entities: TypeORM's schema builder
 * never drops, re-creates or alters an index of that name on that table (RdbmsSchemaBuilder's
 * shouldDropIndices returns false for it), typically a GIN or expression index written by hand in
 * a migration. The model reader leaves them out of the desired schema; scope leaves the live one
 * out of the current schema, so the diff never touches it.
 */
export function unsyncedIndexes(ds: DataSourceLike): UnsyncedIndex[] {
  const out: UnsyncedIndex[] = [];
  for (const m of ds.entityMetadatas) {
    for (const i of m.indices) if (i.synchronize === false && typeof i.name === "string" && i.name !== "") out.push({ table: m.tableName, name: i.name });
  }
  return out;
}
