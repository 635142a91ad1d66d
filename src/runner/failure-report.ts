import { failureDetail, type LogEntry } from "./audit-log";

/** A migration that failed partway and left statements applied (no transactional DDL). */
export interface PartialFailure {
  readonly revision: string;
  readonly direction: string;
  readonly file?: string;
  /** When it started (ISO 8601, UTC). */
  readonly at: string;
  readonly error: string;
  /** The statements that ran and remain applied, in order. */
  readonly statements: readonly string[];
  /** The migration never finished (its process was killed or lost its connection) rather than failing. */
  readonly interrupted: boolean;
  /** Interrupted: the statement sent last, which may or may not have taken effect. */
  readonly pending?: string;
}

export function partialFailure(entry: LogEntry): PartialFailure {
  const { error, statements, pending } = failureDetail(entry);
  return {
    revision: entry.revision,
    direction: entry.direction,
    ...(entry.file ? { file: entry.file } : {}),
    at: entry.appliedAt,
    error,
    statements,
    interrupted: entry.status === "running",
    ...(pending !== undefined ? { pending } : {}),
  };
}

/** What `current` prints for a partial failure; `heads` are where the version table stands. */
export function describeFailure(f: PartialFailure, heads: readonly string[]): string[] {
  const recorded = heads.length ? heads.join(" ") : "base";
  if (f.interrupted) {
    return [
      `revision ${f.revision} was interrupted during its ${f.direction} started on ${f.at}${f.file ? ` (${f.file})` : ""}: the process stopped before it finished (killed, or its connection was lost).`,
      `${f.statements.length} statement(s) completed and remain applied${f.statements.length ? ":" : "."}`,
      ...f.statements.map((s, i) => `  ${i + 1}. ${s}`),
      ...(f.pending !== undefined ? ["This statement was running and may or may not have taken effect (check the database):", `  ${f.pending}`] : []),
      `Settle it by hand, then stamp: finish the rest of ${f.revision} and run \`athanor stamp ${f.revision}\`, or undo what ran and run \`athanor stamp ${recorded}\`. Until then \`athanor upgrade\` refuses to run.`,
    ];
  }
  return [
    `revision ${f.revision} failed partway on ${f.at} (${f.direction}${f.file ? ` of ${f.file}` : ""}): ${f.statements.length} statement(s) ran and remain applied:`,
    ...f.statements.map((s, i) => `  ${i + 1}. ${s}`),
    `  error: ${f.error}`,
    `Fix by hand, then stamp: finish the rest of ${f.revision} and run \`athanor stamp ${f.revision}\`, or undo the statements above and run \`athanor stamp ${recorded}\`.`,
  ];
}
