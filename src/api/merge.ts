import { createDate as createDateOf } from "../render/create-date";
import { randomBytes } from "node:crypto";
import type { Project } from "../config/resolve-project";
import { RevisionGraphError } from "../errors";
import { ancestorsOf, describeNode } from "../revisions/graph";
import { resolveRevisions } from "../revisions/targets";
import { loadRevisions } from "./migrate";
import { checkNewRevision, writeRevisionFile } from "./revision";

export interface MergeOptions {
  /** Identifiers of the revisions to merge (`heads` names every head). */
  readonly revisions: readonly string[];
  readonly message: string;
  readonly revisionId?: string;
  readonly branchLabels?: readonly string[];
  readonly now?: Date;
}

export interface MergeResult {
  readonly file: string;
  readonly revision: string;
  readonly parents: readonly string[];
}

/**
 * Writes a merge revision: its downRevision lists the merged revisions and its upgrade and
 * downgrade do nothing, so the history has one head again. Schema work that reconciles the
 * branches can be added to it by hand.
 */
export async function createMerge(project: Project, options: MergeOptions): Promise<MergeResult> {
  const { graph } = loadRevisions(project);
  const parents = [...new Set(options.revisions.flatMap((r) => resolveRevisions(graph, r)))].sort();
  if (parents.length < 2) {
    throw new RevisionGraphError(
      `nothing to merge: ${options.revisions.join(" ")} name${parents.length === 1 ? "s only" : ""} ${parents.length ? parents[0] : "no revision"}`,
      graph.heads.length > 1 ? "Name two or more revisions, or `heads`." : "There is a single head already; merge is needed only when `athanor heads` lists several.",
    );
  }
  for (const p of parents) {
    for (const q of parents) {
      if (p !== q && ancestorsOf(graph, [q], { dependencies: false }).has(p)) {
        throw new RevisionGraphError(
          `cannot merge ${describeNode(graph, p)} with ${describeNode(graph, q)}: the first is already an ancestor of the second`,
          "Merge revisions on different branches (usually the heads: `athanor merge heads`).",
        );
      }
    }
  }
  const revision = options.revisionId ?? randomBytes(6).toString("hex");
  checkNewRevision(graph, revision, options.branchLabels ?? []);
  const file = await writeRevisionFile(project, {
    revision,
    downRevisions: parents,
    message: options.message,
    createDate: createDateOf(options.now),
    branchLabels: options.branchLabels,
    emptyBody: "// merge revision: nothing to do (add op.* calls if the branches need reconciling)",
  });
  return { file, revision, parents };
}
