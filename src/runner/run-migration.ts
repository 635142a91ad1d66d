import type { CompileContext, CompiledStatement, Connection, Dialect, Queryable } from "../dialects/dialect";
import { AthanorError, LockRetriesExhaustedError, MigrationFailedError } from "../errors";
import { applyOp } from "../ops/apply";
import { dataCheckError, dataCheckSql, dataChecks, type DataCheck } from "../ops/data-checks";
import type { Op } from "../ops/types";
import { findTable } from "../schema/lookup";
import type { Schema } from "../schema/types";
import { insertLogSql, lastLogId, updateLogSql, type FailureDetail, type LogStatus } from "./audit-log";
import type { MigrationScript } from "./load-migrations";
import { MigrationOperations } from "../ops/migration-operations";
import { checkIdentifierLengths } from "../schema/identifier-limits";
import { introducedNames } from "../ops/introduced-names";
import { preflightChecks } from "./preflight-checks";
import { transactionUnits, type TransactionMode } from "./transaction-units";
import { unmanagedTables, writeHeadsSql } from "./version-table";
import { runWithLockRetry, type LockRetryPolicy, type LockWait } from "./with-lock-retry";

import type { Direction } from "./migration-script";
export type { Direction };

/** One migration of a run, with the version table's heads before and after it. */
export interface PlannedStep {
  readonly script: MigrationScript;
  readonly direction: Direction;
  readonly headsBefore: readonly string[];
  readonly headsAfter: readonly string[];
}

export interface StepResult {
  readonly statements: readonly string[];
  readonly ms: number;
}

/**
 * Where a migration's statements go and where the schema it changes comes from: a live
 * connection (statements run, the catalog is read), or an offline script (statements are
 * recorded, the schema is replayed from the earlier migrations).
 */
export interface StatementTarget {
  readonly dialect: Dialect;
  run(sql: string): Promise<void>;
  /** The schema as it stands before the next op. */
  schema(): Promise<Schema>;
  /** The schema after an op; undefined after raw SQL, which may have changed anything. */
  changed(next: Schema | undefined): void;
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Makes sure no row fails `check` (`sql` counts them) before the op runs: stops or records it. */
  check(check: DataCheck, sql: string): Promise<void>;
  /** The live database, for catalog facts the compiler needs (see CompileContext.catalog); absent offline. */
  readonly catalog?: Queryable;
  /** The server version the statements are compiled for (see CompileContext.serverVersion). */
  readonly serverVersion?: string;
}

/**
 * Where the transaction is cut while a migration runs: called before each statement with the
 * boundary it needs (StatementBoundary), it commits and begins again (live) or writes COMMIT;
 * and BEGIN; (offline). Absent when the migration runs outside a transaction: nothing to cut.
 */
export interface TransactionControl {
  before(statement: CompiledStatement): Promise<void>;
}

/**
 * Runs the migration's function with an `op` compiled for the target's dialect, then moves the
 * version table. Each statement is pushed to `ran` once it has completed.
 */
export async function performMigration(
  target: StatementTarget,
  step: PlannedStep,
  ran: string[],
  beforeStatement?: (sql: string) => Promise<void>,
  options: { readonly preflight?: boolean; readonly transaction?: TransactionControl } = {},
): Promise<void> {
  const { dialect } = target;
  if (options.preflight) {
    for (const { check, sql } of await preflightChecks(dialect, await target.schema(), step.script, step.direction)) await target.check(check, sql);
  }
  const run = async (statement: CompiledStatement) => {
    await options.transaction?.before(statement);
    await beforeStatement?.(statement.sql);
    // One call per statement: the lock-timeout wrapper retries exactly this.
    await target.run(statement.sql);
    ran.push(statement.sql);
  };
  const perform = async (op: Op): Promise<void> => {
    // Without online forms (no compileStatements) a replaced index is dropped, then built again.
    if (op.kind === "createIndex" && op.replaces && !dialect.compileStatements) {
      const { replaces, ...build } = op;
      await perform({ kind: "dropIndex", table: op.table, index: replaces, ...(op.concurrently ? { concurrently: true } : {}) });
      return perform(build);
    }
    const before = await target.schema();
    checkIdentifierLengths(introducedNames(op), dialect, "migration");
    // Before anything of the op runs, so a row that would not survive stops it with nothing changed.
    for (const check of dataChecks(op, dialect)) await target.check(check, dataCheckSql(check, dialect));
    const ctx: CompileContext = {
      currentTable: async (n) => findTable(before, n),
      serverVersion: target.serverVersion,
      ...(target.catalog ? { catalog: target.catalog } : {}),
    };
    const statements = dialect.compileStatements ? await dialect.compileStatements(op, ctx) : (await dialect.compile(op, ctx)).map((sql) => ({ sql }));
    for (const statement of statements) await run(statement);
    target.changed(op.kind === "execute" ? undefined : applyOp(before, op));
  };
  const op = new MigrationOperations(perform, async (name) => findTable(await target.schema(), name), (sql, params) => target.query(sql, params), dialect);
  await step.script[step.direction]({ op, dialect: dialect.name });
  for (const sql of writeHeadsSql(dialect, step.headsBefore, step.headsAfter)) await run({ sql });
}

/** A target on a live connection: the catalog is read when needed and tracked between ops. */
export function liveTarget(conn: Connection, runStatement?: (sql: string) => Promise<void>): StatementTarget & { reset(): void } {
  let known: Schema | undefined;
  return {
    dialect: conn.dialect,
    catalog: conn,
    serverVersion: conn.serverVersion,
    async run(sql) {
      if (runStatement) await runStatement(sql);
      else await conn.query(sql);
    },
    async schema() {
      return (known ??= await conn.dialect.introspect(conn, { exclude: unmanagedTables() }));
    },
    changed(next) {
      known = next;
    },
    async query(sql, params) {
      const rows = await conn.query(sql, params);
      known = undefined;
      return rows;
    },
    async check(check, sql) {
      const [row] = await conn.query(sql);
      const rows = Number(row?.n ?? 0);
      if (rows > 0) throw dataCheckError(check, rows, sql);
    },
    reset() {
      known = undefined;
    },
  };
}

export type StepEvent = { readonly phase: "start" | "done"; readonly step: PlannedStep; readonly ms: number };

export interface RunOptions {
  readonly transaction: TransactionMode;
  readonly onStep?: (event: StepEvent) => void;
  /** Lock timeout and retries for the migrations' statements; absent (or timeout 0): none. */
  readonly lockRetry?: LockRetryPolicy;
  /** Each statement that ran out of the lock timeout, before it is retried. */
  readonly onLockWait?: (wait: LockWait) => void;
}

/**
 * Runs the planned migrations in order, cut into transactions as `options.transaction` says,
 * writing an audit-log row for each (inside its transaction, so the log and the version table
 * commit together). A failure rolls back what can be rolled back, records the failure in the
 * log (outside any transaction, so it survives), and throws a MigrationFailedError that says
 * exactly what remains applied.
 */
export async function runPlan(conn: Connection, steps: readonly PlannedStep[], options: RunOptions): Promise<StepResult[]> {
  const { dialect } = conn;
  const transactionalDdl = dialect.capabilities(conn.serverVersion).transactionalDdl;
  const hooks = options.lockRetry && options.lockRetry.timeoutMs > 0 ? dialect.ddlLockTimeout : undefined;
  // Whether a transaction is open right now: a lock-timeout retry then needs a savepoint.
  let open = false;
  let lockWaits: LockWait[] = [];
  const onRetry = (wait: LockWait) => {
    lockWaits.push(wait);
    options.onLockWait?.(wait);
  };
  const target = liveTarget(conn, hooks && options.lockRetry ? (sql) => runWithLockRetry(sql, { conn, hooks, policy: options.lockRetry!, inTransaction: open, onRetry }) : undefined);
  const lockTimeout = async (on: boolean) => {
    for (const sql of hooks ? (on ? hooks.set(options.lockRetry!.timeoutMs) : hooks.reset) : []) await conn.query(sql);
  };
  const results: StepResult[] = [];
  for (const unit of transactionUnits(steps, options.transaction, transactionalDdl)) {
    // Steps of the open transaction, rolled back with it on a failure (--transaction all).
    let committed: PlannedStep[] = [];
    let step = unit.steps[0];
    let ran: string[] = [];
    // How many of `ran` are committed (a commit point passed, or they ran outside the transaction).
    let kept = 0;
    let started = Date.now();
    // Outside a transaction nothing undoes a half-run migration, and a killed process reports
    // nothing: its log row is written first and kept current before each statement, so
    // `current` can name what may have run and `upgrade` refuses until a person settles it.
    const durable = !unit.transaction;
    let progressRow: number | undefined;
    open = false;
    const begin = async () => {
      await conn.query("BEGIN");
      open = true;
    };
    // A commit point (an online op's CONCURRENTLY or VALIDATE) makes what ran so far stay: the log
    // row commits with it, so from here on a failure or a killed process is reported like a
    // migration without transaction. The version table still moves only at the end.
    const commit = async () => {
      const detail = progress(ran, undefined);
      if (progressRow === undefined) {
        await conn.query(insertLogSql(dialect, { ...logEntry(step, started, Date.now() - started, "running", ran.length), detail }));
        progressRow = await lastLogId(conn, dialect);
      } else {
        await conn.query(updateLogSql(dialect, progressRow, { status: "running", durationMs: Date.now() - started, statementsRan: ran.length, detail }));
      }
      await conn.query("COMMIT");
      open = false;
      kept = ran.length;
      committed = [];
    };
    const transaction: TransactionControl | undefined = unit.transaction
      ? {
          async before(statement) {
            if (!open) kept = ran.length;
            if (statement.boundary === "outside-transaction") {
              if (open) await commit();
            } else if (statement.boundary === "commit-before") {
              if (open) await commit();
              await begin();
            } else if (!open) await begin();
          },
        }
      : undefined;
    if (unit.transaction) await begin();
    try {
      const unitResults: StepResult[] = [];
      for (step of unit.steps) {
        ran = [];
        lockWaits = [];
        kept = 0;
        started = Date.now();
        target.reset();
        options.onStep?.({ phase: "start", step, ms: 0 });
        progressRow = undefined;
        if (durable) {
          await conn.query(insertLogSql(dialect, { ...logEntry(step, started, 0, "running", 0), detail: progress([], undefined) }));
          progressRow = await lastLogId(conn, dialect);
        }
        // Inside an open transaction the row would roll back with the statement anyway.
        const beforeStatement = async (sql: string) => {
          if (progressRow === undefined || open) return;
          await conn.query(updateLogSql(dialect, progressRow, { status: "running", durationMs: Date.now() - started, statementsRan: ran.length, detail: progress(ran, sql) }));
        };
        // Once per migration: the version and log tables are athanor's own, so a timeout on them is harmless.
        await lockTimeout(true);
        // A data check failing halfway would leave the ops before it applied where nothing rolls them
        // back (no transaction, or past an online op's commit point): every check is asked first.
        await performMigration(target, step, ran, beforeStatement, { preflight: true, ...(transaction ? { transaction } : {}) });
        await lockTimeout(false);
        if (unit.transaction && !open) await begin();
        await dialect.verifyMigration?.(conn);
        const ms = Date.now() - started;
        const waited = lockWaits.length ? { detail: JSON.stringify({ error: "", statements: [], lockWaits } satisfies FailureDetail) } : {};
        if (progressRow === undefined) await conn.query(insertLogSql(dialect, { ...logEntry(step, started, ms, "ok", ran.length), ...waited }));
        else await conn.query(updateLogSql(dialect, progressRow, { status: "ok", durationMs: ms, statementsRan: ran.length, ...waited }));
        unitResults.push({ statements: ran, ms });
        options.onStep?.({ phase: "done", step, ms });
        committed.push(step);
      }
      if (unit.transaction) await conn.query("COMMIT");
      open = false;
      results.push(...unitResults);
    } catch (e) {
      const wasOpen = open;
      if (open) await conn.query("ROLLBACK").catch(() => undefined);
      open = false;
      await lockTimeout(false).catch(() => undefined);
      // What stays: everything when no transaction was open, else what committed before it.
      const remaining = wasOpen ? ran.slice(0, kept) : ran;
      const committedPartway = unit.transaction && progressRow !== undefined;
      const rolledBack = unit.transaction && remaining.length === 0;
      const error = e as Error;
      const status = remaining.length > 0 ? "partial" : "rolled_back";
      // A partial failure logs what remains; a rolled-back one what ran before it was undone.
      const logged = status === "partial" ? remaining : ran;
      const detail: FailureDetail = { error: error.message, statements: logged, ...(lockWaits.length ? { lockWaits } : {}) };
      const ms = Date.now() - started;
      // Best effort: a broken connection must not hide the migration's own error.
      const record =
        progressRow === undefined
          ? insertLogSql(dialect, { ...logEntry(step, started, ms, status, logged.length), detail: JSON.stringify(detail) })
          : updateLogSql(dialect, progressRow, { status, durationMs: ms, statementsRan: logged.length, detail: JSON.stringify(detail) });
      await conn.query(record).catch(() => undefined);
      throw failure(step, error, {
        rolledBack,
        alsoRolledBack: rolledBack ? committed : [],
        ran: remaining,
        why: committedPartway
          ? "Its online steps (CONCURRENTLY, VALIDATE CONSTRAINT) commit as they go, so what ran before the failure was committed."
          : whyNoRollback(step, options.transaction, transactionalDdl),
      });
    }
  }
  return results;
}

/** A running migration's progress, as `detail` keeps it. */
function progress(ran: readonly string[], pending: string | undefined): string {
  const detail: FailureDetail = { error: "", statements: ran, ...(pending !== undefined ? { pending } : {}) };
  return JSON.stringify(detail);
}

function logEntry(step: PlannedStep, started: number, ms: number, status: LogStatus, statementsRan: number) {
  return {
    revision: step.script.revision,
    direction: step.direction,
    checksum: step.script.checksum,
    file: step.script.file,
    appliedAt: new Date(started).toISOString(),
    durationMs: ms,
    status,
    statementsRan,
  } as const;
}

function whyNoRollback(step: PlannedStep, mode: TransactionMode, transactionalDdl: boolean): string {
  if (!transactionalDdl) return "This database cannot roll back DDL.";
  if (mode === "none") return "It ran without a transaction (--transaction none).";
  if (!step.script.transactional) return "It runs outside a transaction (it exports `transactional = false`).";
  return "It ran without a transaction.";
}

interface FailureFacts {
  readonly rolledBack: boolean;
  /** Earlier migrations of the same transaction (--transaction all), rolled back with it. */
  readonly alsoRolledBack: readonly PlannedStep[];
  readonly ran: readonly string[];
  readonly why: string;
}

function failure(step: PlannedStep, e: Error, facts: FailureFacts): MigrationFailedError {
  const { script, direction, headsBefore } = step;
  const what = `${direction} of ${script.revision} (${script.file}) failed: ${e.message}`;
  const recorded = (heads: readonly string[]) => (heads.length ? heads.join(", ") : "no revision (base)");
  if (facts.rolledBack) {
    const others = facts.alsoRolledBack;
    const also = others.length
      ? `\nThe same transaction (--transaction all) also held ${others.map((s) => s.script.revision).join(", ")}: rolled back too. ` +
        `The version table still records ${recorded(others[0].headsBefore)}.`
      : "";
    return new MigrationFailedError(`${what}\nNothing of this migration remains: it was rolled back.${also}`, e instanceof AthanorError && e.hint ? e.hint : "Fix the migration, then run the command again.");
  }
  if (facts.ran.length === 0) {
    return new MigrationFailedError(
      `${what}\nNone of its statements ran; the version table still records ${recorded(headsBefore)}.`,
      e instanceof AthanorError && e.hint ? e.hint : "Fix the migration, then run the command again.",
    );
  }
  const list = facts.ran.map((s, i) => `  ${i + 1}. ${s}`).join("\n");
  return new MigrationFailedError(
    `${what}\n${facts.why} These ${facts.ran.length} statement(s) of ${script.revision} ran and remain applied:\n${list}\n` +
      `The version table still records ${recorded(headsBefore)}; \`athanor current\` reports this failure until it is settled.`,
    `${e instanceof LockRetriesExhaustedError && e.hint ? `${e.hint}\nThen: ` : ""}Undo the statements above by hand and run the command again, or complete the rest of ${script.revision} by hand and run \`athanor stamp ${script.revision}\`.`,
  );
}
