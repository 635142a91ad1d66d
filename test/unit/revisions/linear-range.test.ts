/**
 * Which stretches of a history `squash` may replace by one revision (src/revisions/linear-range.ts):
 * a linear run of single-parent revisions, branching only at END, needed by nothing outside.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SquashRangeError } from "../../../src/errors";
import { buildGraph, type RevisionNode } from "../../../src/revisions/graph";
import { linearRange } from "../../../src/revisions/linear-range";
import { throwsWith } from "../throws-with";

const node = (revision: string, downRevisions: string[] = [], extra: Partial<RevisionNode> = {}): RevisionNode => ({
  revision,
  downRevisions,
  file: `migrations/versions/${revision}_x.ts`,
  ...extra,
});

// a <- b <- c <- d <- e (merge of d and x) <- f;  c <- y (a branch from c);  x is a second base.
const g = buildGraph([node("a"), node("b", ["a"]), node("c", ["b"]), node("d", ["c"]), node("x"), node("e", ["d", "x"]), node("f", ["e"]), node("y", ["c"])]);

describe("linearRange", () => {
  it("a linear stretch is returned parents first, END's children outside it allowed", () => {
    assert.deepEqual(linearRange(g, "a", "c"), ["a", "b", "c"]);
    assert.deepEqual(linearRange(g, "d", "d"), ["d"]);
  });

  it("a merge may start the range (the new revision takes over its parents)", () => {
    assert.deepEqual(linearRange(g, "e", "f"), ["e", "f"]);
  });

  it("a merge inside the range is refused, naming it", () => {
    throwsWith(() => linearRange(g, "a", "f"), SquashRangeError, ["not linear", "e (migrations/versions/e_x.ts) is a merge", "d, x"]);
  });

  it("a branch point inside the range is refused, naming the child outside", () => {
    throwsWith(() => linearRange(g, "b", "d"), SquashRangeError, ["c (migrations/versions/c_x.ts) is a branch point", "y"]);
  });

  it("START that is not below END is refused", () => {
    throwsWith(() => linearRange(g, "d", "b"), SquashRangeError, ["d (migrations/versions/d_x.ts) is not an ancestor of b", "base a"]);
  });

  it("a revision outside that depends on one inside is refused", () => {
    const withDep = buildGraph([node("a"), node("b", ["a"]), node("c", ["b"]), node("z", [], { dependsOn: ["a"] })]);
    throwsWith(() => linearRange(withDep, "a", "b"), SquashRangeError, ["z (migrations/versions/z_x.ts) depends on a"]);
  });

  it("a revision outside that depends on END is allowed (squash points it at the replacement)", () => {
    const withDep = buildGraph([node("a"), node("b", ["a"]), node("c", ["b"]), node("z", [], { dependsOn: ["b"] })]);
    assert.deepEqual(linearRange(withDep, "a", "b"), ["a", "b"]);
  });
});
