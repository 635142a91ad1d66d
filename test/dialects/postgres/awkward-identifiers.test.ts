import { test } from "node:test";
import assert from "node:assert/strict";
import { postgresDialect } from "../../../src/dialects/postgres";
import type { Column, Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase } from "../../support/databases";
import { apply, comparable, connectTo, read } from "./helpers";

const INJECTION = "'; drop table x; --";

const customer: Table = {
  name: "my table",
  columns: [{ name: "id", type: "integer", nullable: false, autoIncrement: "identity" }],
  primaryKey: { name: "my table pk", columns: ["id"] },
  indexes: [],
  uniques: [],
  foreignKeys: [],
};

const order: Table = {
  name: "order",
  columns: [
    { name: "select", type: "bigint", nullable: false, autoIncrement: "increment" },
    { name: "full name", type: "varchar", length: 80, nullable: false, default: postgresDialect.quoteLiteral(INJECTION) },
    { name: 'it"s', type: "text", nullable: true, comment: "a \"quoted\" 'comment'" },
    { name: "Status", type: "enum", enumName: "order status", enumValues: ["new", "it's done"], nullable: false, default: "'new'" },
    { name: "customer id", type: "integer", nullable: true },
  ],
  primaryKey: { name: "PK order", columns: ["select"] },
  indexes: [{ name: "ix \"order\" name", columns: ["full name", 'it"s'], unique: false }],
  uniques: [{ name: "uq'order", columns: ["Status", "full name"] }],
  foreignKeys: [
    {
      name: "fk order→customer",
      columns: ["customer id"],
      referencedTable: "my table",
      referencedColumns: ["id"],
      onDelete: "SET NULL",
      onUpdate: "CASCADE",
    },
  ],
};

test("reserved words, spaces, quotes and a hostile default survive compile and introspection", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      await conn.query(`CREATE TABLE x (id int)`);
      await apply(conn, { kind: "createTable", table: customer });
      await apply(conn, { kind: "createTable", table: order });
      const schema = await read(conn);
      assert.deepEqual(schema.tables.map((x) => x.name), ["my table", "order", "x"]);
      assert.deepEqual(comparable(schema.tables[1]), order);
      assert.deepEqual(comparable(schema.tables[0]), customer);
      await conn.query(`INSERT INTO "order" DEFAULT VALUES`);
      assert.deepEqual(await conn.query(`SELECT "full name" AS v FROM "order"`), [{ v: INJECTION }]);
    } finally {
      await conn.close();
    }
  });
});

test("every op kind compiles to working SQL on awkward names and undoes cleanly", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    const table = async (name: string) => comparable((await read(conn)).tables.find((x) => x.name === name));
    try {
      await apply(conn, { kind: "createTable", table: customer });
      await apply(conn, { kind: "createTable", table: order });

      const kind: Column = { name: "kind of", type: "enum", enumName: "order_kind of_enum", enumValues: ["a", "b"], nullable: true };
      await apply(conn, { kind: "addColumn", table: "order", column: kind });
      assert.deepEqual((await table("order"))?.columns.at(-1), kind);
      await apply(conn, { kind: "renameColumn", table: "order", from: "kind of", to: "kind'of" });
      await apply(conn, { kind: "renameColumn", table: "order", from: "kind'of", to: "kind of" });
      await apply(conn, { kind: "dropColumn", table: "order", column: kind });
      assert.deepEqual(await conn.query(`SELECT 1 FROM pg_type WHERE typname = 'order_kind of_enum'`), []);

      const [ix] = order.indexes;
      await apply(conn, { kind: "dropIndex", table: "order", index: ix! });
      await apply(conn, { kind: "createIndex", table: "order", index: { ...ix!, unique: true, where: `("it""s" IS NOT NULL)` } });
      assert.deepEqual((await table("order"))?.indexes, [{ ...ix!, unique: true, where: `"it""s" IS NOT NULL` }]);
      await apply(conn, { kind: "dropIndex", table: "order", index: ix! });
      await apply(conn, { kind: "createIndex", table: "order", index: ix! });

      const [uq] = order.uniques;
      await apply(conn, { kind: "dropUnique", table: "order", unique: uq! });
      await apply(conn, { kind: "addUnique", table: "order", unique: uq! });
      const [fk] = order.foreignKeys;
      await apply(conn, { kind: "dropForeignKey", table: "order", foreignKey: fk! });
      await apply(conn, { kind: "addForeignKey", table: "order", foreignKey: fk! });
      await apply(conn, { kind: "dropPrimaryKey", table: "order", primaryKey: order.primaryKey! });
      await apply(conn, { kind: "addPrimaryKey", table: "order", primaryKey: order.primaryKey! });
      // An unnamed key is found in the live catalog under PostgreSQL's default name.
      await apply(conn, { kind: "dropPrimaryKey", table: "order", primaryKey: { columns: ["select"] } });
      await apply(conn, { kind: "addPrimaryKey", table: "order", primaryKey: { columns: ["select"] } });
      assert.deepEqual((await table("order"))?.primaryKey, { name: "order_pkey", columns: ["select"] });
      await apply(conn, { kind: "dropPrimaryKey", table: "order", primaryKey: { columns: ["select"] } });
      await apply(conn, { kind: "addPrimaryKey", table: "order", primaryKey: order.primaryKey! });
      assert.deepEqual(await table("order"), order);

      await apply(conn, { kind: "renameTable", from: "order", to: "group" });
      await apply(conn, { kind: "renameTable", from: "group", to: "order" });
      await apply(conn, { kind: "setTableComment", table: "order", to: `it's "x"` });
      assert.deepEqual(await table("order"), { ...order, comment: `it's "x"` });
      await apply(conn, { kind: "setTableComment", table: "order", from: `it's "x"` });
      await apply(conn, { kind: "execute", sql: `ANALYZE "order"` });
      assert.deepEqual(await table("order"), order);

      await apply(conn, { kind: "dropTable", table: order });
      await apply(conn, { kind: "dropTable", table: customer });
      assert.deepEqual((await read(conn)).tables, []);
      assert.deepEqual(await conn.query(`SELECT 1 FROM pg_type WHERE typname = 'order status'`), []);
    } finally {
      await conn.close();
    }
  });
});
