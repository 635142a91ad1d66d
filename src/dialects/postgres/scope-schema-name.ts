import type { Queryable } from "../dialect";

/** The schema the introspector reads (`current_schema()`: the first existing one on the search_path). */
export async function scopeSchemaName(conn: Queryable): Promise<string> {
  const rows = await conn.query<{ name: string | null }>("SELECT current_schema() AS name");
  return rows[0]?.name ?? "public";
}
