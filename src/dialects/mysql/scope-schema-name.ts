import type { Queryable } from "../dialect";

/** The database the introspector reads (`DATABASE()`): MySQL's "schema". */
export async function scopeSchemaName(conn: Queryable): Promise<string> {
  const rows = await conn.query<{ name: string | null }>("SELECT DATABASE() AS name");
  return rows[0]?.name ?? "";
}
