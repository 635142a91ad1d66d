import { test } from "node:test";
import assert from "node:assert/strict";
import { mysqlDialect } from "../../../src/dialects/mysql";
import type { Column, Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase } from "../../support/databases";
import { connectTest, run } from "./helpers";

test("alterColumn keeps the data: varchar(50)→varchar(100), int→bigint, nullability, default, and back", async (t) => {
  const reason = await unavailable("mysql");
  if (reason) return t.skip(reason);
  await withTestDatabase("mysql", async (db) => {
    const conn = await connectTest(db);
    try {
      const name50: Column = { name: "name", type: "varchar", length: 50, nullable: false };
      const qty: Column = { name: "qty", type: "int", nullable: true };
      const table: Table = {
        name: "item",
        columns: [{ name: "id", type: "int", nullable: false, autoIncrement: "increment" }, name50, qty],
        primaryKey: { columns: ["id"] },
        indexes: [],
        uniques: [],
        foreignKeys: [],
      };
      const ctx = { currentTable: async () => table };
      await run(conn, await mysqlDialect.compile({ kind: "createTable", table }, ctx));
      await conn.query("INSERT INTO `item` (`name`, `qty`) VALUES ('alpha', 1), ('beta', 2147483647)");

      const name100: Column = { ...name50, length: 100, nullable: true, default: "'n/a'" };
      const qtyBig: Column = { ...qty, type: "bigint", nullable: false, default: "0" };
      const up = [
        await mysqlDialect.compile({ kind: "alterColumn", table: "item", from: name50, to: name100 }, ctx),
        await mysqlDialect.compile({ kind: "alterColumn", table: "item", from: qty, to: qtyBig }, ctx),
      ].flat();
      assert.ok(
        up.every((s) => /MODIFY COLUMN/.test(s)),
        up.join("\n"),
      );
      await run(conn, up);
      await conn.query("UPDATE `item` SET `qty` = 9007199254740 WHERE `name` = 'beta'");
      const after = (await mysqlDialect.introspect(conn, { exclude: [] })).tables[0];
      const strip = (c: Column) => {
        const { rawType: _r, ...rest } = c;
        return rest;
      };
      assert.deepEqual(after.columns.map(strip), [table.columns[0], name100, qtyBig]);
      assert.deepEqual(await conn.query("SELECT `name`, `qty` FROM `item` ORDER BY `id`"), [
        { name: "alpha", qty: "1" },
        { name: "beta", qty: "9007199254740" },
      ]);

      await conn.query("UPDATE `item` SET `qty` = 7 WHERE `name` = 'beta'");
      await run(conn, [
        ...(await mysqlDialect.compile({ kind: "alterColumn", table: "item", from: name100, to: name50 }, ctx)),
        ...(await mysqlDialect.compile({ kind: "alterColumn", table: "item", from: qtyBig, to: qty }, ctx)),
      ]);
      const back = (await mysqlDialect.introspect(conn, { exclude: [] })).tables[0];
      assert.deepEqual(back.columns.map(strip), table.columns);
      assert.deepEqual(await conn.query("SELECT `name`, `qty` FROM `item` ORDER BY `id`"), [
        { name: "alpha", qty: 1 },
        { name: "beta", qty: 7 },
      ]);
    } finally {
      await conn.close();
    }
  });
});
