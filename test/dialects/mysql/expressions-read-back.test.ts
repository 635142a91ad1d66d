/**
 * Expressions as an entity writes them and as MariaDB/MySQL print them back compare equal after
 * canonicalExpression: CHECK constraints (CHECK_CONSTRAINTS) and generated columns without
 * TypeORM's typeorm_metadata row (GENERATION_EXPRESSION). The canonical text is itself valid SQL.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mysqlDialect } from "../../../src/dialects/mysql";
import { unavailable, withTestDatabase } from "../../support/databases";
import { connectTest } from "./helpers";

const CHECKS = [
  "`a` >= 0 AND `a` < 200",
  "a != 1 AND b IS NOT NULL",
  "a BETWEEN 1 AND 5 OR b IN (1, 2)",
  "(a)>0",
  "s LIKE 'a%' OR s IS NULL",
  "CHAR_LENGTH(s) < 10 AND UPPER(s) <> 'IT''S'",
  "CAST(a AS CHAR) <> 'x'",
  "d < '2030-01-01' + INTERVAL 1 DAY",
  "CASE WHEN a > 1 THEN s <> '' ELSE TRUE END",
];

test("CHECK expressions written as entities write them read back canonically equal, and re-create from the canonical text", async (t) => {
  const reason = await unavailable("mysql");
  if (reason) return t.skip(reason);
  await withTestDatabase("mysql", async (db) => {
    const conn = await connectTest(db);
    try {
      const checks = CHECKS.map((expression, i) => `CONSTRAINT \`chk_${i}\` CHECK (${expression})`).join(", ");
      await conn.query(`CREATE TABLE \`c\` (\`a\` int NULL, \`b\` int NULL, \`s\` varchar(20) NULL, \`d\` date NULL, ${checks})`);
      const read = (await mysqlDialect.introspect(conn, { exclude: [] })).tables[0].checks!;
      const want = CHECKS.map((e, i) => ({ name: `chk_${i}`, expression: mysqlDialect.canonicalExpression(e, "check") }));
      assert.deepEqual(read, want);
      // The canonical text is what a downgrade re-creates a dropped check from.
      await conn.query("CREATE TABLE `c2` (`a` int NULL, `b` int NULL, `s` varchar(20) NULL, `d` date NULL)");
      for (const c of read) {
        for (const sql of await mysqlDialect.compile({ kind: "addCheck", table: "c2", check: c }, { currentTable: async () => undefined })) await conn.query(sql);
      }
      const again = (await mysqlDialect.introspect(conn, { exclude: [] })).tables.find((x) => x.name === "c2")!.checks!;
      assert.deepEqual(again, read);
    } finally {
      await conn.close();
    }
  });
});

test("a generated column without TypeORM's row reads its kind and canonical expression from the catalog", async (t) => {
  const reason = await unavailable("mysql");
  if (reason) return t.skip(reason);
  await withTestDatabase("mysql", async (db) => {
    const conn = await connectTest(db);
    try {
      await conn.query(
        "CREATE TABLE `g` (`price` int NOT NULL, `qty` int NOT NULL, `title` varchar(20) NOT NULL, " +
          "`total` int AS (price * qty) VIRTUAL, `label` varchar(40) AS (CONCAT(UPPER(title), ' x', qty)) STORED)",
      );
      const cols = (await mysqlDialect.introspect(conn, { exclude: [] })).tables[0].columns;
      const pick = (n: string) => {
        const c = cols.find((x) => x.name === n)!;
        return [c.asExpression, c.generatedType, c.nullable, c.default];
      };
      assert.deepEqual(pick("total"), [mysqlDialect.canonicalExpression("price * qty", "generated"), "VIRTUAL", true, undefined]);
      assert.deepEqual(pick("label"), [mysqlDialect.canonicalExpression("CONCAT(UPPER(title), ' x', qty)", "generated"), "STORED", true, undefined]);
    } finally {
      await conn.close();
    }
  });
});
