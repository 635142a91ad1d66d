import { test } from "node:test";
import assert from "node:assert/strict";
import { mysqlDialect } from "../../../src/dialects/mysql";
import { unavailable, withTestDatabase } from "../../support/databases";
import { connectTest } from "./helpers";

async function countFor(tables: number): Promise<{ queries: number; read: number }> {
  return withTestDatabase("mysql", async (db) => {
    const conn = await connectTest(db);
    try {
      await conn.query("CREATE TABLE `parent` (`id` int NOT NULL PRIMARY KEY)");
      for (let i = 0; i < tables; i++) {
        await conn.query(
          `CREATE TABLE \`t${i}\` (\`id\` int NOT NULL AUTO_INCREMENT PRIMARY KEY, \`name\` varchar(20) NULL, ` +
            `\`p\` int NULL, INDEX \`IDX_${i}\` (\`name\`), CONSTRAINT \`FK_${i}\` FOREIGN KEY (\`p\`) REFERENCES \`parent\` (\`id\`))`,
        );
      }
      const before = conn.queryCount;
      const schema = await mysqlDialect.introspect(conn, { exclude: ["parent"] });
      return { queries: conn.queryCount - before, read: schema.tables.length };
    } finally {
      await conn.close();
    }
  });
}

test("introspection makes the same number of catalog queries for 5 tables and 50", async (t) => {
  const reason = await unavailable("mysql");
  if (reason) return t.skip(reason);
  const five = await countFor(5);
  const fifty = await countFor(50);
  assert.equal(five.read, 5);
  assert.equal(fifty.read, 50);
  assert.equal(fifty.queries, five.queries);
  assert.ok(five.queries <= 6, `expected a handful of bulk queries, got ${five.queries}`);
});
