/**
 * What `verify [RANGE]` checks and what it replays unchecked below, on a history with a branch
 * and a merge: no range is every revision; REV is that revision alone, its ancestors replayed;
 * START:END is inclusive, with prefixes, base, head and REV-N; a merge's other parent is replayed
 * even though it is not below START; nothing may be relative to a database.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, UnknownRevisionError } from "../../../src/errors";
import { buildGraph, type RevisionNode } from "../../../src/revisions/graph";
import { revisionsBetween, verificationPlan } from "../../../src/revisions/range";
import { throwsWith } from "../throws-with";

const node = (revision: string, downRevisions: string[] = []): RevisionNode => ({ revision, downRevisions, file: `migrations/versions/${revision}_x.ts` });

// a1 <- b2 <- c3 ----- e5 (merge) <- f6
//          \ <- d4 --/
const g = buildGraph([node("a1"), node("b2", ["a1"]), node("c3", ["b2"]), node("d4", ["b2"]), node("e5", ["c3", "d4"]), node("f6", ["e5"])]);

describe("verificationPlan", () => {
  it("checks every revision in upgrade order when no range is given", () => {
    const plan = verificationPlan(g);
    assert.deepEqual(plan.setup, []);
    assert.deepEqual(plan.check, ["a1", "b2", "c3", "d4", "e5", "f6"]);
  });

  it("checks nothing, without an error, when there are no migrations", () => {
    assert.deepEqual(verificationPlan(buildGraph([])), { setup: [], check: [] });
  });

  it("checks REV alone and replays everything it needs first", () => {
    assert.deepEqual(verificationPlan(g, "e5"), { setup: ["a1", "b2", "c3", "d4"], check: ["e5"] });
    assert.deepEqual(verificationPlan(g, "a"), { setup: [], check: ["a1"] });
    assert.deepEqual(verificationPlan(g, "head"), { setup: ["a1", "b2", "c3", "d4", "e5"], check: ["f6"] });
    assert.deepEqual(verificationPlan(g, "head-1"), { setup: ["a1", "b2", "c3", "d4"], check: ["e5"] });
  });

  it("checks START to END inclusive, and replays a merge's other parent that is not above START", () => {
    assert.deepEqual(verificationPlan(g, "c3:e5"), { setup: ["a1", "b2", "d4"], check: ["c3", "e5"] });
    assert.deepEqual(verificationPlan(g, "base:b2"), { setup: [], check: ["a1", "b2"] });
    assert.deepEqual(verificationPlan(g, "b:"), { setup: ["a1"], check: ["b2", "c3", "d4", "e5", "f6"] });
    assert.deepEqual(verificationPlan(g, ":c3"), { setup: [], check: ["a1", "b2", "c3"] });
    assert.deepEqual(verificationPlan(g, "d4:head"), { setup: ["a1", "b2", "c3"], check: ["d4", "e5", "f6"] });
  });

  it("refuses an unknown revision, an empty or malformed range, and forms relative to a database", () => {
    throwsWith(() => verificationPlan(g, "zz"), UnknownRevisionError, ["zz"]);
    throwsWith(() => verificationPlan(g, "base"), UnknownRevisionError, ["below the first one"]);
    throwsWith(() => verificationPlan(g, "f6:a1"), UnknownRevisionError, ["holds no revision"]);
    throwsWith(() => verificationPlan(g, "a1:b2:c3"), ConfigError, ["malformed revision range"]);
    throwsWith(() => verificationPlan(g, "current"), UnknownRevisionError, ["relative to the database's current revision"]);
    throwsWith(() => verificationPlan(g, "-1:head"), UnknownRevisionError, ["relative to the database's current revision"]);
  });
});

describe("revisionsBetween", () => {
  it("is what `history -r START:END` lists: descendants of START that END needs", () => {
    assert.deepEqual([...revisionsBetween(g, "c3", "f6")].sort(), ["c3", "e5", "f6"]);
    assert.deepEqual([...revisionsBetween(g, "-1", "", ["d4"])].sort(), ["b2", "c3", "d4", "e5", "f6"]);
  });
});
