import { test } from "node:test";
import assert from "node:assert/strict";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import type { Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase } from "../../support/databases";
import { apply, EXCLUDE } from "./helpers";

const order: Table = {
  name: "order",
  columns: [
    { name: "id", type: "integer", nullable: false, autoIncrement: "increment" },
    { name: "full name", type: "varchar", length: 80, nullable: false, default: "'''; drop table x; --'" },
    { name: 'say "hi"', type: "text", nullable: true, default: "'it''s, (really)'" },
    { name: "group", type: "varchar", nullable: false, enumValues: ["a'b", "c,d"], default: "'c,d'" },
  ],
  primaryKey: { columns: ["id"] },
  indexes: [{ name: "idx order \"x\"", columns: ["full name", 'say "hi"'], unique: true }],
  uniques: [{ name: "UQ \"quoted\", (odd)", columns: ["group"] }],
  foreignKeys: [{ name: "FK o'self", columns: ["group"], referencedTable: "order", referencedColumns: ["group"], onDelete: "SET DEFAULT", onUpdate: "RESTRICT" }],
};

test("reserved, spaced and quoted names and an injection-shaped default round-trip through compile", async (t) => {
  const skip = await unavailable("sqlite");
  if (skip) return t.skip(skip);
  assert.equal(order.columns[1]!.default, "'''; drop table x; --'");
  assert.equal(sqliteDialect.quoteIdentifier('a"b'), '"a""b"');
  assert.equal(sqliteDialect.quoteLiteral("it's"), "'it''s'");
  await withTestDatabase("sqlite", async (db) => {
    const conn = await sqliteDialect.connect({ filename: db.database });
    try {
      await apply(conn, { kind: "createTable", table: order });
      await conn.query(`INSERT INTO "order" ("group") VALUES ('a''b')`);
      const [row] = await conn.query<Record<string, unknown>>(`SELECT * FROM "order"`);
      assert.equal(row!["full name"], "'; drop table x; --");
      assert.equal(row!['say "hi"'], "it's, (really)");
      const [back] = (await sqliteDialect.introspect(conn, EXCLUDE)).tables;
      const strip = (tb: Table) => ({ ...tb, columns: tb.columns.map(({ rawType: _r, ...c }) => c) });
      assert.deepEqual(strip(back!), order);
      // A rebuild keeps all of it too.
      await apply(conn, { kind: "alterColumn", table: "order", from: order.columns[2]!, to: { ...order.columns[2]!, default: "'x'" } });
      const [after] = (await sqliteDialect.introspect(conn, EXCLUDE)).tables;
      assert.deepEqual(strip(after!), { ...order, columns: order.columns.map((c, i) => (i === 2 ? { ...c, default: "'x'" } : c)) });
      assert.equal((await conn.query(`SELECT * FROM "order"`)).length, 1);
    } finally {
      await conn.close();
    }
  });
});
