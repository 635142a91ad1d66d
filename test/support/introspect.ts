import { parseDatabaseUrl } from "../../src/config/database-url";
import { getDialect } from "../../src/dialects";
import type { Connection } from "../../src/dialects/dialect";
import { unmanagedTables } from "../../src/runner/version-table";
import type { Schema } from "../../src/schema/types";

export async function connectUrl(url: string): Promise<Connection> {
  const { dialect, options } = parseDatabaseUrl(url, process.cwd());
  return getDialect(dialect).connect(options);
}

/** The schema of the database at `url`, without athanor's and TypeORM's bookkeeping tables. */
export async function introspectUrl(url: string, exclude = unmanagedTables()): Promise<Schema> {
  const conn = await connectUrl(url);
  try {
    return await conn.dialect.introspect(conn, { exclude });
  } finally {
    await conn.close();
  }
}

/** Runs statements/queries against the database at `url`. */
export async function queryUrl<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const conn = await connectUrl(url);
  try {
    return await conn.query<T>(sql);
  } finally {
    await conn.close();
  }
}

/** The IR without raw type strings, for comparisons across runs. */
export function withoutRaw(schema: Schema): Schema {
  return { tables: schema.tables.map((t) => ({ ...t, columns: t.columns.map(({ rawType: _r, ...c }) => c) })) };
}
