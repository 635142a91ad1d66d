import type { Dialect, Queryable } from "../dialects/dialect";
import type { RevisionNode } from "../revisions/graph";

/**
 * The audit log, `athanor_log`, beside the version table: one row per migration run (either
 * direction), per failure, and per stamp. The version table says where the database is; the log
 * says how it got there, with the checksum of each file as it was applied. It is never diffed.
 */
export const LOG_TABLE = "athanor_log";

export type LogDirection = "upgrade" | "downgrade" | "stamp";

/**
 * ok: the migration (or stamp) completed. partial: it failed and the statements it ran stay
 * applied (no transactional DDL, or no transaction): a person must finish or undo them.
 * rolled_back: it failed and nothing of it remains. running: a migration outside a transaction
 * is under way; its row is written before its first statement and updated before each one, so a
 * process killed mid-migration leaves `running` with the statements done and the one under way.
 */
export type LogStatus = "ok" | "partial" | "rolled_back" | "running";

export interface LogEntry {
  readonly id: number;
  readonly revision: string;
  readonly direction: LogDirection;
  /** sha256 of the migration file as it ran; absent for a stamp to base. */
  readonly checksum?: string;
  readonly file?: string;
  /** ISO 8601, UTC: when the migration started. */
  readonly appliedAt: string;
  readonly durationMs: number;
  readonly status: LogStatus;
  /** How many statements ran to completion (all of them when ok; undone again when rolled_back). */
  readonly statementsRan: number;
  /** Failures: the error and the statements that ran, as JSON ({ error, statements }). */
  readonly detail?: string;
}

export type NewLogEntry = Omit<LogEntry, "id">;

/** Failure (or progress) detail kept in `detail`. */
export interface FailureDetail {
  readonly error: string;
  /** Statements that completed. */
  readonly statements: readonly string[];
  /** `running` rows: the statement sent last, which may or may not have taken effect. */
  readonly pending?: string;
  /** Statements that ran out of the DDL lock timeout and were retried (see with-lock-retry.ts). */
  readonly lockWaits?: readonly import("./with-lock-retry").LockWait[];
}

// Plain types every dialect accepts, so the table needs no dialect-specific DDL; the id is
// assigned as MAX(id) + 1 under the migration lock instead of by an auto-increment column.
export function createLogTableSql(dialect: Dialect): string {
  const q = dialect.quoteIdentifier;
  return (
    `CREATE TABLE IF NOT EXISTS ${q(LOG_TABLE)} (` +
    "id INTEGER NOT NULL, revision VARCHAR(255) NOT NULL, direction VARCHAR(16) NOT NULL, checksum VARCHAR(64) NULL, " +
    "file VARCHAR(1000) NULL, applied_at VARCHAR(32) NOT NULL, duration_ms INTEGER NOT NULL, status VARCHAR(16) NOT NULL, " +
    `statements_ran INTEGER NOT NULL, detail TEXT NULL, CONSTRAINT ${q(`${LOG_TABLE}_pkc`)} PRIMARY KEY (id))`
  );
}

/** TEXT holds 64 KiB on MySQL: a longer failure report is cut (the error message says it all). */
const MAX_DETAIL = 60_000;

export function insertLogSql(dialect: Dialect, entry: NewLogEntry): string {
  const q = dialect.quoteIdentifier;
  const lit = (v: string | undefined) => (v === undefined ? "NULL" : dialect.quoteLiteral(v));
  const detail = entry.detail && entry.detail.length > MAX_DETAIL ? `${entry.detail.slice(0, MAX_DETAIL)}…` : entry.detail;
  const values = [
    lit(entry.revision),
    lit(entry.direction),
    lit(entry.checksum),
    lit(entry.file),
    lit(entry.appliedAt),
    String(Math.round(entry.durationMs)),
    lit(entry.status),
    String(entry.statementsRan),
    lit(detail),
  ];
  return (
    `INSERT INTO ${q(LOG_TABLE)} (id, revision, direction, checksum, file, applied_at, duration_ms, status, statements_ran, detail) ` +
    `SELECT COALESCE(MAX(id), 0) + 1, ${values.join(", ")} FROM ${q(LOG_TABLE)}`
  );
}

/**
 * Rewrites a log row: progress of a running migration (status `running`, the statements done and
 * the one about to run), then its outcome. Outside a transaction each UPDATE is durable at once.
 */
export function updateLogSql(dialect: Dialect, id: number, change: { readonly status: LogStatus; readonly durationMs: number; readonly statementsRan: number; readonly detail?: string }): string {
  const q = dialect.quoteIdentifier;
  const detail = change.detail && change.detail.length > MAX_DETAIL ? `${change.detail.slice(0, MAX_DETAIL)}…` : change.detail;
  return (
    `UPDATE ${q(LOG_TABLE)} SET status = ${dialect.quoteLiteral(change.status)}, duration_ms = ${Math.round(change.durationMs)}, ` +
    `statements_ran = ${change.statementsRan}, detail = ${detail === undefined ? "NULL" : dialect.quoteLiteral(detail)} WHERE id = ${id}`
  );
}

/** The id of the newest log row (the one just inserted: ids are assigned under the migration lock). */
export async function lastLogId(conn: Queryable, dialect: Dialect): Promise<number> {
  const rows = await conn.query<{ id: number | string | null }>(`SELECT MAX(id) AS id FROM ${dialect.quoteIdentifier(LOG_TABLE)}`);
  return Number(rows[0]?.id ?? 0);
}

interface LogRow {
  id: number | string;
  revision: string;
  direction: string;
  checksum: string | null;
  file: string | null;
  applied_at: string;
  duration_ms: number | string;
  status: string;
  statements_ran: number | string;
  detail: string | null;
}

/**
 * Every row of the audit log, oldest first; none when the table does not exist yet. This is what
 * `history` shows beside each revision (when it was applied, how long it took).
 */
export async function appliedLog(conn: Queryable & { readonly dialect: Dialect }): Promise<LogEntry[]> {
  const dialect = conn.dialect;
  let rows: LogRow[];
  try {
    rows = await conn.query<LogRow>(
      `SELECT id, revision, direction, checksum, file, applied_at, duration_ms, status, statements_ran, detail FROM ${dialect.quoteIdentifier(LOG_TABLE)} ORDER BY id`,
    );
  } catch (e) {
    if (await dialect.tableExists(conn, LOG_TABLE)) throw e;
    return [];
  }
  return rows.map((r) => ({
    id: Number(r.id),
    revision: r.revision,
    direction: r.direction as LogDirection,
    ...(r.checksum ? { checksum: r.checksum } : {}),
    ...(r.file ? { file: r.file } : {}),
    appliedAt: r.applied_at,
    durationMs: Number(r.duration_ms),
    status: r.status as LogStatus,
    statementsRan: Number(r.statements_ran),
    ...(r.detail ? { detail: r.detail } : {}),
  }));
}

/** When each revision was last applied (upgrade or stamp) and is still applied: for `history`. */
export function lastApplied(log: readonly LogEntry[]): Map<string, LogEntry> {
  const out = new Map<string, LogEntry>();
  for (const e of log) {
    if (e.status !== "ok") continue;
    if (e.direction === "downgrade") out.delete(e.revision);
    else out.set(e.revision, e);
  }
  return out;
}

/**
 * A failure that left statements applied, or a migration interrupted while running (the process
 * was killed), that nothing has settled since: only a later completed migration or a stamp
 * clears it (a failure that left nothing behind does not).
 */
export function outstandingFailure(log: readonly LogEntry[]): LogEntry | undefined {
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i];
    if (e.status === "ok") return undefined;
    if (e.status === "partial" || e.status === "running") return e;
  }
  return undefined;
}

export function failureDetail(entry: LogEntry): FailureDetail {
  try {
    const parsed = JSON.parse(entry.detail ?? "{}") as Partial<FailureDetail>;
    return { error: parsed.error ?? "", statements: parsed.statements ?? [], ...(parsed.pending !== undefined ? { pending: parsed.pending } : {}) };
  } catch {
    return { error: entry.detail ?? "", statements: [] };
  }
}

export interface TamperedMigration {
  readonly revision: string;
  readonly file: string;
  /** The checksum recorded when it was applied. */
  readonly applied: string;
  readonly appliedAt: string;
  readonly now: string;
}

/**
 * Applied revisions whose file no longer has the checksum it had when it was applied (the latest
 * upgrade or stamp of it). A revision applied before the log existed has nothing to compare with.
 */
export function tamperedMigrations(
  log: readonly LogEntry[],
  scripts: ReadonlyMap<string, RevisionNode & { readonly file: string; readonly checksum: string }>,
  applied: ReadonlySet<string>,
): TamperedMigration[] {
  const out: TamperedMigration[] = [];
  for (const [revision, entry] of lastApplied(log)) {
    const script = scripts.get(revision);
    if (!script || !applied.has(revision) || !entry.checksum || entry.checksum === script.checksum) continue;
    out.push({ revision, file: script.file, applied: entry.checksum, appliedAt: entry.appliedAt, now: script.checksum });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
