/**
 * Switching a column between SERIAL ("increment") and IDENTITY, or turning either on or off, on
 * the real server: rows stay, and the next generated value continues after the ones handed out.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Connection } from "../../../src/dialects/dialect";
import type { AutoIncrement, Column, Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase } from "../../support/databases";
import { apply, comparable, connectTo, read } from "./helpers";

const id = (autoIncrement?: AutoIncrement, type = "integer"): Column => ({ name: "id", type, nullable: false, ...(autoIncrement ? { autoIncrement } : {}) });
const table = (col: Column): Table => ({
  name: "ticket",
  columns: [col, { name: "title", type: "text", nullable: true }],
  primaryKey: { name: "PK_ticket", columns: ["id"] },
  indexes: [],
  uniques: [],
  foreignKeys: [],
});

async function insert(conn: Connection, title: string): Promise<number> {
  const [row] = await conn.query<{ id: number }>(`INSERT INTO ticket (title) VALUES ($1) RETURNING id`, [title]);
  return row!.id;
}

async function sequences(conn: Connection): Promise<string[]> {
  return (await conn.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relkind = 'S' ORDER BY relname`)).map((r) => r.relname);
}

test("serial -> identity -> serial keeps rows and continues numbering where it stopped", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      await apply(conn, { kind: "createTable", table: table(id("increment")) });
      assert.deepEqual([await insert(conn, "a"), await insert(conn, "b"), await insert(conn, "c")], [1, 2, 3]);

      const up = await apply(conn, { kind: "alterColumn", table: "ticket", from: id("increment"), to: id("identity") });
      assert.ok(!up.some((s) => /DROP COLUMN|ADD COLUMN/.test(s)), up.join("\n"));
      assert.deepEqual(comparable((await read(conn)).tables[0]), table(id("identity")));
      assert.equal(await insert(conn, "d"), 4);
      assert.deepEqual(await sequences(conn), ["ticket_id_seq"], "the serial sequence is gone, the identity one replaces it");

      await apply(conn, { kind: "alterColumn", table: "ticket", from: id("identity"), to: id("increment") });
      assert.deepEqual(comparable((await read(conn)).tables[0]), table(id("increment")));
      assert.equal(await insert(conn, "e"), 5);
      const [def] = await conn.query<{ d: string }>(`SELECT pg_get_expr(adbin, adrelid) AS d FROM pg_attrdef WHERE adrelid = 'ticket'::regclass`);
      assert.equal(def?.d, "nextval('ticket_id_seq'::regclass)", "the default TypeORM recognises as SERIAL");
      assert.deepEqual(
        (await conn.query<{ title: string }>(`SELECT title FROM ticket ORDER BY id`)).map((r) => r.title),
        ["a", "b", "c", "d", "e"],
      );
    } finally {
      await conn.close();
    }
  });
});

test("a plain integer key becomes serial or identity numbering after the largest row, and back", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      await apply(conn, { kind: "createTable", table: table(id()) });
      await conn.query(`INSERT INTO ticket (id, title) VALUES (7, 'x'), (41, 'y')`);
      await apply(conn, { kind: "alterColumn", table: "ticket", from: id(), to: id("increment") });
      assert.deepEqual(comparable((await read(conn)).tables[0]), table(id("increment")));
      assert.equal(await insert(conn, "z"), 42);
      await apply(conn, { kind: "alterColumn", table: "ticket", from: id("increment"), to: id() });
      assert.deepEqual(comparable((await read(conn)).tables[0]), table(id()));
      assert.deepEqual(await sequences(conn), []);

      await apply(conn, { kind: "alterColumn", table: "ticket", from: id(), to: id("identity") });
      assert.deepEqual(comparable((await read(conn)).tables[0]), table(id("identity")));
      assert.equal(await insert(conn, "w"), 43);
      await apply(conn, { kind: "alterColumn", table: "ticket", from: id("identity"), to: id() });
      assert.deepEqual(comparable((await read(conn)).tables[0]), table(id()));
      assert.equal((await conn.query(`SELECT count(*)::int AS n FROM ticket`))[0]!.n, 4);
    } finally {
      await conn.close();
    }
  });
});

test("an empty table's serial key switched to identity starts at 1", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      await apply(conn, { kind: "createTable", table: table(id("increment", "bigint")) });
      await apply(conn, { kind: "alterColumn", table: "ticket", from: id("increment", "bigint"), to: id("identity", "bigint") });
      assert.equal(Number(await insert(conn, "first")), 1);
    } finally {
      await conn.close();
    }
  });
});
