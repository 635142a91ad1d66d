import { SquashRangeError } from "../errors";
import { describeNode, type RevisionGraph } from "./graph";

/**
 * The revisions from `start` to `end` (inclusive), parents first, when they are one linear
 * stretch that a single revision can replace:
 *
 * - `end` descends from `start` through single-parent links (a merge inside would need the
 *   replacement to have several parents in the middle of itself);
 * - no revision of the stretch but `end` has a child outside it (a branch point inside: that
 *   branch would lose its parent);
 * - nothing outside depends (`dependsOn`) on a revision inside but `end`: the dependency would
 *   name a revision that no longer exists (one on `end` is pointed at the replacement).
 *
 * `start` itself may be a merge: the replacement takes over its parents.
 */
export function linearRange(g: RevisionGraph, start: string, end: string): string[] {
  const range: string[] = [end];
  let id = end;
  while (id !== start) {
    const parents = g.nodes.get(id)!.downRevisions;
    if (parents.length !== 1) {
      throw new SquashRangeError(
        parents.length === 0
          ? `${describeNode(g, start)} is not an ancestor of ${describeNode(g, end)}: walking down from ${end} reaches the base ${id} first`
          : `the range ${start}:${end} is not linear: ${describeNode(g, id)} is a merge (of ${parents.join(", ")}) inside it`,
        parents.length === 0
          ? "Name the older revision first: `athanor squash OLDER:NEWER` (see `athanor history`)."
          : "Squash the stretches before and after the merge separately; a merge can only be the START of a range.",
      );
    }
    id = parents[0];
    range.push(id);
  }
  range.reverse();
  const inside = new Set(range);
  for (const r of range) {
    const outside = (g.children.get(r) ?? []).filter((c) => !inside.has(c));
    if (r !== end && outside.length > 0) {
      throw new SquashRangeError(
        `the range ${start}:${end} is not linear: ${describeNode(g, r)} is a branch point (child${outside.length > 1 ? "ren" : ""} ${outside.map((c) => describeNode(g, c)).join(", ")} outside the range)`,
        "Squash only up to the branch point, or merge the branch first and squash a stretch above the merge.",
      );
    }
    const dependents = (g.dependents.get(r) ?? []).filter((d) => !inside.has(d));
    if (r !== end && dependents.length > 0) {
      throw new SquashRangeError(
        `${dependents.map((d) => describeNode(g, d)).join(", ")} depend${dependents.length > 1 ? "" : "s"} on ${describeNode(g, r)} (dependsOn), which the squash would remove`,
        "Leave that revision out of the range, or point the dependsOn elsewhere first.",
      );
    }
  }
  return range;
}
