/** Ignore comments, op locations in files, and the three output formats of `athanor lint`. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LintResult } from "../../../src/api/lint";
import { formatLint, githubAnnotation } from "../../../src/lint/format";
import { ignoresAbove } from "../../../src/lint/ignore-comments";
import { locateOps } from "../../../src/lint/locate";
import type { Op } from "../../../src/ops/types";
import { int } from "../fixtures";

describe("athanor-lint-ignore comments", () => {
  it("a comment in the block right above the op names the rules and the reason", () => {
    const lines = ["x", "  // athanor-lint-ignore locking/index-not-concurrent, destructive/drop-column: small table", "  // another note", "  await op.createIndex(...)"];
    assert.deepEqual(ignoresAbove(lines, 4), [{ rules: ["locking/index-not-concurrent", "destructive/drop-column"], reason: "small table", line: 2 }]);
  });

  it("SQL comments count too; a comment without a reason is read with an empty reason", () => {
    assert.deepEqual(ignoresAbove(["-- athanor-lint-ignore destructive/truncate", "TRUNCATE t;"], 2), [{ rules: ["destructive/truncate"], reason: "", line: 1 }]);
  });

  it("a comment separated from the op by code does not count", () => {
    assert.deepEqual(ignoresAbove(["// athanor-lint-ignore destructive/drop-column: old", "await op.addColumn(...);", "await op.dropColumn(...);"], 3), []);
  });
});

describe("locating ops in their file", () => {
  it("finds each op's call in order, inside the right function", () => {
    const source = [
      "export async function upgrade({ op }) {",
      "  await op.dropColumn('t', 'a');",
      "  await op.dropColumn('t', 'b');",
      "}",
      "export async function downgrade({ op }) {",
      "  await op.addColumn('t', {});",
      "}",
    ].join("\n");
    const drop: Op = { kind: "dropColumn", table: "t", column: int("a") };
    assert.deepEqual(locateOps(source, [drop, drop], "upgrade", false), [2, 3]);
    assert.deepEqual(locateOps(source, [{ kind: "addColumn", table: "t", column: int("a") }], "downgrade", false), [6]);
  });

  it("an op it cannot find goes on line 1; a SQL statement is found by its first line of code", () => {
    assert.deepEqual(locateOps("nothing here", [{ kind: "execute", sql: "DROP TABLE x" }], "upgrade", false), [1]);
    assert.deepEqual(locateOps("-- one\nCREATE TABLE a (id int);\n\n-- two\nDROP TABLE b;\n", [{ kind: "execute", sql: "-- two\nDROP TABLE b" }], "upgrade", true), [5]);
  });
});

const result: LintResult = {
  dialect: "postgres",
  serverVersion: "16",
  revisions: ["a1"],
  findings: [
    { rule: "destructive/drop-column", message: `drops column "t"."a" and its data`, file: "migrations/versions/a1_x.ts", line: 3, revision: "a1", direction: "upgrade" },
    { rule: "locking/index-not-concurrent", message: "builds index, 100%", file: "migrations/versions/a1_x.ts", line: 5, revision: "a1", direction: "upgrade", ignoredBecause: "small table" },
  ],
};

describe("lint output formats", () => {
  it("text: one line per open finding with file:line, then a summary counting acknowledged ones", () => {
    assert.deepEqual(formatLint(result, "text"), [
      `migrations/versions/a1_x.ts:3: destructive/drop-column: drops column "t"."a" and its data (a1 upgrade)`,
      "1 finding(s) in 1 revision(s), postgres 16; 1 acknowledged by athanor-lint-ignore comments.",
    ]);
    assert.deepEqual(formatLint({ ...result, findings: [] }, "text"), ["No findings in 1 revision(s), postgres 16."]);
  });

  it("json: every finding, acknowledged ones with their reason, and whether it is clean", () => {
    const doc = JSON.parse(formatLint(result, "json").join("\n"));
    assert.equal(doc.clean, false);
    assert.equal(doc.findings.length, 2);
    assert.equal(doc.findings[1].ignoredBecause, "small table");
  });

  it("github: a ::warning annotation per open finding, escaped", () => {
    assert.deepEqual(formatLint(result, "github"), [`::warning file=migrations/versions/a1_x.ts,line=3,title=destructive/drop-column::drops column "t"."a" and its data (a1 upgrade)`]);
    assert.equal(
      githubAnnotation({ ...result.findings[1], file: "a,b:c.ts", message: "50%\nnext" }),
      "::warning file=a%2Cb%3Ac.ts,line=5,title=locking/index-not-concurrent::50%25%0Anext (a1 upgrade)",
    );
  });
});
