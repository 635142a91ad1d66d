import { AmbiguousRevisionError, MultipleHeadsError, RevisionGraphError, UnknownRevisionError } from "../errors";

/** One revision as the graph sees it: pure data, no file handles. */
export interface RevisionNode {
  readonly revision: string;
  /** Parents: empty for a base, several for a merge. */
  readonly downRevisions: readonly string[];
  readonly message?: string;
  /** Where it came from, for error messages. */
  readonly file?: string;
}

export interface RevisionGraph {
  readonly nodes: ReadonlyMap<string, RevisionNode>;
  /** Revisions that are nobody's parent, sorted. */
  readonly heads: readonly string[];
  readonly bases: readonly string[];
  /** Children of each revision. */
  readonly children: ReadonlyMap<string, readonly string[]>;
}

const where = (n: RevisionNode) => (n.file ? ` (${n.file})` : "");

/** Builds and checks the graph: duplicate ids, unknown parents and cycles are typed errors. */
export function buildGraph(list: readonly RevisionNode[]): RevisionGraph {
  const nodes = new Map<string, RevisionNode>();
  for (const n of list) {
    const seen = nodes.get(n.revision);
    if (seen) {
      throw new RevisionGraphError(
        `revision id ${n.revision} is used twice: ${seen.file ?? "?"} and ${n.file ?? "?"}`,
        "Give one of the files a new `revision` id (and fix any downRevision that pointed at it).",
      );
    }
    nodes.set(n.revision, n);
  }
  const children = new Map<string, string[]>([...nodes.keys()].map((k) => [k, []]));
  for (const n of nodes.values()) {
    for (const p of n.downRevisions) {
      if (!nodes.has(p)) {
        throw new RevisionGraphError(
          `revision ${n.revision}${where(n)} revises ${p}, which no migration file defines`,
          "Restore the missing migration file, or point downRevision at an existing revision.",
        );
      }
      children.get(p)!.push(n.revision);
    }
  }
  for (const list of children.values()) list.sort();
  detectCycle(nodes);
  const heads = [...nodes.keys()].filter((k) => children.get(k)!.length === 0).sort();
  const bases = [...nodes.values()].filter((n) => n.downRevisions.length === 0).map((n) => n.revision).sort();
  return { nodes, heads, bases, children };
}

function detectCycle(nodes: ReadonlyMap<string, RevisionNode>): void {
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, path: string[]): void => {
    const s = state.get(id);
    if (s === "done") return;
    if (s === "visiting") {
      const cycle = [...path.slice(path.indexOf(id)), id];
      const files = cycle.map((r) => nodes.get(r)?.file).filter(Boolean);
      throw new RevisionGraphError(
        `revision cycle: ${cycle.join(" -> ")}${files.length ? ` (files: ${[...new Set(files)].join(", ")})` : ""}`,
        "Fix the downRevision of one of these files so the history runs one way.",
      );
    }
    state.set(id, "visiting");
    for (const p of nodes.get(id)!.downRevisions) visit(p, [...path, id]);
    state.set(id, "done");
  };
  for (const id of [...nodes.keys()].sort()) visit(id, []);
}

/** A full id, or an unambiguous prefix of one. */
export function resolveId(g: RevisionGraph, id: string): string {
  if (g.nodes.has(id)) return id;
  const matches = [...g.nodes.keys()].filter((k) => k.startsWith(id)).sort();
  if (matches.length === 1 && id.length >= 1) return matches[0];
  if (matches.length > 1) {
    throw new AmbiguousRevisionError(`revision "${id}" is ambiguous: ${matches.join(", ")}`, "Give more characters of the id.");
  }
  throw new UnknownRevisionError(`no revision "${id}"`, "Run `athanor history` to list the revisions.");
}

/** The single head; several are an error that names them. */
export function singleHead(g: RevisionGraph): string | undefined {
  if (g.heads.length > 1) {
    throw new MultipleHeadsError(
      `there are ${g.heads.length} heads: ${g.heads.join(", ")}`,
      "Merge them with `athanor merge heads -m \"merge\"`, or name the head you mean.",
    );
  }
  return g.heads[0];
}

/** `ids` and every revision below them. */
export function ancestorsOf(g: RevisionGraph, ids: readonly string[]): Set<string> {
  const out = new Set<string>();
  const stack = [...ids];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(g.nodes.get(id)?.downRevisions ?? []));
  }
  return out;
}

/** Topological order, parents first; ties broken by id so the order never varies. */
export function topological(g: RevisionGraph, subset: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const visit = (id: string) => {
    if (done.has(id) || !subset.has(id)) return;
    done.add(id);
    for (const p of [...g.nodes.get(id)!.downRevisions].sort()) visit(p);
    out.push(id);
  };
  for (const id of [...subset].sort()) visit(id);
  return out;
}

/** The revisions among `applied` that no other applied revision descends from. */
export function headsOf(g: RevisionGraph, applied: ReadonlySet<string>): string[] {
  const below = new Set<string>();
  for (const id of applied) for (const p of g.nodes.get(id)?.downRevisions ?? []) for (const a of ancestorsOf(g, [p])) below.add(a);
  return [...applied].filter((id) => !below.has(id)).sort();
}
