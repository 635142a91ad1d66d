/**
 * PostgreSQL enum types through compile(), on the real server: a type shared between tables is
 * created once and dropped with its last column; a redefinition keeps every row, up and back; a
 * removed value that rows still hold stops the alteration with a clear message and changes nothing.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Connection } from "../../../src/dialects/dialect";
import type { Column, Table } from "../../../src/schema/types";
import { apply, comparable, live, read } from "./helpers";

const status = (values: string[], extra: Partial<Column> = {}): Column => ({
  name: "status",
  type: "enum",
  enumValues: values,
  enumName: "shared_status",
  nullable: true,
  ...extra,
});
const table = (name: string, col: Column): Table => ({
  name,
  columns: [{ name: "id", type: "integer", nullable: false }, col],
  primaryKey: { name: `PK_${name}`, columns: ["id"] },
  indexes: [],
  uniques: [],
  foreignKeys: [],
});

async function types(conn: Connection): Promise<Record<string, string[]>> {
  const rows = await conn.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = current_schema()::regnamespace GROUP BY t.typname ORDER BY t.typname`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.labels]));
}

test("a shared enum type is created once for two tables and dropped only with its last column", (t) =>
  live(async (conn) => {
    await apply(conn, { kind: "createTable", table: table("a", status(["on", "off"])) });
    await apply(conn, { kind: "createTable", table: table("b", status(["on", "off"])) });
    assert.deepEqual(await types(conn), { shared_status: ["on", "off"] });
    const schema = await read(conn);
    assert.deepEqual(schema.tables.map((x) => comparable(x)?.columns[1]), [status(["on", "off"]), status(["on", "off"])]);

    await apply(conn, { kind: "dropTable", table: table("a", status(["on", "off"])) });
    assert.deepEqual(await types(conn), { shared_status: ["on", "off"] }, "b still uses the type");
    await apply(conn, { kind: "dropColumn", table: "b", column: status(["on", "off"]) });
    assert.deepEqual(await types(conn), {}, "the last column took the type with it");
    await apply(conn, { kind: "addColumn", table: "b", column: status(["on", "off"]) });
    assert.deepEqual(await types(conn), { shared_status: ["on", "off"] }, "addColumn recreates it");
  }, t));

test("redefining a shared enum type moves both tables' columns over, keeping rows, and back", (t) =>
  live(async (conn) => {
    const v1 = status(["on", "off"], { default: "'on'" });
    const v2 = status(["standby", "on", "off", "broken"], { default: "'standby'" });
    await apply(conn, { kind: "createTable", table: table("a", v1) });
    await apply(conn, { kind: "createTable", table: table("b", v1) });
    await conn.query(`INSERT INTO a (id, status) VALUES (1, 'on'), (2, 'off'), (3, NULL)`);
    await conn.query(`INSERT INTO b (id, status) VALUES (1, 'off')`);
    const rows = async () => [
      ...(await conn.query(`SELECT id, status::text FROM a ORDER BY id`)),
      ...(await conn.query(`SELECT id, status::text FROM b ORDER BY id`)),
    ];
    const before = await rows();

    await apply(conn, { kind: "alterColumn", table: "a", from: v1, to: v2 });
    await apply(conn, { kind: "alterColumn", table: "b", from: v1, to: v2 });
    assert.deepEqual(await types(conn), { shared_status: ["standby", "on", "off", "broken"] }, "no _old type left");
    assert.deepEqual((await read(conn)).tables.map((x) => comparable(x)?.columns[1]), [v2, v2]);
    assert.deepEqual(await rows(), before);
    await conn.query(`INSERT INTO b (id, status) VALUES (2, DEFAULT)`);
    assert.deepEqual(await conn.query(`SELECT status::text FROM b WHERE id = 2`), [{ status: "standby" }], "the new value is usable at once");
    await conn.query(`DELETE FROM b WHERE id = 2`);

    await apply(conn, { kind: "alterColumn", table: "b", from: v2, to: v1 });
    await apply(conn, { kind: "alterColumn", table: "a", from: v2, to: v1 });
    assert.deepEqual(await types(conn), { shared_status: ["on", "off"] });
    assert.deepEqual((await read(conn)).tables.map((x) => comparable(x)?.columns[1]), [v1, v1]);
    assert.deepEqual(await rows(), before);
  }, t));

test("a new column on a redefined shared type, before the other table's alteration, converges", (t) =>
  live(async (conn) => {
    const v1 = status(["on", "off"]);
    const v2 = status(["on", "off", "broken"]);
    await apply(conn, { kind: "createTable", table: table("a", v1) });
    await conn.query(`INSERT INTO a (id, status) VALUES (1, 'off')`);
    await apply(conn, { kind: "createTable", table: table("b", { ...v2, name: "state" }) });
    await apply(conn, { kind: "alterColumn", table: "a", from: v1, to: v2 });
    assert.deepEqual(await types(conn), { shared_status: ["on", "off", "broken"] });
    // and back, in reverse order
    await apply(conn, { kind: "alterColumn", table: "a", from: v2, to: v1 });
    await apply(conn, { kind: "dropTable", table: table("b", { ...v2, name: "state" }) });
    assert.deepEqual(await types(conn), { shared_status: ["on", "off"] }, "the old definition left behind by b is dropped with it");
    assert.deepEqual(await conn.query(`SELECT status::text FROM a`), [{ status: "off" }]);
  }, t));

test("removing an enum value that rows still hold fails with the values named, and changes nothing", (t) =>
  live(async (conn) => {
    const v1 = status(["s", "m", "l"], { enumName: "size_enum" });
    const v2 = status(["s", "m"], { enumName: "size_enum" });
    await apply(conn, { kind: "createTable", table: table("shirt", v1) });
    await conn.query(`INSERT INTO shirt (id, status) VALUES (1, 's'), (2, 'l'), (3, 'l')`);
    await conn.query("BEGIN");
    await assert.rejects(apply(conn, { kind: "alterColumn", table: "shirt", from: v1, to: v2 }), (e: Error) => {
      assert.match(e.message, /rows of shirt\.status hold 'l', which enum type size_enum \(s, m\) does not allow/);
      return true;
    });
    await conn.query("ROLLBACK");
    assert.deepEqual(await types(conn), { size_enum: ["s", "m", "l"] });
    assert.deepEqual(await conn.query(`SELECT count(*)::int AS n FROM shirt WHERE status = 'l'`), [{ n: 2 }]);

    await conn.query(`UPDATE shirt SET status = 'm' WHERE status = 'l'`);
    await apply(conn, { kind: "alterColumn", table: "shirt", from: v1, to: v2 });
    assert.deepEqual(await types(conn), { size_enum: ["s", "m"] });
  }, t));

test("enum arrays: created, redefined and turned into text[] and back, keeping rows", (t) =>
  live(async (conn) => {
    const tags = (values: string[]): Column => ({ name: "tags", type: "enum", enumValues: values, enumName: "tag_enum", array: true, nullable: true, default: "'{}'" });
    const asText: Column = { name: "tags", type: "text", array: true, nullable: true, default: "'{}'" };
    await apply(conn, { kind: "createTable", table: table("post", tags(["a", "b"])) });
    await conn.query(`INSERT INTO post (id, tags) VALUES (1, '{a,b}'), (2, '{}'), (3, NULL)`);
    const rows = () => conn.query(`SELECT id, tags::text[] AS tags FROM post ORDER BY id`);
    const before = await rows();
    assert.deepEqual(comparable((await read(conn)).tables[0])?.columns[1], tags(["a", "b"]));

    await apply(conn, { kind: "alterColumn", table: "post", from: tags(["a", "b"]), to: tags(["b", "a", "c"]) });
    assert.deepEqual(comparable((await read(conn)).tables[0])?.columns[1], tags(["b", "a", "c"]));
    assert.deepEqual(await rows(), before);
    await conn.query("BEGIN");
    await assert.rejects(apply(conn, { kind: "alterColumn", table: "post", from: tags(["b", "a", "c"]), to: tags(["b", "c"]) }), /rows of post\.tags hold 'a'/);
    await conn.query("ROLLBACK");

    await apply(conn, { kind: "alterColumn", table: "post", from: tags(["b", "a", "c"]), to: asText });
    assert.deepEqual(comparable((await read(conn)).tables[0])?.columns[1], asText);
    assert.deepEqual(await types(conn), {});
    await apply(conn, { kind: "alterColumn", table: "post", from: asText, to: tags(["a", "b"]) });
    assert.deepEqual(comparable((await read(conn)).tables[0])?.columns[1], tags(["a", "b"]));
    assert.deepEqual(await rows(), before);
  }, t));
