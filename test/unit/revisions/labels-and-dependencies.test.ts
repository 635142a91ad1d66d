/** Branch labels and dependsOn in the revision graph. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DuplicateBranchLabelError, MissingRevisionError, RevisionCycleError } from "../../../src/errors";
import { ancestorsOf, branchPoints, buildGraph, headsOf, labelsOf, type RevisionNode } from "../../../src/revisions/graph";
import { planDowngrade, planUpgrade } from "../../../src/revisions/targets";
import { throwsWith } from "../throws-with";

const node = (revision: string, downRevisions: string[] = [], extra: Partial<RevisionNode> = {}): RevisionNode => ({
  revision,
  downRevisions,
  file: `versions/${revision}.ts`,
  ...extra,
});

// Two independent roots: a1 <- a2 (label "accounts"), b1 <- b2 (label "billing"); b2 depends on a2.
const deps = buildGraph([
  node("a1", [], { branchLabels: ["accounts"] }),
  node("a2", ["a1"]),
  node("b1", [], { branchLabels: ["billing"] }),
  node("b2", ["b1"], { dependsOn: ["a2"] }),
]);

describe("dependsOn", () => {
  it("a dependency is applied before its dependent, though it is not a parent", () => {
    assert.deepEqual(planUpgrade(deps, [], "b2"), ["a1", "a2", "b1", "b2"]);
    assert.deepEqual(planUpgrade(deps, ["b1"], "billing@head"), ["a1", "a2", "b2"]);
  });

  it("a dependency does not stop its branch's head being a head, in the graph and in the version table", () => {
    assert.deepEqual(deps.heads, ["a2", "b2"]);
    assert.deepEqual(headsOf(deps, ancestorsOf(deps, ["b2"])), ["a2", "b2"]);
  });

  it("reverting a dependency first reverts what depends on it", () => {
    assert.deepEqual(planDowngrade(deps, ["a2", "b2"], "a1"), ["b2", "a2"]);
    assert.deepEqual(planDowngrade(deps, ["a2", "b2"], "billing@base"), ["b2", "b1"]);
  });

  it("dependsOn may name a branch label", () => {
    const g = buildGraph([node("a1", [], { branchLabels: ["accounts"] }), node("b1", [], { dependsOn: ["accounts"] })]);
    assert.deepEqual(g.dependencies.get("b1"), ["a1"]);
    assert.deepEqual(planUpgrade(g, [], "b1"), ["a1", "b1"]);
  });

  it("an unknown dependsOn is a MissingRevisionError naming the file and the id", () => {
    throwsWith(() => buildGraph([node("a1"), node("b1", [], { dependsOn: ["zz99"], file: "versions/b1_billing.ts" })]), MissingRevisionError, [
      "zz99",
      "versions/b1_billing.ts",
    ]);
  });

  it("a dependsOn that loops back is a RevisionCycleError naming the files", () => {
    throwsWith(() => buildGraph([node("a1", [], { dependsOn: ["a2"] }), node("a2", ["a1"])]), RevisionCycleError, ["cycle", "versions/a1.ts", "versions/a2.ts"]);
  });
});

describe("branch labels", () => {
  it("each revision is on the branches of the labelled revisions it descends from", () => {
    assert.deepEqual(labelsOf(deps, "a2"), ["accounts"]);
    assert.deepEqual(labelsOf(deps, "b2"), ["billing"]);
    assert.deepEqual(deps.labels.get("billing"), "b1");
  });

  it("the same label on two revisions is a DuplicateBranchLabelError naming both files", () => {
    throwsWith(
      () => buildGraph([node("a1", [], { branchLabels: ["x"], file: "versions/one.ts" }), node("b1", [], { branchLabels: ["x"], file: "versions/two.ts" })]),
      DuplicateBranchLabelError,
      ['"x"', "versions/one.ts", "versions/two.ts"],
    );
  });

  it("a label equal to another revision's id is a DuplicateBranchLabelError", () => {
    throwsWith(() => buildGraph([node("a1"), node("b1", [], { branchLabels: ["a1"] })]), DuplicateBranchLabelError, ["a1", "versions/b1.ts"]);
  });

  it("branchPoints lists revisions with several children", () => {
    const g = buildGraph([node("r"), node("x", ["r"]), node("y", ["r"]), node("z", ["x"])]);
    assert.deepEqual(branchPoints(g), ["r"]);
    assert.deepEqual(branchPoints(deps), []);
  });
});
