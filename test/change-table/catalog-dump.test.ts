/**
 * The raw catalog dump is the change table's second witness: it must tell apart schemas that
 * differ only in what athanor's IR normalises or does not model, or a downgrade that restores
 * "the same IR" could still leave a different database behind.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalogDump, topLevelClauses } from "../support/catalog-dump";
import { DIALECTS, unavailable, withTestDatabase, type TestDialect } from "../support/databases";
import { connectUrl } from "../support/introspect";

/** Per dialect: a table, and a change of it that no IR field of today describes. */
const SUBTLE: Record<TestDialect, { create: string[]; change: string[] }> = {
  postgres: {
    create: [`CREATE TABLE t (id int PRIMARY KEY, n smallint DEFAULT 6)`],
    change: [`ALTER TABLE t ALTER COLUMN n SET DEFAULT '6'::smallint`],
  },
  mysql: {
    create: ["CREATE TABLE t (id int PRIMARY KEY, n int) ENGINE=InnoDB"],
    change: ["ALTER TABLE t ENGINE=MyISAM"],
  },
  sqlite: {
    create: [`CREATE TABLE t (id integer PRIMARY KEY, n varchar(10))`],
    change: [`DROP TABLE t`, `CREATE TABLE t (id integer PRIMARY KEY, n varchar(10) COLLATE NOCASE)`],
  },
};

for (const dialect of DIALECTS) {
  describe(`raw catalog dump on ${dialect}`, () => {
    it("tells apart two spellings of a table that athanor's IR does not distinguish, and leaves out bookkeeping tables", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const conn = await connectUrl(db.url);
        try {
          for (const sql of SUBTLE[dialect].create) await conn.query(sql);
          await conn.query(dialect === "mysql" ? "CREATE TABLE athanor_version (version_num varchar(32) PRIMARY KEY)" : `CREATE TABLE athanor_version (version_num varchar(32) PRIMARY KEY)`);
          const before = await catalogDump(dialect, conn);
          assert.ok(before.some((l) => l.includes("| t |") || l.includes("| t")), `the dump shows table t:\n${before.join("\n")}`);
          assert.ok(!before.some((l) => l.includes("athanor_version")), "bookkeeping tables are not part of the user's schema");
          for (const sql of SUBTLE[dialect].change) await conn.query(sql);
          assert.notDeepEqual(await catalogDump(dialect, conn), before);
        } finally {
          await conn.close();
        }
      });
    });
  });
}

describe("CREATE TABLE clauses (SQLite)", () => {
  it("splits at top-level commas only, with quotes and spacing normalised", () => {
    assert.deepEqual(topLevelClauses(`CREATE TABLE "t" ("a" integer, "b" varchar(10) DEFAULT ('X, y'), CHECK ("a" IN (1, 2)),  UNIQUE ("a", "b"))`), [
      "a integer",
      "b varchar(10)default('X, y')",
      "check(a in(1,2))",
      "unique(a,b)",
    ]);
  });
});
