import type { Project } from "../config/resolve-project";
import { appliedLog, failureDetail, outstandingFailure } from "../runner/audit-log";
import { currentHeads, loadRevisions } from "./migrate";
import { openDatabase } from "./session";

export interface CurrentRevision {
  readonly revision: string;
  readonly message?: string;
  readonly file?: string;
  readonly isHead: boolean;
}

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
}

export interface CurrentState {
  readonly heads: readonly CurrentRevision[];
  /** Set until a later migration completes or a stamp settles it. */
  readonly failure?: PartialFailure;
}

/** Where the database is, and whether a migration failed partway there. */
export async function currentState(project: Project): Promise<CurrentState> {
  const revisions = loadRevisions(project);
  const conn = await openDatabase(project);
  try {
    const ids = await currentHeads(conn, revisions);
    const heads = ids.map((id) => {
      const s = revisions.scripts.get(id)!;
      return { revision: id, message: s.message, file: s.file, isHead: revisions.graph.heads.includes(id) };
    });
    const failed = outstandingFailure(await appliedLog(conn));
    if (!failed) return { heads };
    const { error, statements } = failureDetail(failed);
    return { heads, failure: { revision: failed.revision, direction: failed.direction, file: failed.file, at: failed.appliedAt, error, statements } };
  } finally {
    await conn.close();
  }
}

/** What `current` prints for a partial failure; `heads` are where the version table stands. */
export function describeFailure(f: PartialFailure, heads: readonly string[]): string[] {
  const recorded = heads.length ? heads.join(" ") : "base";
  return [
    `revision ${f.revision} failed partway on ${f.at} (${f.direction}${f.file ? ` of ${f.file}` : ""}): ${f.statements.length} statement(s) ran and remain applied:`,
    ...f.statements.map((s, i) => `  ${i + 1}. ${s}`),
    `  error: ${f.error}`,
    `Fix by hand, then stamp: finish the rest of ${f.revision} and run \`athanor stamp ${f.revision}\`, or undo the statements above and run \`athanor stamp ${recorded}\`.`,
  ];
}
