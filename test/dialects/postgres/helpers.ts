import { postgresDialect } from "../../../src/dialects/postgres";
import type { Connection, CompileContext } from "../../../src/dialects/dialect";
import type { Op } from "../../../src/ops/types";
import type { Column, Schema, Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase, type TestDatabase } from "../../support/databases";

export function connectTo(db: TestDatabase): Promise<Connection> {
  const o = db.typeorm as { host: string; port: number; username: string; password: string; database: string };
  return postgresDialect.connect({ host: o.host, port: o.port, user: o.username, password: o.password || undefined, database: o.database });
}

/** Compiles `op` against the live catalog and runs its statements. */
export async function apply(conn: Connection, op: Op): Promise<string[]> {
  const ctx: CompileContext = {
    currentTable: async (name) => (await postgresDialect.introspect(conn, { exclude: [] })).tables.find((t) => t.name === name),
  };
  const statements = await postgresDialect.compile(op, ctx);
  for (const sql of statements) await conn.query(sql);
  return statements;
}

export function read(conn: Connection): Promise<Schema> {
  return postgresDialect.introspect(conn, { exclude: [] });
}

/** The table without the informative rawType, as the differ compares it. */
export function comparable(table: Table | undefined): Table | undefined {
  if (!table) return undefined;
  return { ...table, columns: table.columns.map(stripRaw) };
}

function stripRaw({ rawType, ...rest }: Column): Column {
  return rest;
}

/** Runs `fn` on a connection to a fresh database of its own, or skips the test when no PostgreSQL server is reachable. */
export async function live(fn: (conn: Connection) => Promise<void>, t: { skip(reason: string): void }): Promise<void> {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      await fn(conn);
    } finally {
      await conn.close();
    }
  });
}
