import {
  AmbiguousRevisionError,
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  MissingRevisionError,
  MultipleHeadsError,
  RevisionCycleError,
  UnknownRevisionError,
} from "../errors";

/** One revision as the graph sees it: pure data, no file handles. */
export interface RevisionNode {
  readonly revision: string;
  /** Parents: empty for a base, several for a merge. */
  readonly downRevisions: readonly string[];
  /** Names for the branch this revision starts or belongs to (`LABEL@head`). */
  readonly branchLabels?: readonly string[];
  /**
   * Revisions (ids or branch labels) that must be applied before this one, without being its
   * parents: the version table keeps their branch's head as a head of its own.
   */
  readonly dependsOn?: readonly string[];
  readonly message?: string;
  /** Where it came from, for error messages. */
  readonly file?: string;
}

export interface RevisionGraph {
  readonly nodes: ReadonlyMap<string, RevisionNode>;
  /** Revisions that are nobody's parent, sorted. Dependencies do not make a revision a non-head. */
  readonly heads: readonly string[];
  readonly bases: readonly string[];
  /** Children of each revision (through downRevision only), sorted. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Each revision's dependsOn, resolved to revision ids. */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  /** The revisions that depend on each revision, sorted. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  /** Branch label → the revision that declares it. */
  readonly labels: ReadonlyMap<string, string>;
}

const where = (n: RevisionNode | undefined) => (n?.file ? ` (${n.file})` : "");

/** A revision id with its file, for messages: `ae10 (migrations/versions/ae10_x.ts)`. */
export function describeNode(g: RevisionGraph, id: string): string {
  return `${id}${where(g.nodes.get(id))}`;
}

/**
 * Builds and checks the graph: duplicate ids, unknown parents or dependencies, duplicate branch
 * labels and cycles are typed errors naming the files involved.
 */
export function buildGraph(list: readonly RevisionNode[]): RevisionGraph {
  const nodes = new Map<string, RevisionNode>();
  for (const n of list) {
    const seen = nodes.get(n.revision);
    if (seen) {
      throw new DuplicateRevisionError(
        `revision id ${n.revision} is used twice: ${seen.file ?? "?"} and ${n.file ?? "?"}`,
        "Give one of the files a new `revision` id (and fix any downRevision that pointed at it).",
      );
    }
    nodes.set(n.revision, n);
  }
  const labels = new Map<string, string>();
  for (const n of [...nodes.values()].sort((a, b) => (a.revision < b.revision ? -1 : 1))) {
    for (const label of n.branchLabels ?? []) {
      const owner = labels.get(label);
      if (owner !== undefined) {
        throw new DuplicateBranchLabelError(
          `branch label "${label}" is declared by two revisions: ${owner}${where(nodes.get(owner))} and ${n.revision}${where(n)}`,
          "A branch label names one branch: remove it from one of the files, or rename it.",
        );
      }
      if (nodes.has(label) && label !== n.revision) {
        throw new DuplicateBranchLabelError(
          `branch label "${label}" of ${n.revision}${where(n)} is also the id of revision ${label}${where(nodes.get(label))}`,
          "Rename the branch label: a label and a revision id must differ so identifiers stay unambiguous.",
        );
      }
      labels.set(label, n.revision);
    }
  }
  const children = new Map<string, string[]>([...nodes.keys()].map((k) => [k, []]));
  const dependents = new Map<string, string[]>([...nodes.keys()].map((k) => [k, []]));
  const dependencies = new Map<string, string[]>();
  for (const n of nodes.values()) {
    for (const p of n.downRevisions) {
      if (!nodes.has(p)) {
        throw new MissingRevisionError(
          `revision ${n.revision}${where(n)} revises ${p}, which no migration file defines`,
          "Restore the missing migration file, or point downRevision at an existing revision.",
        );
      }
      children.get(p)!.push(n.revision);
    }
    const deps: string[] = [];
    for (const d of n.dependsOn ?? []) {
      const id = nodes.has(d) ? d : labels.get(d);
      if (id === undefined) {
        throw new MissingRevisionError(
          `revision ${n.revision}${where(n)} depends on ${d}, which is neither a revision id nor a branch label of any migration file`,
          "Restore the missing migration file, or fix the dependsOn export.",
        );
      }
      if (!deps.includes(id)) deps.push(id);
      dependents.get(id)!.push(n.revision);
    }
    dependencies.set(n.revision, deps.sort());
  }
  for (const l of children.values()) l.sort();
  for (const l of dependents.values()) l.sort();
  detectCycle(nodes, dependencies);
  const heads = [...nodes.keys()].filter((k) => children.get(k)!.length === 0).sort();
  const bases = [...nodes.values()].filter((n) => n.downRevisions.length === 0).map((n) => n.revision).sort();
  return { nodes, heads, bases, children, dependencies, dependents, labels };
}

/** Everything that must be applied before `id`: its parents, then its dependencies. */
function prerequisites(g: Pick<RevisionGraph, "nodes" | "dependencies">, id: string): readonly string[] {
  return [...(g.nodes.get(id)?.downRevisions ?? []), ...(g.dependencies.get(id) ?? [])];
}

function detectCycle(nodes: ReadonlyMap<string, RevisionNode>, dependencies: ReadonlyMap<string, readonly string[]>): void {
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, path: string[]): void => {
    const s = state.get(id);
    if (s === "done") return;
    if (s === "visiting") {
      const cycle = [...path.slice(path.indexOf(id)), id];
      const files = cycle.map((r) => nodes.get(r)?.file).filter(Boolean);
      throw new RevisionCycleError(
        `revision cycle: ${cycle.join(" -> ")}${files.length ? ` (files: ${[...new Set(files)].join(", ")})` : ""}`,
        "Fix the downRevision (or dependsOn) of one of these files so the history runs one way.",
      );
    }
    state.set(id, "visiting");
    for (const p of prerequisites({ nodes, dependencies }, id)) visit(p, [...path, id]);
    state.set(id, "done");
  };
  for (const id of [...nodes.keys()].sort()) visit(id, []);
}

/** A full id or an unambiguous prefix of one (never a keyword or label). */
export function resolvePrefix(g: RevisionGraph, id: string): string {
  if (g.nodes.has(id)) return id;
  const matches = id.length === 0 ? [] : [...g.nodes.keys()].filter((k) => k.startsWith(id)).sort();
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new AmbiguousRevisionError(
      `revision "${id}" is ambiguous: it starts ${matches.map((m) => describeNode(g, m)).join(", ")}`,
      "Give more characters of the id.",
    );
  }
  throw new UnknownRevisionError(`no revision "${id}"`, "Run `athanor history` to list the revisions.");
}

/** The single head; several are an error that names them and their files. */
export function singleHead(g: RevisionGraph): string | undefined {
  if (g.heads.length > 1) {
    throw new MultipleHeadsError(
      `there are ${g.heads.length} heads: ${g.heads.map((h) => describeNode(g, h)).join(", ")}`,
      "Merge them with `athanor merge heads -m \"merge\"`, or name the head you mean (an id, `LABEL@head`, or `heads`).",
    );
  }
  return g.heads[0];
}

/**
 * `ids` and every revision that must be applied before them: parents and, by default,
 * dependencies (what planning needs). `{ dependencies: false }` follows parents only.
 */
export function ancestorsOf(g: RevisionGraph, ids: readonly string[], options: { readonly dependencies?: boolean } = {}): Set<string> {
  const withDeps = options.dependencies !== false;
  return closure(ids, (id) => (withDeps ? prerequisites(g, id) : g.nodes.get(id)?.downRevisions ?? []));
}

/** `ids` and every revision that needs them: children and dependents, transitively. */
export function descendantsOf(g: RevisionGraph, ids: readonly string[]): Set<string> {
  return closure(ids, (id) => [...(g.children.get(id) ?? []), ...(g.dependents.get(id) ?? [])]);
}

/** `ids` and everything reachable from them through `next`. */
function closure(ids: readonly string[], next: (id: string) => readonly string[]): Set<string> {
  const out = new Set<string>();
  const stack = [...ids];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...next(id));
  }
  return out;
}

/** Topological order, parents and dependencies first; ties broken by id so the order never varies. */
export function topological(g: RevisionGraph, subset: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const visit = (id: string) => {
    if (done.has(id) || !subset.has(id)) return;
    done.add(id);
    for (const p of [...prerequisites(g, id)].sort()) visit(p);
    out.push(id);
  };
  for (const id of [...subset].sort()) visit(id);
  return out;
}

/**
 * The revisions among `applied` that no other applied revision descends from through
 * downRevision: what the version table records. A dependency is not a parent, so the head of the
 * branch it sits on stays recorded.
 */
export function headsOf(g: RevisionGraph, applied: ReadonlySet<string>): string[] {
  const below = new Set<string>();
  for (const id of applied) {
    for (const p of g.nodes.get(id)?.downRevisions ?? []) for (const a of ancestorsOf(g, [p], { dependencies: false })) below.add(a);
  }
  return [...applied].filter((id) => !below.has(id)).sort();
}

/** Revisions with more than one child. */
export function branchPoints(g: RevisionGraph): string[] {
  return [...g.children.entries()].filter(([, c]) => c.length > 1).map(([id]) => id).sort();
}

/** The branch labels that apply to `id`: its own and those of the labelled revisions it descends from. */
export function labelsOf(g: RevisionGraph, id: string): string[] {
  // Without labels there is nothing to find: no walk (`history` asks this of every revision).
  if (g.labels.size === 0) return [];
  const above = ancestorsOf(g, [id], { dependencies: false });
  return [...g.labels.entries()].filter(([, rev]) => above.has(rev)).map(([label]) => label).sort();
}
