import { ConfigError, UnknownRevisionError } from "../errors";
import { ancestorsOf, descendantsOf, topological, type RevisionGraph } from "./graph";
import { resolveRevision, resolveRevisions, resolveTarget } from "./targets";

/**
 * The revisions from START to END inclusive: descendants of START that END needs. An empty START
 * is base, an empty END every head; `base` and `LABEL@base` as START begin with the revisions
 * above them. Shared by `history -r START:END` and `verify START:END`.
 */
export function revisionsBetween(g: RevisionGraph, startSpec: string, endSpec: string, current?: readonly string[]): Set<string> {
  const end = endSpec === "" ? [...g.heads] : resolveRevisions(g, endSpec, current);
  const within = ancestorsOf(g, end);
  if (startSpec === "") return within;
  const start = resolveTarget(g, startSpec, current);
  const from = start.kind === "steppedDown" ? (start.to === undefined ? undefined : descendantsOf(g, [start.to])) : descendantsOf(g, start.ids);
  return from === undefined ? within : new Set([...within].filter((id) => from.has(id)));
}

/** What `verify` runs: `setup` replayed unchecked first, then each of `check`, both in upgrade order. */
export interface VerificationPlan {
  readonly setup: readonly string[];
  readonly check: readonly string[];
}

/**
 * The revisions `verify [RANGE]` checks, and those replayed below them first. No range: every
 * revision. `REV`: that one revision. `START:END`: revisionsBetween. The setup is everything the
 * checked revisions need that is not checked itself; it never lies above a checked revision (the
 * range is convex: a revision between two checked ones is checked), so it can all run first.
 * Nothing is relative to a database here: verify starts from an empty one.
 */
export function verificationPlan(g: RevisionGraph, range?: string): VerificationPlan {
  let checked: Set<string>;
  if (range === undefined) checked = ancestorsOf(g, g.heads);
  else {
    const colon = range.indexOf(":");
    if (colon < 0) checked = new Set([resolveRevision(g, range.trim())]);
    else {
      if (range.indexOf(":", colon + 1) >= 0) {
        throw new ConfigError(`malformed revision range "${range}"`, "Write START:END (e.g. `base:head`, `ae10:`, `:head-1`), or one revision.");
      }
      checked = revisionsBetween(g, range.slice(0, colon).trim(), range.slice(colon + 1).trim());
    }
  }
  if (checked.size === 0 && range !== undefined) {
    throw new UnknownRevisionError(`the range "${range}" holds no revision`, "Run `athanor history` and name a START at or below END.");
  }
  const below = new Set([...ancestorsOf(g, [...checked])].filter((id) => !checked.has(id)));
  return { setup: topological(g, below), check: topological(g, checked) };
}
