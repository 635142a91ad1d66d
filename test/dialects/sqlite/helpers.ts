/** Helpers for the SQLite dialect tests: a connection, and running ops the way the runner must. */
import { sqliteDialect } from "../../../src/dialects/sqlite";
import type { CompileContext, Connection } from "../../../src/dialects/dialect";
import type { Op } from "../../../src/ops/types";
import type { Table } from "../../../src/schema/types";

export const EXCLUDE = { exclude: ["migrations", "typeorm_metadata"] };

/** `serverVersion`: compile as for that SQLite version (absent: the dialect's default). */
export function liveContext(conn: Connection, serverVersion?: string): CompileContext {
  return {
    ...(serverVersion !== undefined ? { serverVersion } : {}),
    async currentTable(name: string): Promise<Table | undefined> {
      return (await sqliteDialect.introspect(conn, EXCLUDE)).tables.find((t) => t.name === name);
    },
  };
}

/**
 * Applies ops as rebuild.ts requires of the runner: foreign keys off outside the transaction,
 * one transaction, `PRAGMA foreign_key_check` before COMMIT, foreign keys back on.
 */
export async function apply(conn: Connection, ...ops: Op[]): Promise<string[]> {
  return applyAs(conn, undefined, ...ops);
}

/** `apply`, compiling for SQLite `serverVersion` (e.g. an older library than the one running). */
export async function applyAs(conn: Connection, serverVersion: string | undefined, ...ops: Op[]): Promise<string[]> {
  const all: string[] = [];
  await conn.query("PRAGMA foreign_keys = OFF");
  await conn.query("BEGIN");
  try {
    for (const op of ops) {
      const sql = await sqliteDialect.compile(op, liveContext(conn, serverVersion));
      for (const s of sql) await conn.query(s);
      all.push(...sql);
    }
    const violations = await conn.query("PRAGMA foreign_key_check");
    if (violations.length) throw new Error(`foreign key violations: ${JSON.stringify(violations)}`);
    await conn.query("COMMIT");
  } catch (e) {
    await conn.query("ROLLBACK");
    throw e;
  } finally {
    await conn.query("PRAGMA foreign_keys = ON");
  }
  return all;
}
