import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AmbiguousRevisionError, MultipleHeadsError, RevisionGraphError, UnknownRevisionError } from "../../../src/errors";
import { buildGraph, singleHead, type RevisionNode } from "../../../src/revisions/graph";
import { planDowngrade, planUpgrade, resolveId } from "../../../src/revisions/targets";
import { throwsWith } from "../throws-with";

const node = (revision: string, downRevisions: string[] = [], file = `versions/${revision}.ts`): RevisionNode => ({ revision, downRevisions, file });

/** Expects `fn` to throw an instance of `type` whose message contains every one of `parts`. */
// r1 <- r2 <- r3 <- r4; r2 and r3 share the prefix "b7c".
const r1 = "a1b2c3d4e5f6";
const r2 = "b7c8d9e0f1a2";
const r3 = "b7c9aabbccdd";
const r4 = "c0ffee000001";
const linear = buildGraph([node(r3, [r2]), node(r1), node(r4, [r3]), node(r2, [r1])]);

// base <- left, base <- right, merge = (left, right)
const merged = buildGraph([node("base01"), node("left02", ["base01"]), node("right03", ["base01"]), node("merge04", ["left02", "right03"])]);
const branched = buildGraph([node("base01"), node("left02", ["base01"]), node("right03", ["base01"])]);

describe("buildGraph", () => {
  it("finds the head and the base of a linear history", () => {
    assert.deepEqual(linear.heads, [r4]);
    assert.deepEqual(linear.bases, [r1]);
    assert.deepEqual(linear.children.get(r1), [r2]);
  });

  it("lists two heads of a branched history, sorted", () => {
    assert.deepEqual(branched.heads, ["left02", "right03"]);
    assert.deepEqual(branched.children.get("base01"), ["left02", "right03"]);
  });

  it("a merge revision is the single head with two parents", () => {
    assert.deepEqual(merged.heads, ["merge04"]);
    assert.deepEqual(merged.bases, ["base01"]);
  });

  it("a duplicate id is a RevisionGraphError naming both files", () => {
    throwsWith(() => buildGraph([node(r1, [], "versions/one.ts"), node(r1, [], "versions/two.ts")]), RevisionGraphError, [
      r1,
      "versions/one.ts",
      "versions/two.ts",
    ]);
  });

  it("an unknown downRevision is a RevisionGraphError naming the file and the missing id", () => {
    throwsWith(() => buildGraph([node(r1), node(r2, ["deadbeef0000"], "versions/broken.ts")]), RevisionGraphError, [r2, "deadbeef0000", "versions/broken.ts"]);
  });

  it("a cycle is a RevisionGraphError listing the revisions in the cycle and their files", () => {
    throwsWith(() => buildGraph([node("aaa", ["ccc"], "a.ts"), node("bbb", ["aaa"], "b.ts"), node("ccc", ["bbb"], "c.ts")]), RevisionGraphError, [
      "cycle",
      "aaa",
      "bbb",
      "ccc",
      "a.ts",
      "b.ts",
      "c.ts",
    ]);
  });

  it("a revision that revises itself is a cycle", () => {
    throwsWith(() => buildGraph([node("aaa", ["aaa"])]), RevisionGraphError, ["cycle", "aaa -> aaa"]);
  });
});

describe("resolveId", () => {
  it("accepts a full id and a unique prefix", () => {
    assert.equal(resolveId(linear, r3), r3);
    assert.equal(resolveId(linear, "b7c8"), r2);
    assert.equal(resolveId(linear, "c"), r4);
  });

  it("an ambiguous prefix is an AmbiguousRevisionError naming both matches", () => {
    throwsWith(() => resolveId(linear, "b7c"), AmbiguousRevisionError, [r2, r3]);
  });

  it("an unknown id is an UnknownRevisionError naming it", () => {
    throwsWith(() => resolveId(linear, "ffff"), UnknownRevisionError, ["ffff"]);
  });
});

describe("singleHead", () => {
  it("returns the one head, or undefined for an empty history", () => {
    assert.equal(singleHead(linear), r4);
    assert.equal(singleHead(buildGraph([])), undefined);
  });

  it("two heads are a MultipleHeadsError naming both", () => {
    throwsWith(() => singleHead(branched), MultipleHeadsError, ["left02", "right03"]);
  });
});

describe("planUpgrade", () => {
  it("from base to head applies every revision, parents first", () => {
    assert.deepEqual(planUpgrade(linear, [], "head"), [r1, r2, r3, r4]);
  });

  it("from base, +2 applies the first two", () => {
    assert.deepEqual(planUpgrade(linear, [], "+2"), [r1, r2]);
  });

  it("from base to a revision (by prefix) applies it and what it needs", () => {
    assert.deepEqual(planUpgrade(linear, [], "b7c9"), [r1, r2, r3]);
  });

  it("from the middle to head applies only what is missing", () => {
    assert.deepEqual(planUpgrade(linear, [r2], "head"), [r3, r4]);
  });

  it("from the middle, +1 applies the next revision", () => {
    assert.deepEqual(planUpgrade(linear, [r2], "+1"), [r3]);
  });

  it("at head, head applies nothing", () => {
    assert.deepEqual(planUpgrade(linear, [r4], "head"), []);
  });

  it("+N beyond the head is an UnknownRevisionError saying how many remain", () => {
    throwsWith(() => planUpgrade(linear, [r3], "+2"), UnknownRevisionError, ["cannot go up 2", "only 1 remain"]);
  });

  it("head with two heads is a MultipleHeadsError; heads applies both branches", () => {
    assert.throws(() => planUpgrade(branched, [], "head"), MultipleHeadsError);
    assert.deepEqual(planUpgrade(branched, [], "heads"), ["base01", "left02", "right03"]);
    assert.deepEqual(planUpgrade(branched, ["left02"], "heads"), ["right03"]);
  });

  it("+1 where the history branches is a RevisionGraphError naming the branches", () => {
    throwsWith(() => planUpgrade(branched, ["base01"], "+1"), RevisionGraphError, ["left02", "right03"]);
  });

  it("an unknown target is an UnknownRevisionError", () => {
    assert.throws(() => planUpgrade(linear, [], "nope"), UnknownRevisionError);
  });

  it("a merge revision is planned after both of its parents", () => {
    const plan = planUpgrade(merged, [], "head");
    assert.deepEqual(plan, ["base01", "left02", "right03", "merge04"]);
    assert.deepEqual(planUpgrade(merged, ["left02"], "head"), ["right03", "merge04"]);
  });
});

describe("planDowngrade", () => {
  it("-1 reverts the current revision", () => {
    assert.deepEqual(planDowngrade(linear, [r4], "-1"), [r4]);
  });

  it("-2 reverts two, children first", () => {
    assert.deepEqual(planDowngrade(linear, [r4], "-2"), [r4, r3]);
  });

  it("-N down to exactly base reverts everything", () => {
    assert.deepEqual(planDowngrade(linear, [r2], "-2"), [r2, r1]);
  });

  it("base reverts every applied revision, children first", () => {
    assert.deepEqual(planDowngrade(linear, [r4], "base"), [r4, r3, r2, r1]);
    assert.deepEqual(planDowngrade(linear, [r2], "base"), [r2, r1]);
  });

  it("to a revision (by prefix) reverts those above it and keeps it", () => {
    assert.deepEqual(planDowngrade(linear, [r4], "b7c8"), [r4, r3]);
  });

  it("-N below base is an UnknownRevisionError saying how many are applied", () => {
    throwsWith(() => planDowngrade(linear, [r2], "-3"), UnknownRevisionError, ["cannot go down 3", "only 2 are applied"]);
  });

  it("to a revision that is not applied is a RevisionGraphError", () => {
    throwsWith(() => planDowngrade(linear, [r2], r4), RevisionGraphError, [r4, "not applied"]);
  });

  it("a merge is reverted before both of its parents; -1 from a merge is ambiguous", () => {
    assert.deepEqual(planDowngrade(merged, ["merge04"], "base"), ["merge04", "right03", "left02", "base01"]);
    // Downgrading to one parent reverts what is above it (the merge); the other branch stays, as in Alembic.
    assert.deepEqual(planDowngrade(merged, ["merge04"], "left02"), ["merge04"]);
    throwsWith(() => planDowngrade(merged, ["merge04"], "-1"), RevisionGraphError, ["merge04", "left02", "right03"]);
  });
});
