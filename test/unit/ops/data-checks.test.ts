/** Which ops check existing rows before they run, and the count query each check sends. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { postgresDialect } from "../../../src/dialects/postgres";
import { mysqlDialect } from "../../../src/dialects/mysql";
import { DataCheckError } from "../../../src/errors";
import { dataCheckError, dataCheckSql, dataChecks, type DataCheckDialect } from "../../../src/ops/data-checks";
import type { Op } from "../../../src/ops/types";
import { int, sampleOps, varchar } from "../fixtures";

/** A dialect whose narrowing hook reports every change of length, to test dataChecks alone. */
const fake: DataCheckDialect = {
  quoteIdentifier: (n) => `[${n}]`,
  narrowing: (from, to) => (from.length !== to.length ? { reason: `${from.length} → ${to.length}`, where: `len([${from.name}]) > ${to.length}` } : undefined),
};

describe("dataChecks", () => {
  it("SET NOT NULL counts the NULLs", () => {
    const op: Op = { kind: "alterColumn", table: "posts", from: varchar("note", 40, { nullable: true }), to: varchar("note", 40) };
    assert.deepEqual(dataChecks(op, fake), [{ table: "posts", column: "note", kind: "not-null", reason: "sets NOT NULL", where: "[note] IS NULL" }]);
  });

  it("a narrowing asks the dialect's condition, after the NULL check when both apply", () => {
    const op: Op = { kind: "alterColumn", table: "posts", from: varchar("title", 120, { nullable: true }), to: varchar("title", 80) };
    assert.deepEqual(dataChecks(op, fake), [
      { table: "posts", column: "title", kind: "not-null", reason: "sets NOT NULL", where: "[title] IS NULL" },
      { table: "posts", column: "title", kind: "narrowing", reason: "120 → 80", where: "len([title]) > 80" },
    ]);
  });

  it("dropping NOT NULL, widening, or a dialect without the hook: nothing to check", () => {
    assert.deepEqual(dataChecks({ kind: "alterColumn", table: "t", from: varchar("a", 10), to: varchar("a", 10, { nullable: true }) }, fake), []);
    assert.deepEqual(dataChecks({ kind: "alterColumn", table: "t", from: varchar("a", 10), to: varchar("a", 10) }, fake), []);
    assert.deepEqual(dataChecks({ kind: "alterColumn", table: "t", from: varchar("a", 10), to: varchar("a", 5) }, { quoteIdentifier: fake.quoteIdentifier }), []);
  });

  it("adding a NOT NULL column without a default requires an empty table (no condition)", () => {
    assert.deepEqual(dataChecks({ kind: "addColumn", table: "posts", column: int("rank") }, fake), [
      { table: "posts", column: "rank", kind: "required-column", reason: "NOT NULL without a default" },
    ]);
  });

  it("a NOT NULL column with a default, auto-increment or an expression, or a nullable one, fills itself", () => {
    for (const column of [int("a", { default: "0" }), int("a", { autoIncrement: "increment" }), int("a", { asExpression: "1 + 1", generatedType: "STORED" }), int("a", { nullable: true })]) {
      assert.deepEqual(dataChecks({ kind: "addColumn", table: "t", column }, fake), [], JSON.stringify(column));
    }
  });

  it("every other op kind checks nothing", () => {
    for (const [kind, op] of Object.entries(sampleOps) as [Op["kind"], Op][]) {
      if (kind === "addColumn" || kind === "alterColumn") continue;
      assert.deepEqual(dataChecks(op, fake), [], kind);
    }
  });
});

describe("dataCheckSql", () => {
  it("counts the rows matching the condition, quoted by the dialect", () => {
    const check = { table: "po\"sts", column: "title", kind: "narrowing", reason: "r", where: `char_length("title") > 80` } as const;
    assert.equal(dataCheckSql(check, postgresDialect), `SELECT count(*) AS n FROM "po""sts" WHERE char_length("title") > 80`);
  });

  it("without a condition, counts every row", () => {
    assert.equal(dataCheckSql({ table: "posts", column: "rank", kind: "required-column", reason: "r" }, mysqlDialect), "SELECT count(*) AS n FROM `posts`");
  });
});

describe("dataCheckError", () => {
  it("names the table, the column, the count and the reason, and says how to find the rows", () => {
    const check = { table: "posts", column: "title", kind: "narrowing", reason: "varchar(120) → varchar(80)", where: `char_length("title") > 80` } as const;
    const e = dataCheckError(check, 3, dataCheckSql(check, postgresDialect));
    assert.ok(e instanceof DataCheckError);
    assert.equal(e.message, `3 rows of "posts" hold a value in "posts"."title" that varchar(120) → varchar(80) would lose or alter; stopped before altering the column`);
    assert.match(e.hint!, /op\.execute/);
    assert.match(e.hint!, /SELECT \* FROM "posts" WHERE char_length\("title"\) > 80$/);
  });

  it("a required column says the table has rows and how to add the column instead", () => {
    const e = dataCheckError({ table: "posts", column: "rank", kind: "required-column", reason: "NOT NULL without a default" }, 1, "SELECT count(*) AS n FROM posts");
    assert.match(e.message, /^"posts"\."rank" is added NOT NULL without a default, but "posts" has 1 row /);
    assert.match(e.hint!, /default/);
    assert.match(e.hint!, /nullable/);
  });
});
