import { test } from "node:test";
import assert from "node:assert/strict";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import type { Connection } from "../../../src/dialects/dialect";
import type { Column, Schema, Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase } from "../../support/databases";
import { apply, EXCLUDE } from "./helpers";

const parent: Table = {
  name: "parent",
  columns: [
    { name: "id", type: "integer", nullable: false, autoIncrement: "increment" },
    { name: "code", type: "varchar", length: 50, nullable: false },
    { name: "qty", type: "int", nullable: true },
    { name: "note", type: "text", nullable: true, default: "'n/a'" },
    { name: "tag", type: "varchar", nullable: true },
  ],
  primaryKey: { columns: ["id"] },
  indexes: [
    { name: "IDX_parent_code", columns: ["code"], unique: false },
    { name: "IDX_parent_tag", columns: ["tag"], unique: false },
  ],
  uniques: [{ name: "UQ_parent_code_qty", columns: ["code", "qty"] }],
  foreignKeys: [],
};
const child: Table = {
  name: "child",
  columns: [
    { name: "id", type: "integer", nullable: false, autoIncrement: "increment" },
    { name: "parentId", type: "integer", nullable: true },
    { name: "label", type: "varchar", length: 50, nullable: true },
  ],
  primaryKey: { columns: ["id"] },
  indexes: [{ name: "IDX_child_label", columns: ["label"], unique: false }],
  uniques: [],
  foreignKeys: [{ name: "FK_child_parent", columns: ["parentId"], referencedTable: "parent", referencedColumns: ["id"], onDelete: "CASCADE", onUpdate: "NO ACTION" }],
};

const col = (t: Table, name: string): Column => t.columns.find((c) => c.name === name)!;
const strip = (s: Schema) => s.tables.map((t) => ({ ...t, columns: t.columns.map(({ rawType: _r, ...c }) => c) }));

async function withRows(fn: (conn: Connection) => Promise<void>): Promise<void> {
  await withTestDatabase("sqlite", async (db) => {
    const conn = await sqliteDialect.connect({ filename: db.database });
    try {
      await apply(conn, { kind: "createTable", table: parent }, { kind: "createTable", table: child });
      for (let i = 1; i <= 5; i++) {
        await conn.query(`INSERT INTO parent (code, qty, tag) VALUES (?, ?, ?)`, [`code-${i}`, i * 10, i % 2 ? "odd" : null]);
        await conn.query(`INSERT INTO child (parentId, label) VALUES (?, ?)`, [i, `label-${i}`]);
      }
      // The AUTOINCREMENT counter (7) is above max(id) (5): a rebuild must keep it.
      await conn.query(`INSERT INTO parent (code) VALUES ('x'), ('y')`);
      await conn.query(`DELETE FROM parent WHERE code IN ('x', 'y')`);
      await fn(conn);
    } finally {
      await conn.close();
    }
  });
}

async function rows(conn: Connection) {
  return {
    parent: await conn.query(`SELECT * FROM parent ORDER BY id`),
    child: await conn.query(`SELECT id, parentId, label FROM child ORDER BY id`),
  };
}

/** Alters `from` into `to` with rows present, checks rows/indexes/FKs survive, then alters back. */
async function alterAndBack(conn: Connection, table: Table, from: Column, to: Column): Promise<string[]> {
  const before = await rows(conn);
  const schemaBefore = await sqliteDialect.introspect(conn, EXCLUDE);
  const sql = await apply(conn, { kind: "alterColumn", table: table.name, from, to });
  const after = await sqliteDialect.introspect(conn, EXCLUDE);
  const t = after.tables.find((x) => x.name === table.name)!;
  const { rawType: _r, ...got } = col(t, to.name);
  assert.deepEqual(got, to);
  assert.deepEqual(await rows(conn), before, "every row kept");
  assert.deepEqual(
    strip(after).map((x) => [x.indexes, x.uniques, x.foreignKeys]),
    strip(schemaBefore).map((x) => [x.indexes, x.uniques, x.foreignKeys]),
    "every index, unique and foreign key kept",
  );
  await apply(conn, { kind: "alterColumn", table: table.name, from: to, to: from });
  assert.deepEqual(strip(await sqliteDialect.introspect(conn, EXCLUDE)), strip(schemaBefore), "back to the start");
  assert.deepEqual(await rows(conn), before);
  return sql;
}

async function assertCascadeStillWorks(conn: Connection) {
  await conn.query(`DELETE FROM parent WHERE id = 1`);
  assert.deepEqual(await conn.query(`SELECT count(*) AS n FROM child WHERE parentId = 1`), [{ n: 0 }], "FK still enforced");
  const [{ id }] = (await conn.query<{ id: number }>(`INSERT INTO parent (code) VALUES ('z') RETURNING id`)) as [{ id: number }];
  assert.equal(id, 8, "AUTOINCREMENT counter kept");
}

const skipReason = () => unavailable("sqlite");

test("varchar(50) → varchar(100) and back keeps rows, indexes and foreign keys", async (t) => {
  const skip = await skipReason();
  if (skip) return t.skip(skip);
  await withRows(async (conn) => {
    const sql = await alterAndBack(conn, parent, col(parent, "code"), { ...col(parent, "code"), length: 100 });
    assert.ok(sql.some((s) => s.startsWith(`DROP TABLE "parent"`)), "a rebuild");
    await alterAndBack(conn, child, col(child, "label"), { ...col(child, "label"), length: 100 });
    await assertCascadeStillWorks(conn);
  });
});

test("int → bigint and back keeps rows", async (t) => {
  const skip = await skipReason();
  if (skip) return t.skip(skip);
  await withRows(async (conn) => {
    await alterAndBack(conn, parent, col(parent, "qty"), { ...col(parent, "qty"), type: "bigint" });
    await assertCascadeStillWorks(conn);
  });
});

test("nullability change keeps rows (and fails cleanly when NULLs are present)", async (t) => {
  const skip = await skipReason();
  if (skip) return t.skip(skip);
  await withRows(async (conn) => {
    await alterAndBack(conn, parent, col(parent, "qty"), { ...col(parent, "qty"), nullable: false });
    await alterAndBack(conn, parent, col(parent, "code"), { ...col(parent, "code"), nullable: true });
    const before = await rows(conn);
    await assert.rejects(apply(conn, { kind: "alterColumn", table: "parent", from: col(parent, "tag"), to: { ...col(parent, "tag"), nullable: false } }), /NOT NULL/);
    assert.deepEqual(await rows(conn), before, "rolled back");
    await assertCascadeStillWorks(conn);
  });
});

test("default change keeps rows", async (t) => {
  const skip = await skipReason();
  if (skip) return t.skip(skip);
  await withRows(async (conn) => {
    await alterAndBack(conn, parent, col(parent, "note"), { ...col(parent, "note"), default: "CURRENT_TIMESTAMP" });
    const { default: _d, ...noDefault } = col(parent, "note");
    await alterAndBack(conn, parent, col(parent, "note"), noDefault);
    await assertCascadeStillWorks(conn);
  });
});

test("adding and dropping a foreign key rebuilds the child and keeps its rows", async (t) => {
  const skip = await skipReason();
  if (skip) return t.skip(skip);
  await withRows(async (conn) => {
    const before = await rows(conn);
    const fk = { name: "FK_child_parent_set_null", columns: ["label"], referencedTable: "parent", referencedColumns: ["code"], onDelete: "SET NULL", onUpdate: "CASCADE" } as const;
    // label values are not parent codes: foreign_key_check must catch it and roll back.
    await assert.rejects(apply(conn, { kind: "addUnique", table: "parent", unique: { name: "UQ_parent_code", columns: ["code"] } }, { kind: "addForeignKey", table: "child", foreignKey: fk }), /foreign key violations/);
    assert.deepEqual(await rows(conn), before);
    await conn.query(`UPDATE child SET label = 'code-' || parentId`);
    const withLabels = await rows(conn);
    await apply(conn, { kind: "addUnique", table: "parent", unique: { name: "UQ_parent_code", columns: ["code"] } }, { kind: "addForeignKey", table: "child", foreignKey: fk });
    const s = await sqliteDialect.introspect(conn, EXCLUDE);
    const c = s.tables.find((x) => x.name === "child")!;
    assert.deepEqual(c.foreignKeys.map((f) => f.name), ["FK_child_parent", "FK_child_parent_set_null"]);
    assert.deepEqual(c.indexes.map((i) => i.name), ["IDX_child_label"]);
    assert.deepEqual(await rows(conn), withLabels);
    await conn.query(`UPDATE parent SET code = 'renamed' WHERE id = 2`);
    assert.deepEqual(await conn.query(`SELECT label FROM child WHERE id = 2`), [{ label: "renamed" }], "ON UPDATE CASCADE works");
    await apply(conn, { kind: "dropForeignKey", table: "child", foreignKey: fk });
    assert.deepEqual(strip(await sqliteDialect.introspect(conn, EXCLUDE)).find((x) => x.name === "child")!.foreignKeys.map((f) => f.name), ["FK_child_parent"]);
    await assertCascadeStillWorks(conn);
  });
});

test("dropping an indexed column rebuilds, keeping the other rows, indexes and foreign keys", async (t) => {
  const skip = await skipReason();
  if (skip) return t.skip(skip);
  await withRows(async (conn) => {
    const before = await rows(conn);
    const sql = await apply(conn, { kind: "dropColumn", table: "parent", column: col(parent, "tag") });
    assert.ok(sql.some((s) => s.startsWith("DROP TABLE")), "a rebuild");
    const p = (await sqliteDialect.introspect(conn, EXCLUDE)).tables.find((x) => x.name === "parent")!;
    assert.deepEqual(p.columns.map((c) => c.name), ["id", "code", "qty", "note"]);
    assert.deepEqual(p.indexes.map((i) => i.name), ["IDX_parent_code"]);
    assert.deepEqual(p.uniques.map((u) => u.name), ["UQ_parent_code_qty"]);
    const now = await rows(conn);
    assert.deepEqual(now.parent, before.parent.map(({ tag: _t, ...r }) => r));
    assert.deepEqual(now.child, before.child);
    // A plain column is dropped in place; ADD COLUMN of a nullable/defaulted column too.
    assert.deepEqual(await apply(conn, { kind: "dropColumn", table: "parent", column: col(parent, "note") }), [`ALTER TABLE "parent" DROP COLUMN "note"`]);
    assert.deepEqual(await apply(conn, { kind: "addColumn", table: "parent", column: { name: "flag", type: "boolean", nullable: false, default: "0" } }), [`ALTER TABLE "parent" ADD COLUMN "flag" boolean NOT NULL DEFAULT (0)`]);
    const rebuilt = await apply(conn, { kind: "addColumn", table: "parent", column: { name: "at", type: "datetime", nullable: false, default: "datetime('now')" } });
    assert.ok(rebuilt.some((s) => s.startsWith("DROP TABLE")), "a non-literal default needs a rebuild");
    assert.equal((await conn.query(`SELECT * FROM parent WHERE at IS NULL`)).length, 0);
    await assertCascadeStillWorks(conn);
  });
});

test("renames are plain ALTER TABLE and keep the foreign keys pointing at them", async (t) => {
  const skip = await skipReason();
  if (skip) return t.skip(skip);
  await withRows(async (conn) => {
    await apply(conn, { kind: "renameColumn", table: "parent", from: "code", to: "sku" }, { kind: "renameTable", from: "parent", to: "product" });
    const s = await sqliteDialect.introspect(conn, EXCLUDE);
    assert.deepEqual(s.tables.find((x) => x.name === "child")!.foreignKeys[0]!.referencedTable, "product");
    assert.deepEqual(s.tables.find((x) => x.name === "product")!.indexes.find((i) => i.name === "IDX_parent_code")!.columns, ["sku"]);
  });
});
