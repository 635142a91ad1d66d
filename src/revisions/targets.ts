import { RevisionGraphError, UnknownRevisionError } from "../errors";
import { ancestorsOf, resolveId, singleHead, topological, type RevisionGraph } from "./graph";

/** The revisions an upgrade applies, parents first. */
export function planUpgrade(g: RevisionGraph, currentHeads: readonly string[], target: string): string[] {
  const applied = ancestorsOf(g, currentHeads);
  const goal = upgradeGoal(g, currentHeads, target);
  const todo = new Set([...ancestorsOf(g, goal)].filter((id) => !applied.has(id)));
  return topological(g, todo);
}

/** The revisions a downgrade reverts, children first. */
export function planDowngrade(g: RevisionGraph, currentHeads: readonly string[], target: string): string[] {
  const applied = ancestorsOf(g, currentHeads);
  const keep = downgradeKeep(g, currentHeads, target);
  for (const k of keep) {
    if (!applied.has(k)) {
      throw new RevisionGraphError(`revision ${k} is not applied, so the database cannot be downgraded to it`, "Run `athanor current` and `athanor history` to pick a revision below the current one.");
    }
  }
  const todo = new Set([...applied].filter((id) => !keep.has(id)));
  return topological(g, todo).reverse();
}

function upgradeGoal(g: RevisionGraph, currentHeads: readonly string[], target: string): string[] {
  if (target === "heads") return [...g.heads];
  if (target === "head") {
    const h = singleHead(g);
    return h ? [h] : [];
  }
  const rel = /^\+(\d+)$/.exec(target);
  if (rel) return [walkUp(g, currentHeads, Number(rel[1]))];
  return [resolveId(g, target)];
}

function downgradeKeep(g: RevisionGraph, currentHeads: readonly string[], target: string): Set<string> {
  if (target === "base") return new Set();
  const rel = /^-(\d+)$/.exec(target);
  if (rel) {
    const id = walkDown(g, currentHeads, Number(rel[1]));
    return id === undefined ? new Set() : ancestorsOf(g, [id]);
  }
  return ancestorsOf(g, [resolveId(g, target)]);
}

function oneCurrent(currentHeads: readonly string[], what: string): string | undefined {
  if (currentHeads.length > 1) {
    throw new RevisionGraphError(
      `the database is at several heads (${currentHeads.join(", ")}), so "${what}" is ambiguous`,
      "Name the revision to go to instead of a relative step.",
    );
  }
  return currentHeads[0];
}

function walkUp(g: RevisionGraph, currentHeads: readonly string[], steps: number): string {
  let at = oneCurrent(currentHeads, `+${steps}`);
  for (let i = 0; i < steps; i++) {
    const next = at === undefined ? g.bases : g.children.get(at) ?? [];
    if (next.length === 0) {
      throw new UnknownRevisionError(`cannot go up ${steps} revision(s): only ${i} remain above the current one`, "Run `athanor history` to see what is left to apply.");
    }
    if (next.length > 1) {
      throw new RevisionGraphError(`the history branches after ${at ?? "base"} (${next.join(", ")}), so "+${steps}" is ambiguous`, "Name the revision to go to.");
    }
    at = next[0];
  }
  if (at === undefined) throw new UnknownRevisionError("there are no revisions to apply", "Create one with `athanor revision`.");
  return at;
}

function walkDown(g: RevisionGraph, currentHeads: readonly string[], steps: number): string | undefined {
  let at = oneCurrent(currentHeads, `-${steps}`);
  for (let i = 0; i < steps; i++) {
    if (at === undefined) {
      throw new UnknownRevisionError(`cannot go down ${steps} revision(s): only ${i} are applied`, "Use `athanor downgrade base` to revert everything.");
    }
    const parents = g.nodes.get(at)!.downRevisions;
    if (parents.length > 1) {
      throw new RevisionGraphError(`revision ${at} is a merge of ${parents.join(", ")}, so "-${steps}" is ambiguous`, "Name the revision to go down to.");
    }
    at = parents[0];
  }
  return at;
}
