import type { Connection, Dialect } from "../dialects/dialect";
import { AthanorError, MigrationFailedError } from "../errors";
import { applyOp } from "../ops/apply";
import type { Op } from "../ops/types";
import { findTable } from "../schema/lookup";
import type { Schema } from "../schema/types";
import type { MigrationScript } from "./load-migrations";
import { MigrationOperations } from "./migration-operations";
import { unmanagedTables, writeHeadsSql } from "./version-table";

export type Direction = "upgrade" | "downgrade";

export interface StepResult {
  readonly statements: readonly string[];
  readonly ms: number;
}

/**
 * Runs one migration in one direction and moves the version table from `headsBefore` to
 * `headsAfter`. Where the database has transactional DDL (and the migration does not opt out)
 * both commit together or not at all. Where it has not (MySQL/MariaDB), a failure is reported
 * with the statements that did run, since they stay applied.
 */
export async function runMigration(
  conn: Connection,
  dialect: Dialect,
  script: MigrationScript,
  direction: Direction,
  headsBefore: readonly string[],
  headsAfter: readonly string[],
): Promise<StepResult> {
  const started = Date.now();
  const useTransaction = dialect.capabilities(conn.serverVersion).transactionalDdl && script.transactional;
  const executed: string[] = [];
  let known: Schema | undefined;
  const current = async (): Promise<Schema> => (known ??= await dialect.introspect(conn, { exclude: unmanagedTables() }));
  const currentTable = async (name: string) => findTable(await current(), name);
  const run = async (sql: string) => {
    await conn.query(sql);
    executed.push(sql);
  };
  const perform = async (op: Op) => {
    const before = await current();
    for (const sql of await dialect.compile(op, { currentTable: async (n) => findTable(before, n) })) await run(sql);
    // Raw SQL may change anything: read the catalog again when next needed.
    known = op.kind === "execute" ? undefined : applyOp(before, op);
  };
  const op = new MigrationOperations(perform, currentTable, async (sql, params) => {
    const rows = await conn.query(sql, params);
    known = undefined;
    return rows;
  });
  if (useTransaction) await conn.query("BEGIN");
  try {
    await script[direction]({ op, dialect: dialect.name });
    for (const sql of writeHeadsSql(dialect, headsBefore, headsAfter)) await run(sql);
    await dialect.verifyMigration?.(conn);
    if (useTransaction) await conn.query("COMMIT");
  } catch (e) {
    if (useTransaction) await conn.query("ROLLBACK").catch(() => undefined);
    throw failure(script, direction, e as Error, useTransaction, executed, headsBefore);
  }
  return { statements: executed, ms: Date.now() - started };
}

function failure(script: MigrationScript, direction: Direction, e: Error, rolledBack: boolean, executed: readonly string[], headsBefore: readonly string[]): MigrationFailedError {
  const what = `${direction} of ${script.revision} (${script.file}) failed: ${e.message}`;
  if (e instanceof AthanorError && e.hint && executed.length === 0) return new MigrationFailedError(what, e.hint);
  if (rolledBack) {
    return new MigrationFailedError(`${what}\nNothing of this migration remains: it was rolled back.`, "Fix the migration, then run the command again.");
  }
  const ran = executed.length === 0 ? "  (none)" : executed.map((s, i) => `  ${i + 1}. ${s}`).join("\n");
  return new MigrationFailedError(
    `${what}\nThis database cannot roll back DDL. These ${executed.length} statement(s) of ${script.revision} ran and remain applied:\n${ran}\n` +
      `The version table still records ${headsBefore.length ? headsBefore.join(", ") : "no revision (base)"}.`,
    `Undo the statements above by hand (or complete the rest of ${script.revision} by hand and run \`athanor stamp ${script.revision}\`), then run the command again.`,
  );
}
