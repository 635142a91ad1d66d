import type { Project } from "../config/resolve-project";
import { ConfigError } from "../errors";
import { branchPoints, labelsOf, topological, type RevisionGraph } from "../revisions/graph";
import { revisionsBetween } from "../revisions/range";
import { resolveRevisions } from "../revisions/targets";
import { appliedLog, lastApplied } from "../runner/audit-log";
import { currentHeads, loadRevisions, type Revisions } from "../runner/revisions";

export interface RevisionInfo {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly message?: string;
  readonly file: string;
  readonly isHead: boolean;
  /** Labels this revision declares. */
  readonly branchLabels: readonly string[];
  /** Labels of the branches it is on (its own and those of labelled revisions below it). */
  readonly branches: readonly string[];
  readonly dependsOn: readonly string[];
  readonly children: readonly string[];
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  readonly isBase: boolean;
  /** With a database (history --indicate-current): the database is at this revision. */
  readonly isCurrent?: boolean;
  /** With a database: when it was applied (ISO 8601, UTC), from the audit log. */
  readonly appliedAt?: string;
}

/** These listings run no migration: files are read, not required (load-migrations.ts). */
const GRAPH_ONLY = { graphOnly: true } as const;

function info(revisions: Revisions, id: string): RevisionInfo {
  const { graph, scripts } = revisions;
  const s = scripts.get(id)!;
  const children = graph.children.get(id) ?? [];
  return {
    revision: id,
    downRevisions: s.downRevisions,
    message: s.message,
    file: s.file,
    isHead: graph.heads.includes(id),
    branchLabels: s.branchLabels ?? [],
    branches: labelsOf(graph, id),
    dependsOn: graph.dependencies.get(id) ?? [],
    children,
    isBranchPoint: children.length > 1,
    isMergePoint: s.downRevisions.length > 1,
    isBase: s.downRevisions.length === 0,
  };
}

export interface HistoryOptions {
  /** `START:END`, either side optional (`base` and `heads` when empty); identifiers as everywhere. */
  readonly range?: string;
  /** Mark the revision(s) the database is at. */
  readonly indicateCurrent?: boolean;
}

/** Every revision (or those in `range`), newest first (children before parents). No database. */
export function history(project: Project, range?: string): RevisionInfo[] {
  return listHistory(loadRevisions(project, GRAPH_ONLY), range);
}

/** Whether `historyFromDatabase` is needed: --indicate-current, or a range relative to the database. */
export function historyNeedsDatabase(options: HistoryOptions): boolean {
  return options.indicateCurrent === true || (options.range !== undefined && rangeNeedsDatabase(options.range));
}

/**
 * `history` with the database read: ranges may use `current`, `+N`, `-N`; each revision still
 * applied carries when it was applied (from the audit log); with `indicateCurrent`, the revisions
 * the database is at are marked.
 */
export async function historyFromDatabase(project: Project, options: HistoryOptions): Promise<RevisionInfo[]> {
  const revisions = loadRevisions(project, GRAPH_ONLY);
  // Only this listing connects: the session (dialects, models) is loaded here, not by `heads`.
  const { openDatabase } = await import("./session");
  const conn = await openDatabase(project);
  try {
    const current = await currentHeads(conn, revisions);
    const applied = lastApplied(await appliedLog(conn));
    return listHistory(revisions, options.range, current).map((r) => ({
      ...r,
      ...(options.indicateCurrent ? { isCurrent: current.includes(r.revision) } : {}),
      ...(applied.has(r.revision) ? { appliedAt: applied.get(r.revision)!.appliedAt } : {}),
    }));
  } finally {
    await conn.close();
  }
}

/** `current`, `+N`, `-N` and `LABEL@±N` are relative to the database. */
function rangeNeedsDatabase(range: string): boolean {
  return range.split(":").some((side) => side === "current" || /(^|@)[+-]\d+$/.test(side));
}

function listHistory(revisions: Revisions, range: string | undefined, current?: readonly string[]): RevisionInfo[] {
  const { graph } = revisions;
  const ids = range === undefined ? new Set(graph.nodes.keys()) : inRange(graph, range, current);
  return topological(graph, ids)
    .reverse()
    .map((id) => info(revisions, id));
}

function inRange(g: RevisionGraph, range: string, current?: readonly string[]): Set<string> {
  const parts = range.split(":");
  if (parts.length !== 2) throw new ConfigError(`malformed history range "${range}"`, "Write START:END, e.g. `-r base:head`, `-r ae10:`, `-r :networking@head`, `-r-3:current` (a range starting with - needs `-r-3:…` or `--rev=-3:…`).");
  const [startSpec, endSpec] = parts.map((p) => p.trim());
  return revisionsBetween(g, startSpec, endSpec, current);
}

export function heads(project: Project): RevisionInfo[] {
  const revisions = loadRevisions(project, GRAPH_ONLY);
  return revisions.graph.heads.map((id) => info(revisions, id));
}

/** Each branch point with its children. */
export function branches(project: Project): { branchPoint: RevisionInfo; children: RevisionInfo[] }[] {
  const revisions = loadRevisions(project, GRAPH_ONLY);
  return branchPoints(revisions.graph).map((id) => ({
    branchPoint: info(revisions, id),
    children: (revisions.graph.children.get(id) ?? []).map((c) => info(revisions, c)),
  }));
}

/** The revision(s) an identifier names (`heads` names several). */
export function show(project: Project, spec: string): RevisionInfo[] {
  const revisions = loadRevisions(project, GRAPH_ONLY);
  return resolveRevisions(revisions.graph, spec).map((id) => info(revisions, id));
}

function tags(r: RevisionInfo): string {
  const out: string[] = [];
  if (r.branchLabels.length) out.push(`(${r.branchLabels.join(", ")})`);
  if (r.isHead) out.push("(head)");
  if (r.isBranchPoint) out.push("(branchpoint)");
  if (r.isMergePoint) out.push("(mergepoint)");
  if (r.isCurrent) out.push("(current)");
  return out.length ? ` ${out.join(" ")}` : "";
}

/** One line: `parents -> rev (labels) (head), message`. */
export function describeRevision(r: RevisionInfo): string {
  const parents = r.downRevisions.length ? r.downRevisions.join(", ") : "<base>";
  return `${parents} -> ${r.revision}${tags(r)}, ${r.message ?? "(no message)"}`;
}

/** Several lines, as `show` and `history --verbose` print them. */
export function describeRevisionVerbose(r: RevisionInfo): string[] {
  const lines = [`Rev: ${r.revision}${tags(r)}`];
  lines.push(r.isMergePoint ? `Merges: ${r.downRevisions.join(", ")}` : `Parent: ${r.downRevisions[0] ?? "<base>"}`);
  if (r.dependsOn.length) lines.push(`Depends on: ${r.dependsOn.join(", ")}`);
  if (r.isBranchPoint) lines.push(`Branches into: ${r.children.join(", ")}`);
  else if (r.children.length) lines.push(`Child: ${r.children[0]}`);
  if (r.branches.length) lines.push(`Branch names: ${r.branches.join(", ")}`);
  lines.push(`Path: ${r.file}`);
  if (r.appliedAt) lines.push(`Applied: ${r.appliedAt}`);
  lines.push("", `    ${r.message ?? "(no message)"}`, "");
  return lines;
}
