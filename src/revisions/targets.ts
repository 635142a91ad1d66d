import { MultipleHeadsError, RevisionGraphError, UnknownRevisionError } from "../errors";
import { ancestorsOf, descendantsOf, describeNode, headsOf, resolvePrefix, singleHead, topological, type RevisionGraph } from "./graph";

/**
 * Revision identifiers, everywhere a revision is taken (upgrade/downgrade targets, merge, show,
 * history ranges, `revision --head/--depends-on`, stamp):
 *
 *   ID            a full revision id, or an unambiguous prefix of one
 *   head          the single head (several heads: MultipleHeadsError)
 *   heads         every head
 *   base          below the first revision
 *   current       the revision(s) the database is at (commands that connect)
 *   +N, -N        N steps up / down from the database's current revision
 *   REV+N, REV-N  N steps up / down from REV (any anchor: an id, `head`, `base`, a label); `head-1`
 *   LABEL         a branch label alone: the head of that branch (= LABEL@head)
 *   LABEL@head    the head of the branch carrying LABEL
 *   LABEL@base    below the revision that declares LABEL (downgrade removes the whole branch)
 *   LABEL@+N, LABEL@-N   N steps from the database's current revision on that branch
 *   LABEL@REV[±N] REV, checked to be on that branch
 *
 * Steps follow downRevision links only, and a step that meets a branch point (going up) or a
 * merge (going down) is an error naming the choices rather than a guess.
 */
export type Target =
  /** These revisions (and, for an upgrade, everything they need). */
  | { readonly kind: "revisions"; readonly ids: readonly string[] }
  /** Just below these revisions: they and everything above them are not applied. `base` is below every base. */
  | { readonly kind: "below"; readonly ids: readonly string[] }
  /**
   * `-N` from the database: `to` is where the walk lands (undefined: below the first revision),
   * `past` the last revision it stepped down over. A downgrade reverts `past` and what is above
   * it, so `LABEL@-1` leaves other branches alone.
   */
  | { readonly kind: "steppedDown"; readonly to?: string; readonly past: string };

/** The members of a labelled branch: the labelled revision, what it descends from and what descends from it. */
interface Scope {
  readonly label?: string;
  readonly members?: ReadonlySet<string>;
}

const ALL: Scope = {};
const inScope = (scope: Scope, id: string) => scope.members === undefined || scope.members.has(id);

/** Resolves an identifier; `current` is the database's heads, when the caller has a connection. */
export function resolveTarget(g: RevisionGraph, spec: string, current?: readonly string[]): Target {
  if (g.nodes.has(spec)) return { kind: "revisions", ids: [spec] };
  switch (spec) {
    case "heads":
      return { kind: "revisions", ids: [...g.heads] };
    case "current":
      return { kind: "revisions", ids: [...needCurrent(current, spec)] };
    default:
      break;
  }
  const relative = /^([+-])(\d+)$/.exec(spec);
  if (relative) return fromCurrent(g, ALL, relative[1] as "+" | "-", Number(relative[2]), needCurrent(current, spec));
  const at = spec.indexOf("@");
  if (at >= 0) return inBranch(g, spec.slice(0, at), spec.slice(at + 1), spec, current);
  return anchored(g, ALL, spec);
}

/** An identifier that must name exactly one revision (show, --head, REV of a range). */
export function resolveRevision(g: RevisionGraph, spec: string, current?: readonly string[]): string {
  const t = resolveTarget(g, spec, current);
  if (t.kind === "steppedDown" && t.to !== undefined) return t.to;
  if (t.kind === "revisions" && t.ids.length === 1) return t.ids[0];
  if (t.kind === "revisions" && t.ids.length > 1) {
    throw new MultipleHeadsError(
      `"${spec}" names ${t.ids.length} revisions: ${t.ids.map((id) => describeNode(g, id)).join(", ")}`,
      "Name one of them (an id, or `LABEL@head`), or merge the heads with `athanor merge heads -m \"merge\"`.",
    );
  }
  throw new UnknownRevisionError(`"${spec}" names no revision (it is below the first one)`, "Name a revision: an id, `head`, or `LABEL@head`.");
}

/** An identifier naming any number of revisions: `base` is none, `heads` all heads. */
export function resolveRevisions(g: RevisionGraph, spec: string, current?: readonly string[]): string[] {
  const t = resolveTarget(g, spec, current);
  if (t.kind === "revisions") return [...t.ids];
  if (t.kind === "steppedDown") return t.to === undefined ? [] : [t.to];
  // `below X`: what is applied just under X, i.e. X's parents.
  return headsOf(g, new Set([...ancestorsOf(g, t.ids)].filter((id) => !descendantsOf(g, t.ids).has(id))));
}

/** The revisions an upgrade applies, parents (and dependencies) first. */
export function planUpgrade(g: RevisionGraph, currentHeads: readonly string[], target: string): string[] {
  const applied = ancestorsOf(g, currentHeads);
  const t = resolveTarget(g, target, currentHeads);
  if (t.kind !== "revisions") return [];
  const todo = new Set([...ancestorsOf(g, t.ids)].filter((id) => !applied.has(id)));
  return topological(g, todo);
}

/**
 * The revisions a downgrade reverts, children (and dependents) first. Downgrading to REV reverts
 * what is applied above REV and nothing else, so other branches stay as they are (as in Alembic).
 */
export function planDowngrade(g: RevisionGraph, currentHeads: readonly string[], target: string): string[] {
  const applied = ancestorsOf(g, currentHeads);
  const t = resolveTarget(g, target, currentHeads);
  let revert: Set<string>;
  if (t.kind === "below") revert = descendantsOf(g, t.ids);
  else if (t.kind === "steppedDown") revert = descendantsOf(g, [t.past]);
  else {
    for (const k of t.ids) {
      if (!applied.has(k)) {
        throw new RevisionGraphError(
          `revision ${describeNode(g, k)} is not applied, so the database cannot be downgraded to it`,
          "Run `athanor current` and `athanor history` to pick a revision below the current one.",
        );
      }
    }
    const keep = ancestorsOf(g, t.ids);
    revert = new Set([...descendantsOf(g, t.ids)].filter((id) => !keep.has(id)));
  }
  return topological(g, new Set([...applied].filter((id) => revert.has(id)))).reverse();
}

function needCurrent(current: readonly string[] | undefined, spec: string): readonly string[] {
  if (current === undefined) {
    throw new UnknownRevisionError(
      `"${spec}" is relative to the database's current revision, and this command does not read the database`,
      "Name the revision instead: an id, `head`, `LABEL@head`, or `REV+N`/`REV-N` from a named revision.",
    );
  }
  return current;
}

/** `LABEL@rest`. */
function inBranch(g: RevisionGraph, label: string, rest: string, spec: string, current?: readonly string[]): Target {
  const labelled = g.labels.get(label);
  if (labelled === undefined) {
    const known = [...g.labels.keys()].sort();
    throw new UnknownRevisionError(
      `no branch label "${label}" (in "${spec}"); ${known.length ? `the labels are ${known.join(", ")}` : "no migration declares a branch label"}`,
      "Run `athanor branches` or `athanor history --verbose` to see the branches; `athanor revision --branch-label LABEL` labels a new one.",
    );
  }
  const scope: Scope = {
    label,
    members: new Set([...ancestorsOf(g, [labelled], { dependencies: false }), ...descendantsOf(g, [labelled])]),
  };
  if (rest === "base") return { kind: "below", ids: [labelled] };
  const relative = /^([+-])(\d+)$/.exec(rest);
  if (relative) return fromCurrent(g, scope, relative[1] as "+" | "-", Number(relative[2]), needCurrent(current, spec));
  const t = anchored(g, scope, rest);
  if (t.kind === "revisions") {
    for (const id of t.ids) {
      if (!inScope(scope, id)) {
        throw new UnknownRevisionError(`revision ${describeNode(g, id)} is not on branch "${label}"`, `Run \`athanor history --verbose\` to see which revisions carry "${label}".`);
      }
    }
  }
  return t;
}

/** `ANCHOR`, `ANCHOR+N` or `ANCHOR-N`, where ANCHOR is `head`, `base`, a label, an id or a prefix. */
function anchored(g: RevisionGraph, scope: Scope, spec: string): Target {
  if (g.nodes.has(spec) || spec === "head" || spec === "base" || g.labels.has(spec)) return anchor(g, scope, spec);
  const m = /^(.+?)([+-])(\d+)$/.exec(spec);
  if (!m) return anchor(g, scope, spec);
  const from = anchor(g, scope, m[1]);
  // Stepping from `base` (or from the head of an empty history) starts below the first revision.
  const start = from.kind === "revisions" ? single(g, from.ids, m[1]) : undefined;
  if (m[2] === "+") return walkUp(g, scope, start, Number(m[3]), spec, `above ${start ?? "base"}`);
  const down = walkDown(g, scope, start, Number(m[3]), spec, `below ${start}`);
  if (down.to !== undefined) return { kind: "revisions", ids: [down.to] };
  return { kind: "below", ids: down.past === undefined ? [...g.bases] : [down.past] };
}

function anchor(g: RevisionGraph, scope: Scope, spec: string): Target {
  if (g.nodes.has(spec)) return { kind: "revisions", ids: [spec] };
  if (spec === "base") return { kind: "below", ids: scope.members ? g.bases.filter((b) => scope.members!.has(b)) : [...g.bases] };
  if (spec === "head") {
    if (scope.label !== undefined) return { kind: "revisions", ids: [branchHead(g, scope.label)] };
    const h = singleHead(g);
    return h === undefined ? { kind: "below", ids: [] } : { kind: "revisions", ids: [h] };
  }
  if (spec === "heads") throw new UnknownRevisionError(`"heads" cannot be combined with a step or a branch label`, "Use `head`, `LABEL@head`, or a revision id.");
  if (g.labels.has(spec)) return { kind: "revisions", ids: [branchHead(g, spec)] };
  return { kind: "revisions", ids: [resolvePrefix(g, spec)] };
}

/** The single head that descends from the revision declaring `label`. */
export function branchHead(g: RevisionGraph, label: string): string {
  const labelled = g.labels.get(label);
  if (labelled === undefined) throw new UnknownRevisionError(`no branch label "${label}"`, "Run `athanor branches` or `athanor history --verbose` to see the labels.");
  const above = descendantsOf(g, [labelled]);
  const heads = g.heads.filter((h) => above.has(h) && ancestorsOf(g, [h], { dependencies: false }).has(labelled));
  if (heads.length > 1) {
    throw new MultipleHeadsError(
      `branch "${label}" has ${heads.length} heads: ${heads.map((h) => describeNode(g, h)).join(", ")}`,
      `Merge them with \`athanor merge ${heads.join(" ")} -m "merge"\`, or name the one you mean by id.`,
    );
  }
  return heads[0];
}

function single(g: RevisionGraph, ids: readonly string[], spec: string): string {
  if (ids.length === 1) return ids[0];
  throw new MultipleHeadsError(`"${spec}" names ${ids.length} revisions (${ids.map((id) => describeNode(g, id)).join(", ")}), so a step from it is ambiguous`, "Name one revision to step from.");
}

/** `+N` / `-N` from where the database is (on the branch, for `LABEL@±N`). */
function fromCurrent(g: RevisionGraph, scope: Scope, sign: "+" | "-", steps: number, current: readonly string[]): Target {
  const what = `${scope.label !== undefined ? `${scope.label}@` : ""}${sign}${steps}`;
  const applied = [...ancestorsOf(g, current)].filter((id) => inScope(scope, id));
  const at = headsOf(g, new Set(applied));
  if (at.length > 1) {
    throw new RevisionGraphError(
      `the database is at several heads (${at.join(", ")}), so "${what}" is ambiguous`,
      "Name the revision to go to instead of a relative step, or use `LABEL@+N` on a labelled branch.",
    );
  }
  if (sign === "+") return walkUp(g, scope, at[0], steps, what, "above the current one");
  const down = walkDown(g, scope, at[0], steps, what, "applied");
  // -0: nothing stepped over, nothing to revert.
  return down.past === undefined ? { kind: "revisions", ids: at } : { kind: "steppedDown", to: down.to, past: down.past };
}

function walkUp(g: RevisionGraph, scope: Scope, from: string | undefined, steps: number, what: string, where: string): Target {
  let at = from;
  for (let i = 0; i < steps; i++) {
    const next = (at === undefined ? g.bases : g.children.get(at) ?? []).filter((id) => inScope(scope, id));
    if (next.length === 0) {
      throw new UnknownRevisionError(`cannot go up ${steps} revision(s) ("${what}"): only ${i} remain ${where}`, "Run `athanor history` to see what is left to apply.");
    }
    if (next.length > 1) {
      throw new RevisionGraphError(
        `the history branches after ${at ?? "base"} (${next.join(", ")}), so "${what}" is ambiguous`,
        "Name the revision to go to, or step along one branch with `LABEL@+N`.",
      );
    }
    at = next[0];
  }
  return at === undefined ? { kind: "below", ids: [...g.bases] } : { kind: "revisions", ids: [at] };
}

/** Where N steps down from `from` land (`to`; undefined below the first revision), and the last revision stepped over. */
function walkDown(g: RevisionGraph, scope: Scope, from: string | undefined, steps: number, what: string, where: string): { to?: string; past?: string } {
  let at = from;
  let below: string | undefined;
  for (let i = 0; i < steps; i++) {
    if (at === undefined) {
      throw new UnknownRevisionError(`cannot go down ${steps} revision(s) ("${what}"): only ${i} are ${where}`, "Use `athanor downgrade base` to revert everything.");
    }
    const parents = g.nodes.get(at)!.downRevisions.filter((id) => inScope(scope, id));
    if (parents.length > 1) {
      throw new RevisionGraphError(`revision ${at} is a merge of ${parents.join(", ")}, so "${what}" is ambiguous`, "Name the revision to go down to.");
    }
    below = at;
    at = parents[0];
  }
  return { to: at, past: below };
}

/**
 * A full id, an unambiguous prefix of one, or any other identifier naming one revision without
 * asking the database: `head`, a branch label (its head), `LABEL@head`, `REV+N`, `REV-N`,
 * `head-1` (the grammar is resolveRevision's, above).
 */
export function resolveId(g: RevisionGraph, id: string): string {
  return g.nodes.has(id) ? id : resolveRevision(g, id);
}
