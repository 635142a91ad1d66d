import { test } from "node:test";
import assert from "node:assert/strict";
import { mysqlDialect } from "../../../src/dialects/mysql";
import type { Column, Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase } from "../../support/databases";
import { connectTest, run } from "./helpers";

test("a table named order, columns with a space, a quote and a backtick, and an injection-like default round-trip", async (t) => {
  const reason = await unavailable("mysql");
  if (reason) return t.skip(reason);
  await withTestDatabase("mysql", async (db) => {
    const conn = await connectTest(db);
    try {
      const parent: Table = {
        name: "group",
        columns: [{ name: "id", type: "int", nullable: false, autoIncrement: "increment" }],
        primaryKey: { columns: ["id"] },
        indexes: [],
        uniques: [],
        foreignKeys: [],
      };
      const columns: Column[] = [
        { name: "id", type: "int", unsigned: true, nullable: false, autoIncrement: "increment" },
        { name: "first name", type: "varchar", length: 40, nullable: false, default: "'''; drop table x; --'" },
        { name: "it's", type: "varchar", length: 10, nullable: true, default: "'a\\\\b''c'" },
        {
          name: "back`tick",
          type: "enum",
          enumValues: ["x", "it's", "a,b", "back\\slash"],
          nullable: false,
          default: "'it''s'",
        },
        {
          name: "select",
          type: "datetime",
          precision: 3,
          nullable: false,
          default: "CURRENT_TIMESTAMP(3)",
          comment: "a 'comment'",
        },
        { name: "group", type: "int", nullable: true },
      ];
      const order: Table = {
        name: "order",
        columns,
        primaryKey: { columns: ["id"] },
        indexes: [{ name: "index", columns: ["first name", "it's"], unique: true }],
        uniques: [],
        foreignKeys: [
          {
            name: "fk `odd`",
            columns: ["group"],
            referencedTable: "group",
            referencedColumns: ["id"],
            onDelete: "SET NULL",
            onUpdate: "RESTRICT",
          },
        ],
      };
      const ctx = { currentTable: async (n: string) => (n === "order" ? order : parent) };
      await run(conn, await mysqlDialect.compile({ kind: "createTable", table: parent }, ctx));
      await run(conn, await mysqlDialect.compile({ kind: "createTable", table: order }, ctx));
      await conn.query("INSERT INTO `order` () VALUES ()");
      const [row] = await conn.query<Record<string, string>>("SELECT * FROM `order`");
      assert.equal(row["first name"], "'; drop table x; --");
      assert.equal(row["it's"], "a\\b'c");
      assert.equal(row["back`tick"], "it's");

      const schema = await mysqlDialect.introspect(conn, { exclude: [] });
      const strip = (tb: Table): Table => ({ ...tb, columns: tb.columns.map(({ rawType: _r, ...c }) => c) });
      assert.deepEqual(schema.tables.map(strip), [parent, order]);

      // The implicit index InnoDB made for the FK stays hidden, and goes with its FK.
      const drop = await mysqlDialect.compile(
        { kind: "dropForeignKey", table: "order", foreignKey: order.foreignKeys[0] },
        ctx,
      );
      assert.equal(drop.length, 2);
      await run(conn, drop);
      const [after] = (await mysqlDialect.introspect(conn, { exclude: ["group"] })).tables;
      assert.deepEqual(after.indexes, order.indexes);
      assert.deepEqual(after.foreignKeys, []);
      const stats = await conn.query(
        "SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'order' AND INDEX_NAME = 'fk `odd`'",
      );
      assert.deepEqual(stats, []);
    } finally {
      await conn.close();
    }
  });
});

test("quoteIdentifier and quoteLiteral escape what MySQL needs", () => {
  assert.equal(mysqlDialect.quoteIdentifier("a`b"), "`a``b`");
  assert.equal(mysqlDialect.quoteLiteral("it's \\ x"), "'it''s \\\\ x'");
});
