import type { Project } from "../config/resolve-project";
import { topological } from "../revisions/graph";
import { currentHeads, loadRevisions } from "./migrate";
import { openDatabase } from "./session";

export interface RevisionInfo {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly message?: string;
  readonly file: string;
  readonly isHead: boolean;
}

/** Every revision, newest first (children before parents). */
export function history(project: Project): RevisionInfo[] {
  const { graph, scripts } = loadRevisions(project);
  return topological(graph, new Set(graph.nodes.keys()))
    .reverse()
    .map((id) => {
      const s = scripts.get(id)!;
      return { revision: id, downRevisions: s.downRevisions, message: s.message, file: s.file, isHead: graph.heads.includes(id) };
    });
}

export function heads(project: Project): RevisionInfo[] {
  return history(project).filter((r) => r.isHead);
}

/** The revisions the database records as applied heads. */
export async function current(project: Project): Promise<RevisionInfo[]> {
  const revisions = loadRevisions(project);
  const conn = await openDatabase(project);
  try {
    const ids = await currentHeads(conn, revisions);
    const all = history(project);
    return ids.map((id) => all.find((r) => r.revision === id)!);
  } finally {
    await conn.close();
  }
}

export function describeRevision(r: RevisionInfo): string {
  const parents = r.downRevisions.length ? r.downRevisions.join(", ") : "<base>";
  return `${parents} -> ${r.revision}${r.isHead ? " (head)" : ""}, ${r.message ?? "(no message)"}`;
}
