import type { Project } from "../config/resolve-project";
import { appliedLog, outstandingFailure } from "../runner/audit-log";
import { partialFailure, type PartialFailure } from "../runner/failure-report";
import { currentHeads, loadRevisions } from "./migrate";
import { openDatabase } from "./session";

export interface CurrentRevision {
  readonly revision: string;
  readonly message?: string;
  readonly file?: string;
  readonly isHead: boolean;
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
    return { heads, failure: partialFailure(failed) };
  } finally {
    await conn.close();
  }
}

export { describeFailure, type PartialFailure } from "../runner/failure-report";
