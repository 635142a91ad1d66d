import { test } from "node:test";
import assert from "node:assert/strict";
import { postgresDialect } from "../../../src/dialects/postgres";
import { unavailable, withTestDatabase } from "../../support/databases";
import { connectTo } from "./helpers";

function ddl(from: number, to: number): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    out.push(
      `CREATE TABLE t${i} (id serial CONSTRAINT pk_t${i} PRIMARY KEY, name varchar(20) UNIQUE, parent int REFERENCES t${i} (id) ON DELETE CASCADE)`,
      `CREATE INDEX ix_t${i} ON t${i} (name, parent)`,
    );
  }
  return out.join(";\n");
}

test("introspection makes the same number of catalog queries for 5 tables and 50", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      const count = async () => {
        const before = conn.queryCount;
        const schema = await postgresDialect.introspect(conn, { exclude: [] });
        return { queries: conn.queryCount - before, tables: schema.tables.length };
      };
      await conn.query(ddl(0, 5));
      const five = await count();
      await conn.query(ddl(5, 50));
      const fifty = await count();
      assert.equal(five.tables, 5);
      assert.equal(fifty.tables, 50);
      assert.equal(fifty.queries, five.queries);
      const [setting] = await conn.query<{ jit: string }>("SHOW jit");
      assert.equal(setting?.jit, "on", "JIT is switched back on after reading the catalog");
      // Four catalog queries, and two to switch JIT off and back on (see withoutJit).
      assert.ok(five.queries <= 6, `${five.queries} queries`);
    } finally {
      await conn.close();
    }
  });
});

test("introspection leaves out excluded tables", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      await conn.query(`CREATE TABLE migrations (id int); CREATE TABLE kept (id int)`);
      const schema = await postgresDialect.introspect(conn, { exclude: ["migrations"] });
      assert.deepEqual(schema.tables.map((x) => x.name), ["kept"]);
    } finally {
      await conn.close();
    }
  });
});
