import type { Dialect } from "../dialects/dialect";
import { AthanorError, MigrationFailedError, OfflineModeError } from "../errors";
import { applyOp } from "../ops/apply";
import { findTable } from "../schema/lookup";
import type { Schema } from "../schema/types";
import type { MigrationScript } from "./load-migrations";
import { MigrationOperations } from "../ops/migration-operations";
import { performMigration, type PlannedStep, type StatementTarget, type TransactionControl } from "./run-migration";
import { transactionUnits, type TransactionMode } from "./transaction-units";
import { createVersionTableSql } from "./version-table";

/**
 * The schema the database has after `scripts` (parents first) were upgraded from an empty one,
 * computed without a database: each migration's `upgrade` runs with an `op` that only applies
 * its ops to the IR. Offline mode needs it because drops carry whole objects and SQLite's
 * rebuild needs the whole table. Raw SQL (`op.execute`) is opaque and leaves the IR as it is;
 * `op.query` answers no rows, since only the schema is wanted here.
 */
export async function replaySchema(dialect: Dialect, scripts: readonly MigrationScript[]): Promise<Schema> {
  let schema: Schema = { tables: [] };
  for (const script of scripts) {
    const op = new MigrationOperations(
      async (o) => {
        schema = applyOp(schema, o);
      },
      async (name) => findTable(schema, name),
      async () => [],
      dialect,
    );
    try {
      await script.upgrade({ op, dialect: dialect.name });
    } catch (e) {
      throw new MigrationFailedError(
        `cannot replay ${script.revision} (${script.file}) to learn the schema offline: ${(e as Error).message}`,
        "Offline mode runs every earlier migration's upgrade against an empty schema in memory; make that migration work from its recorded history, or generate the script online.",
      );
    }
  }
  return schema;
}

export interface OfflineScriptOptions {
  readonly dialect: Dialect;
  readonly serverVersion: string;
  readonly transaction: TransactionMode;
  /** The schema before the first step (see replaySchema). */
  readonly schema: Schema;
  /** Comment lines at the top of the script. */
  readonly header: readonly string[];
}

/**
 * The SQL script of a run, for the database's own client (psql, mariadb, sqlite3): the version
 * table's CREATE, then each migration under a comment naming it, wrapped in BEGIN/COMMIT where
 * the dialect has transactional DDL, with its version-table update. Every statement ends with `;`.
 */
export async function offlineScript(steps: readonly PlannedStep[], options: OfflineScriptOptions): Promise<string> {
  const { dialect } = options;
  const lines: string[] = options.header.map((h) => `-- ${h}`);
  lines.push("");
  for (const sql of dialect.runnerSetup ?? []) lines.push(terminated(sql));
  lines.push(terminated(createVersionTableSql(dialect)), "");
  let schema = options.schema;
  let current: PlannedStep | undefined;
  const target: StatementTarget = {
    dialect,
    serverVersion: options.serverVersion,
    async run(sql) {
      lines.push(terminated(sql));
    },
    async schema() {
      return schema;
    },
    changed(next) {
      // After raw SQL there is no catalog to read again: keep what is known.
      if (next) schema = next;
    },
    async check(check, sql) {
      // No database to ask: whoever runs the script asks it, before the statements that follow.
      lines.push(`-- athanor: stop unless this returns 0 (${oneLine(check.reason)}): ${oneLine(sql)}`);
    },
    async query() {
      const file = current ? `${current.script.revision} (${current.script.file})` : "a migration";
      throw new OfflineModeError(
        `op.query cannot run in offline (--sql) mode: ${file} reads the database, and there is no database`,
        "Run this migration online (without --sql), or generate the script only up to the revision before it.",
      );
    },
  };
  const transactionalDdl = dialect.capabilities(options.serverVersion).transactionalDdl;
  for (const unit of transactionUnits(steps, options.transaction, transactionalDdl)) {
    // The same commit points as a live run (see runPlan): COMMIT; before an online step, BEGIN;
    // again before the next statement that belongs in a transaction.
    let open = unit.transaction;
    const transaction: TransactionControl | undefined = unit.transaction
      ? {
          async before(statement) {
            if (statement.boundary !== undefined && open) lines.push("COMMIT;");
            if (statement.boundary === "outside-transaction") open = false;
            else if (statement.boundary === "commit-before" || !open) {
              lines.push("BEGIN;");
              open = true;
            }
          },
        }
      : undefined;
    if (unit.transaction) lines.push("BEGIN;");
    for (const step of unit.steps) {
      current = step;
      const { script, direction } = step;
      const from = step.headsBefore.length ? step.headsBefore.join(", ") : "base";
      const to = step.headsAfter.length ? step.headsAfter.join(", ") : "base";
      lines.push(`-- Running ${direction} ${script.revision}${script.message ? ` (${oneLine(script.message)})` : ""}; version ${from} -> ${to}`);
      lines.push(`-- file: ${oneLine(script.file)}${script.transactional ? "" : " (runs outside a transaction)"}`);
      try {
        await performMigration(target, step, [], undefined, transaction ? { transaction } : {});
      } catch (e) {
        if (e instanceof OfflineModeError) throw e;
        const hint = e instanceof AthanorError && e.hint ? e.hint : "Fix the migration, then generate the script again.";
        throw new MigrationFailedError(`${direction} of ${script.revision} (${script.file}) failed offline: ${(e as Error).message}`, hint);
      }
      lines.push("");
    }
    if (open) lines.push("COMMIT;", "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** One statement as a client reads it: terminated by exactly one `;`. */
function terminated(sql: string): string {
  return `${sql.trim().replace(/;+\s*$/, "")};`;
}

/** Comments run to the end of the line: a newline in a message must not end one. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ");
}
