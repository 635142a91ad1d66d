/**
 * Every revision identifier form on a branched, labelled history (no database: the database's
 * heads are passed in where a form is relative to them).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AmbiguousRevisionError, MultipleHeadsError, RevisionGraphError, UnknownRevisionError } from "../../../src/errors";
import { buildGraph, type RevisionNode } from "../../../src/revisions/graph";
import { planDowngrade, planUpgrade, resolveId, resolveRevision, resolveRevisions, resolveTarget } from "../../../src/revisions/targets";
import { throwsWith } from "../throws-with";

const node = (revision: string, downRevisions: string[] = [], extra: Partial<RevisionNode> = {}): RevisionNode => ({
  revision,
  downRevisions,
  file: `migrations/versions/${revision}_x.ts`,
  ...extra,
});

// root <- trunk <- fork, then two labelled branches from fork:
//   networking:   fork <- net1 <- net2
//   shoppingcart: fork <- shop1 <- shop2 <- shop3
const root = "1a0000000001";
const trunk = "2b0000000002";
const fork = "3c0000000003";
const net1 = "4d0000000004";
const net2 = "4e0000000005";
const shop1 = "5f0000000006";
const shop2 = "5f1000000007";
const shop3 = "6a0000000008";
const g = buildGraph([
  node(root),
  node(trunk, [root]),
  node(fork, [trunk]),
  node(net1, [fork], { branchLabels: ["networking"] }),
  node(net2, [net1]),
  node(shop1, [fork], { branchLabels: ["shoppingcart"] }),
  node(shop2, [shop1]),
  node(shop3, [shop2]),
]);

describe("identifiers that need no database", () => {
  it("a full id and an unambiguous partial id name that revision", () => {
    assert.equal(resolveRevision(g, net2), net2);
    assert.equal(resolveRevision(g, "4d"), net1);
    assert.equal(resolveRevision(g, "6"), shop3);
    assert.equal(resolveId(g, "4e"), net2);
  });

  it("an ambiguous partial id is an AmbiguousRevisionError naming every match and its file", () => {
    throwsWith(() => resolveRevision(g, "5f"), AmbiguousRevisionError, [shop1, shop2, `migrations/versions/${shop1}_x.ts`, `migrations/versions/${shop2}_x.ts`]);
  });

  it("heads names both branch heads; head with two heads is a MultipleHeadsError naming them and their files", () => {
    assert.deepEqual(resolveRevisions(g, "heads"), [net2, shop3]);
    throwsWith(() => resolveRevision(g, "head"), MultipleHeadsError, [net2, shop3, `migrations/versions/${net2}_x.ts`]);
  });

  it("base names no revision, and upgrading to it plans nothing", () => {
    assert.deepEqual(resolveRevisions(g, "base"), []);
    assert.deepEqual(resolveTarget(g, "base"), { kind: "below", ids: [root] });
    assert.deepEqual(planUpgrade(g, [], "base"), []);
  });

  it("LABEL@head and a label alone name the head of that branch", () => {
    assert.equal(resolveRevision(g, "networking@head"), net2);
    assert.equal(resolveRevision(g, "shoppingcart@head"), shop3);
    assert.equal(resolveRevision(g, "networking"), net2);
    assert.equal(resolveId(g, "shoppingcart"), shop3);
  });

  it("REV+N and REV-N step from a named revision; head-1 steps down from the head", () => {
    const linear = buildGraph([node("aa01"), node("bb02", ["aa01"]), node("cc03", ["bb02"]), node("dd04", ["cc03"])]);
    assert.equal(resolveRevision(linear, "head-1"), "cc03");
    assert.equal(resolveRevision(linear, "head-3"), "aa01");
    assert.equal(resolveRevision(linear, "aa01+2"), "cc03");
    assert.equal(resolveRevision(linear, "aa+3"), "dd04", "a partial id is an anchor too");
    assert.equal(resolveRevision(linear, "dd04-2"), "bb02");
    assert.equal(resolveRevision(linear, "base+1"), "aa01");
    assert.deepEqual(resolveTarget(linear, "head-4"), { kind: "below", ids: ["aa01"] }, "stepping below the first revision is base");
    throwsWith(() => resolveRevision(linear, "head-5"), UnknownRevisionError, ["cannot go down 5", "only 4"]);
    throwsWith(() => resolveRevision(linear, "cc03+2"), UnknownRevisionError, ["cannot go up 2", "only 1"]);
  });

  it("LABEL@head-N and LABEL@REV+N step along that branch, even from the branch point", () => {
    assert.equal(resolveRevision(g, "shoppingcart@head-1"), shop2);
    assert.equal(resolveRevision(g, "networking@head-2"), fork);
    assert.equal(resolveRevision(g, `networking@${fork}+1`), net1);
    assert.equal(resolveRevision(g, `shoppingcart@${fork}+2`), shop2);
  });

  it("a step through a branch point is a RevisionGraphError naming both branches", () => {
    throwsWith(() => resolveRevision(g, `${fork}+1`), RevisionGraphError, [net1, shop1, "ambiguous"]);
  });

  it("a step down through a merge is a RevisionGraphError naming its parents", () => {
    const merged = buildGraph([node("aa01"), node("bb02", ["aa01"]), node("cc03", ["aa01"]), node("dd04", ["bb02", "cc03"])]);
    throwsWith(() => resolveRevision(merged, "head-1"), RevisionGraphError, ["dd04", "merge", "bb02", "cc03"]);
  });

  it("LABEL@REV with a revision off that branch, and an unknown label, are UnknownRevisionErrors", () => {
    throwsWith(() => resolveRevision(g, `networking@${shop1}`), UnknownRevisionError, [shop1, "networking"]);
    throwsWith(() => resolveRevision(g, "billing@head"), UnknownRevisionError, ["billing", "networking", "shoppingcart"]);
  });

  it("+N and -N without the database's revision are an UnknownRevisionError saying so", () => {
    throwsWith(() => resolveRevision(g, "+1"), UnknownRevisionError, ["+1", "does not read the database"]);
    throwsWith(() => resolveRevision(g, "networking@-1"), UnknownRevisionError, ["does not read the database"]);
  });

  it("an id that looks like REV-N is still the id when a revision has it", () => {
    const odd = buildGraph([node("001_init"), node("002_v-2", ["001_init"])]);
    assert.equal(resolveRevision(odd, "002_v-2"), "002_v-2");
    assert.equal(resolveRevision(odd, "002_v-1"), "001_init", "002_v is a prefix of 002_v-2, stepped down 1");
  });
});

describe("identifiers relative to the database", () => {
  it("+N from the fork is ambiguous; LABEL@+N picks the branch", () => {
    throwsWith(() => planUpgrade(g, [fork], "+1"), RevisionGraphError, [net1, shop1]);
    assert.deepEqual(planUpgrade(g, [fork], "networking@+1"), [net1]);
    assert.deepEqual(planUpgrade(g, [fork], "shoppingcart@+2"), [shop1, shop2]);
    assert.deepEqual(planUpgrade(g, [net1, shop1], "shoppingcart@+1"), [shop2]);
  });

  it("LABEL@+N on a branch not started yet begins at its first revision", () => {
    assert.deepEqual(planUpgrade(g, [net2], "shoppingcart@+1"), [shop1]);
  });

  it("-N with two heads applied is ambiguous; LABEL@-N moves one branch only", () => {
    throwsWith(() => planDowngrade(g, [net2, shop3], "-1"), RevisionGraphError, ["several heads", net2, shop3]);
    assert.deepEqual(planDowngrade(g, [net2, shop3], "networking@-1"), [net2]);
    assert.deepEqual(planDowngrade(g, [net2, shop3], "shoppingcart@-2"), [shop3, shop2]);
  });

  it("LABEL@-N down to the branch point reverts that branch's revisions only", () => {
    assert.deepEqual(planDowngrade(g, [net1, shop1], "shoppingcart@-1"), [shop1]);
    assert.deepEqual(planDowngrade(g, [net2, shop1], "networking@-2"), [net2, net1]);
  });

  it("LABEL@base reverts that whole branch and leaves the other", () => {
    assert.deepEqual(planDowngrade(g, [net2, shop3], "networking@base"), [net2, net1]);
  });

  it("downgrading to a revision on one branch leaves the other branch applied", () => {
    assert.deepEqual(planDowngrade(g, [net2, shop3], net1), [net2]);
    assert.deepEqual(planDowngrade(g, [net2, shop3], fork), [shop3, shop2, shop1, net2, net1]);
  });

  it("upgrade heads applies both branches; upgrade LABEL@head only the one", () => {
    assert.deepEqual(planUpgrade(g, [fork], "heads"), [net1, net2, shop1, shop2, shop3]);
    assert.deepEqual(planUpgrade(g, [fork], "networking@head"), [net1, net2]);
    assert.deepEqual(planUpgrade(g, [], "shoppingcart"), [root, trunk, fork, shop1, shop2, shop3]);
  });

  it("current names the database's heads", () => {
    assert.deepEqual(resolveRevisions(g, "current", [net1, shop2]), [net1, shop2]);
    assert.deepEqual(resolveRevisions(g, "current", []), []);
  });
});
