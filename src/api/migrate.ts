import type { Project } from "../config/resolve-project";
import { MigrationFailedError, TamperedMigrationError } from "../errors";
import { ancestorsOf, headsOf } from "../revisions/graph";
import { planDowngrade, planUpgrade } from "../revisions/targets";
import type { Connection } from "../dialects/dialect";
import { currentHeads, loadRevisions, type Revisions } from "../runner/revisions";
import { describeFailure, partialFailure } from "../runner/failure-report";
import { appliedLog, createLogTableSql, outstandingFailure, tamperedMigrations, type LogEntry, type TamperedMigration } from "../runner/audit-log";
import { DEFAULT_LOCK_TIMEOUT_SECONDS, withMigrationLock } from "../runner/migration-lock";
import { runPlan, type Direction, type PlannedStep } from "../runner/run-migration";
import { transactionModeNote, type TransactionMode } from "../runner/transaction-units";
import { createVersionTableSql } from "../runner/version-table";
import { openDatabase } from "./session";
import { timed } from "../timings";
import { DEFAULT_BACKOFF, DEFAULT_DDL_LOCK_TIMEOUT_MS, DEFAULT_LOCK_RETRIES, type LockRetryPolicy, type LockWait } from "../runner/with-lock-retry";

// Loading the revisions is the runner's (src/runner/revisions.ts), shared with the commands that
// only read the graph; re-exported for the use cases that import it from here.
export { currentHeads, loadRevisions, type Revisions } from "../runner/revisions";

export interface StepReport {
  readonly direction: Direction;
  readonly revision: string;
  readonly message?: string;
  readonly file?: string;
  readonly ms: number;
}

export interface MigrateOptions {
  /** each (default): a transaction per migration; all: one for the run; none: no transactions. */
  readonly transaction?: TransactionMode;
  /** How long to wait for another runner's lock (default 60 s). */
  readonly lockTimeoutSeconds?: number;
  /** Refuse to run when an applied migration file was edited since (TamperedMigrationError). */
  readonly strict?: boolean;
  /** Progress: each migration as it starts and when it is done, with its duration. */
  readonly onStep?: (event: { phase: "start" | "done"; step: StepReport }) => void;
  /** Warnings and notes (edited migration files, a transaction mode the database cannot do). */
  readonly onWarning?: (line: string) => void;
  /** Lock wait of each migration statement, in ms (0: none); overrides the config's `lockTimeout`. */
  readonly ddlLockTimeoutMs?: number;
  /** Retries of a statement that ran out of its lock wait; overrides the config's `lockRetries`. */
  readonly lockRetries?: number;
  /** Each statement that ran out of its lock wait, before it is retried. */
  readonly onLockWait?: (wait: LockWait) => void;
}

/**
 * Applies (or reverts) revisions up (down) to `target` under the database's migration lock: the
 * version table is read once the lock is held, so a runner that waited for another plans from
 * where that one left the database.
 */
export async function migrate(
  project: Project,
  direction: Direction,
  target: string,
  opts: MigrateOptions = {},
): Promise<StepReport[]> {
  const revisions = loadRevisions(project);
  const conn = await openDatabase(project, undefined, direction === "upgrade" ? "create" : "fail");
  try {
    return await withMigrationLock(conn, opts.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS, () => migrateOn(conn, revisions, direction, target, opts, project));
  } finally {
    await conn.close();
  }
}

/**
 * `migrate` on a connection the caller holds (and locks, where others may run): the project's
 * database, or a scratch or embedded one that migrations are replayed into (src/replay/).
 * `settings` are the project's lock-wait defaults.
 */
export async function migrateOn(
  conn: Connection,
  revisions: Revisions,
  direction: Direction,
  target: string,
  opts: MigrateOptions = {},
  settings: Pick<Project, "lockTimeoutMs" | "lockRetries"> = {},
): Promise<StepReport[]> {
  const warn = opts.onWarning ?? (() => undefined);
  const heads = await currentHeads(conn, revisions);
  const log = await appliedLog(conn);
  if (direction === "upgrade") checkChecksums(log, revisions, heads, opts.strict === true, warn);
  const failed = outstandingFailure(log);
  if (failed?.status === "running") {
    // The runner holding the lock before us died mid-migration: what it left is unknown.
    const lines = describeFailure(partialFailure(failed), heads);
    throw new MigrationFailedError(lines.slice(0, -1).join("\n"), lines[lines.length - 1]);
  }
  if (failed) {
    warn(
      `warning: revision ${failed.revision} failed partway on ${failed.appliedAt} and ${failed.statementsRan} of its statement(s) remain applied; ` +
        "`athanor current` lists them. Settle it by hand and `athanor stamp`, or this run may trip over them.",
    );
  }
  const plan = direction === "upgrade" ? planUpgrade(revisions.graph, heads, target) : planDowngrade(revisions.graph, heads, target);
  if (plan.length === 0) return [];
  return runSteps(conn, planSteps(revisions, direction, heads, plan), opts, settings);
}

/** Runs planned steps on `conn` (version and log tables created when missing), with progress. */
export async function runSteps(
  conn: Connection,
  steps: readonly PlannedStep[],
  opts: MigrateOptions = {},
  settings: Pick<Project, "lockTimeoutMs" | "lockRetries"> = {},
): Promise<StepReport[]> {
  if (steps.length === 0) return [];
  const dialect = conn.dialect;
  const mode = opts.transaction ?? "each";
  const note = transactionModeNote(mode, dialect.capabilities(conn.serverVersion).transactionalDdl, dialect.name);
  if (note) opts.onWarning?.(note);
  for (const sql of dialect.runnerSetup ?? []) await conn.query(sql);
  await conn.query(createVersionTableSql(dialect));
  await conn.query(createLogTableSql(dialect));
  const report = (s: PlannedStep, ms: number): StepReport => ({ direction: s.direction, revision: s.script.revision, message: s.script.message, file: s.script.file, ms });
  const lockRetry: LockRetryPolicy = {
    timeoutMs: opts.ddlLockTimeoutMs ?? settings.lockTimeoutMs ?? DEFAULT_DDL_LOCK_TIMEOUT_MS,
    retries: opts.lockRetries ?? settings.lockRetries ?? DEFAULT_LOCK_RETRIES,
    backoff: DEFAULT_BACKOFF,
  };
  const results = await timed("apply", () =>
    runPlan(conn, steps, {
      transaction: mode,
      onStep: (e) => opts.onStep?.({ phase: e.phase, step: report(e.step, e.ms) }),
      lockRetry,
      onLockWait: opts.onLockWait,
    }),
  );
  return steps.map((s, i) => report(s, results[i].ms));
}

/** The version table's heads before and after each revision of `plan`. */
export function planSteps(revisions: Revisions, direction: Direction, heads: readonly string[], plan: readonly string[]): PlannedStep[] {
  const applied = ancestorsOf(revisions.graph, heads);
  let before: readonly string[] = heads;
  return plan.map((id) => {
    if (direction === "upgrade") applied.add(id);
    else applied.delete(id);
    const after = headsOf(revisions.graph, applied);
    const step = { script: revisions.scripts.get(id)!, direction, headsBefore: before, headsAfter: after };
    before = after;
    return step;
  });
}

/** Reports applied migration files edited since they ran; with `strict`, refuses to go on. */
export function checkChecksums(log: readonly LogEntry[], revisions: Revisions, heads: readonly string[], strict: boolean, warn: (line: string) => void): TamperedMigration[] {
  const tampered = tamperedMigrations(log, revisions.scripts, ancestorsOf(revisions.graph, heads));
  if (tampered.length === 0) return tampered;
  const lines = tampered.map((t) => `${t.file} (revision ${t.revision}, applied ${t.appliedAt}) was edited after it was applied`);
  if (strict) {
    throw new TamperedMigrationError(
      `${tampered.length} applied migration file(s) changed since they ran:\n${lines.map((l) => `  ${l}`).join("\n")}`,
      `Restore the file(s) as they were applied (\`git log -p FILE\`), or, if the database already matches the edited files, record them with \`athanor stamp --purge ${heads.join(" ")}\`.`,
    );
  }
  for (const l of lines) warn(`warning: ${l}`);
  return tampered;
}
