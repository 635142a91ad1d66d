/**
 * Dialect.tableExists, asked when reading the version table fails: one query whatever the
 * schema's size (it used to introspect the whole schema), true for a table `introspect` reads,
 * false for a view or a missing name, and a name with a quote is escaped, not injected.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DialectName } from "../../src/dialects/dialect";
import { unavailable, withTestDatabase } from "../support/databases";
import { connectUrl } from "../support/introspect";

describe("tableExists", () => {
  for (const dialect of ["postgres", "mysql", "sqlite"] as const satisfies readonly DialectName[]) {
    it(`answers in one query, for tables only (${dialect})`, async (t) => {
      const reason = await unavailable(dialect);
      if (reason) return t.skip(reason);
      await withTestDatabase(dialect, async (db) => {
        const conn = await connectUrl(db.url);
        try {
          const q = conn.dialect.quoteIdentifier;
          await conn.query(`CREATE TABLE ${q("probe")} (id int)`);
          await conn.query(`CREATE TABLE ${q("it's")} (id int)`);
          await conn.query(`CREATE VIEW ${q("probe_view")} AS SELECT id FROM ${q("probe")}`);
          const before = conn.queryCount;
          assert.equal(await conn.dialect.tableExists(conn, "probe"), true);
          assert.equal(await conn.dialect.tableExists(conn, "it's"), true);
          assert.equal(await conn.dialect.tableExists(conn, "probe_view"), false);
          assert.equal(await conn.dialect.tableExists(conn, "missing' OR '1'='1"), false);
          if (dialect !== "sqlite") assert.equal(conn.queryCount - before, 4, "one query per question");
        } finally {
          await conn.close();
        }
      });
    });
  }
});
