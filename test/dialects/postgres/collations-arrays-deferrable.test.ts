/**
 * Column collations, array columns and deferrable foreign keys through compile() and the
 * introspector, on the real server: what compile creates reads back equal, and alterations keep rows.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Column, ForeignKey, Table } from "../../../src/schema/types";
import { postgresDialect } from "../../../src/dialects/postgres";
import { apply, comparable, live, read } from "./helpers";

const base = (name: string, columns: Column[], foreignKeys: ForeignKey[] = []): Table => ({
  name,
  columns: [{ name: "id", type: "integer", nullable: false }, ...columns],
  primaryKey: { name: `PK_${name}`, columns: ["id"] },
  indexes: [],
  uniques: [],
  foreignKeys,
});

test("a column collation reads back, the default collation reads as none, and altering it keeps rows and order", (t) =>
  live(async (conn) => {
    const plain: Column = { name: "code", type: "varchar", length: 20, nullable: true };
    const c: Column = { ...plain, collation: "C" };
    await apply(conn, { kind: "createTable", table: base("word", [c, { name: "note", type: "text", nullable: true }]) });
    assert.deepEqual(comparable((await read(conn)).tables[0]), base("word", [c, { name: "note", type: "text", nullable: true }]));
    await conn.query(`INSERT INTO word (id, code) VALUES (1, 'b'), (2, 'B'), (3, 'a')`);
    const order = async () => (await conn.query<{ code: string }>(`SELECT code FROM word ORDER BY code`)).map((r) => r.code);
    assert.deepEqual(await order(), ["B", "a", "b"], "byte order under C");

    const wider: Column = { ...c, length: 40 };
    const up = await apply(conn, { kind: "alterColumn", table: "word", from: c, to: wider });
    assert.ok(up.some((s) => s.includes(`TYPE varchar(40) COLLATE "C"`)), `a type change restates the collation: ${up.join("\n")}`);
    assert.equal(comparable((await read(conn)).tables[0])?.columns[1]?.collation, "C");
    await apply(conn, { kind: "alterColumn", table: "word", from: wider, to: { ...plain, length: 40 } });
    assert.deepEqual(comparable((await read(conn)).tables[0])?.columns[1], { ...plain, length: 40 });
    await apply(conn, { kind: "alterColumn", table: "word", from: { ...plain, length: 40 }, to: c });
    assert.deepEqual(comparable((await read(conn)).tables[0])?.columns[1], c);
    assert.deepEqual(await order(), ["B", "a", "b"]);
    assert.equal(postgresDialect.modelColumn({ tableName: "w", name: "x", type: "text", length: "", unsigned: false, zerofill: false, array: false, nullable: true, primary: false, collation: "default" }).collation, undefined);
  }, t));

test("array columns of int, varchar(n), text read back; alterations of element type and array-ness keep rows", (t) =>
  live(async (conn) => {
    const ints: Column = { name: "ints", type: "integer", array: true, nullable: true, default: "'{}'" };
    const names: Column = { name: "names", type: "varchar", length: 10, array: true, nullable: true };
    const notes: Column = { name: "notes", type: "text", array: true, nullable: false };
    const one: Column = { name: "one", type: "integer", nullable: true };
    await apply(conn, { kind: "createTable", table: base("bag", [ints, names, notes, one]) });
    assert.deepEqual(comparable((await read(conn)).tables[0]), base("bag", [ints, names, notes, one]));
    await conn.query(`INSERT INTO bag VALUES (1, '{1,2}', '{ab,cd}', '{x}', 5), (2, DEFAULT, NULL, '{}', NULL)`);
    const rows = () => conn.query(`SELECT id, ints::bigint[]::text AS ints, names::text AS names, notes, one::text FROM bag ORDER BY id`);
    const before = await rows();

    const bigs: Column = { ...ints, type: "bigint" };
    const longer: Column = { ...names, length: 30 };
    const many: Column = { ...one, array: true };
    for (const [from, to] of [[ints, bigs], [names, longer], [one, many]] as const) await apply(conn, { kind: "alterColumn", table: "bag", from, to });
    assert.deepEqual(comparable((await read(conn)).tables[0]), base("bag", [bigs, longer, notes, many]));
    assert.deepEqual(
      await conn.query(`SELECT one FROM bag ORDER BY id`),
      [{ one: [5] }, { one: null }],
      "a single value becomes a one-element array; NULL stays NULL",
    );

    await conn.query(`UPDATE bag SET one = '{5,6}' WHERE id = 1`);
    await conn.query("BEGIN");
    await assert.rejects(apply(conn, { kind: "alterColumn", table: "bag", from: many, to: one }), /rows of bag\.one hold arrays of more than one element/);
    await conn.query("ROLLBACK");
    await conn.query(`UPDATE bag SET one = '{5}' WHERE id = 1`);
    for (const [from, to] of [[bigs, ints], [longer, names], [many, one]] as const) await apply(conn, { kind: "alterColumn", table: "bag", from, to });
    assert.deepEqual(comparable((await read(conn)).tables[0]), base("bag", [ints, names, notes, one]));
    assert.deepEqual(await rows(), before);
  }, t));

test("deferrable foreign keys read back as declared and can be added and dropped", (t) =>
  live(async (conn) => {
    const parent = base("parent", []);
    const fk = (deferrable?: ForeignKey["deferrable"]): ForeignKey => ({
      name: "FK_child_parent",
      columns: ["parentId"],
      referencedTable: "parent",
      referencedColumns: ["id"],
      onDelete: "CASCADE",
      onUpdate: "NO ACTION",
      ...(deferrable ? { deferrable } : {}),
    });
    const child = base("child", [{ name: "parentId", type: "integer", nullable: true }], [fk("INITIALLY DEFERRED")]);
    await apply(conn, { kind: "createTable", table: parent });
    await apply(conn, { kind: "createTable", table: child });
    assert.deepEqual((await read(conn)).tables.find((x) => x.name === "child")?.foreignKeys, [fk("INITIALLY DEFERRED")]);

    await conn.query("BEGIN");
    await conn.query(`INSERT INTO child (id, "parentId") VALUES (1, 10)`);
    await conn.query(`INSERT INTO parent (id) VALUES (10)`);
    await conn.query("COMMIT");

    await apply(conn, { kind: "dropForeignKey", table: "child", foreignKey: fk("INITIALLY DEFERRED") });
    await apply(conn, { kind: "addForeignKey", table: "child", foreignKey: fk("INITIALLY IMMEDIATE") });
    assert.deepEqual((await read(conn)).tables.find((x) => x.name === "child")?.foreignKeys, [fk("INITIALLY IMMEDIATE")]);
    await apply(conn, { kind: "dropForeignKey", table: "child", foreignKey: fk("INITIALLY IMMEDIATE") });
    await apply(conn, { kind: "addForeignKey", table: "child", foreignKey: fk() });
    assert.deepEqual((await read(conn)).tables.find((x) => x.name === "child")?.foreignKeys, [fk()]);
    assert.equal("deferrable" in (await read(conn)).tables.find((x) => x.name === "child")!.foreignKeys[0]!, false, "absent, never undefined");
  }, t));
