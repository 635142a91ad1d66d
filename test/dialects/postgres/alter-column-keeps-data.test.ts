import { test } from "node:test";
import assert from "node:assert/strict";
import type { Column, Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase } from "../../support/databases";
import { apply, comparable, connectTo, read } from "./helpers";

const code: Column = { name: "code", type: "varchar", length: 50, nullable: false };
const qty: Column = { name: "qty", type: "integer", nullable: true, default: "0" };
const table: Table = {
  name: "item",
  columns: [{ name: "id", type: "integer", nullable: false, autoIncrement: "increment" }, code, qty],
  primaryKey: { name: "PK_item", columns: ["id"] },
  indexes: [],
  uniques: [],
  foreignKeys: [],
};

test("alterColumn widens varchar(50)→varchar(100) and int→bigint in place, keeping rows, and back", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      await apply(conn, { kind: "createTable", table });
      await conn.query(`INSERT INTO item (code, qty) VALUES ('a', 1), ('b', 2), ('c', NULL)`);
      const rows = () => conn.query(`SELECT id, code, qty::text AS qty FROM item ORDER BY id`);
      const before = await rows();

      const wideCode: Column = { ...code, length: 100 };
      const bigQty: Column = { ...qty, type: "bigint", nullable: false, default: "7" };
      await conn.query(`UPDATE item SET qty = 3 WHERE qty IS NULL`);
      const filled = await rows();
      const up1 = await apply(conn, { kind: "alterColumn", table: "item", from: code, to: wideCode });
      const up2 = await apply(conn, { kind: "alterColumn", table: "item", from: qty, to: bigQty });
      assert.ok(up1.every((s) => !/DROP COLUMN|ADD COLUMN/i.test(s)), up1.join("\n"));
      assert.ok(up2.some((s) => /TYPE bigint USING "qty"::bigint/.test(s)), up2.join("\n"));
      assert.deepEqual(await rows(), filled);
      let item = comparable((await read(conn)).tables[0]);
      assert.deepEqual(item?.columns.slice(1), [wideCode, bigQty]);

      await apply(conn, { kind: "alterColumn", table: "item", from: bigQty, to: qty });
      await apply(conn, { kind: "alterColumn", table: "item", from: wideCode, to: code });
      assert.deepEqual(await rows(), filled);
      item = comparable((await read(conn)).tables[0]);
      assert.deepEqual(item, table);
      assert.equal(before.length, 3);
    } finally {
      await conn.close();
    }
  });
});

test("alterColumn converts varchar to an enum type and back with a cast", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      await apply(conn, { kind: "createTable", table });
      await conn.query(`INSERT INTO item (code) VALUES ('s'), ('m')`);
      const asEnum: Column = { ...code, type: "enum", length: undefined, enumName: "item_code_enum", enumValues: ["s", "m"] };
      delete (asEnum as { length?: number }).length;
      await apply(conn, { kind: "alterColumn", table: "item", from: code, to: asEnum });
      assert.deepEqual(comparable((await read(conn)).tables[0])?.columns[1], asEnum);
      const wider: Column = { ...asEnum, enumValues: ["xs", "s", "m", "l"], default: "'m'" };
      await apply(conn, { kind: "alterColumn", table: "item", from: asEnum, to: wider });
      assert.deepEqual(comparable((await read(conn)).tables[0])?.columns[1], wider);
      await apply(conn, { kind: "alterColumn", table: "item", from: wider, to: code });
      assert.deepEqual(comparable((await read(conn)).tables[0]), table);
      assert.deepEqual(await conn.query(`SELECT code FROM item ORDER BY id`), [{ code: "s" }, { code: "m" }]);
      assert.deepEqual(await conn.query(`SELECT typname FROM pg_type WHERE typname LIKE 'item_code_enum%'`), []);
    } finally {
      await conn.close();
    }
  });
});
