import { test } from "node:test";
import assert from "node:assert/strict";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import type { Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase } from "../../support/databases";
import { apply, EXCLUDE } from "./helpers";

function table(i: number): Table {
  return {
    name: `t${String(i).padStart(2, "0")}`,
    columns: [
      { name: "id", type: "integer", nullable: false, autoIncrement: "increment" },
      { name: "name", type: "varchar", length: 40, nullable: true },
      { name: "parent", type: "integer", nullable: true },
    ],
    primaryKey: { columns: ["id"] },
    indexes: [{ name: `IDX_t${i}_name`, columns: ["name"], unique: false }],
    uniques: [{ name: `UQ_t${i}_name_parent`, columns: ["name", "parent"] }],
    foreignKeys: [{ name: `FK_t${i}_parent`, columns: ["parent"], referencedTable: "t00", referencedColumns: ["id"], onDelete: "CASCADE", onUpdate: "NO ACTION" }],
  };
}

async function countFor(n: number): Promise<number> {
  return withTestDatabase("sqlite", async (db) => {
    const conn = await sqliteDialect.connect({ filename: db.database });
    try {
      await apply(conn, ...Array.from({ length: n }, (_, i) => ({ kind: "createTable" as const, table: table(i) })));
      const before = conn.queryCount;
      const schema = await sqliteDialect.introspect(conn, EXCLUDE);
      assert.equal(schema.tables.length, n);
      assert.deepEqual(schema.tables[n - 1]!.foreignKeys[0]!.name, `FK_t${n - 1}_parent`);
      return conn.queryCount - before;
    } finally {
      await conn.close();
    }
  });
}

test("introspection makes the same number of queries for 5 tables and for 50", async (t) => {
  const skip = await unavailable("sqlite");
  if (skip) return t.skip(skip);
  const five = await countFor(5);
  const fifty = await countFor(50);
  assert.equal(five, fifty);
  assert.ok(five <= 4, `${five} queries`);
});
