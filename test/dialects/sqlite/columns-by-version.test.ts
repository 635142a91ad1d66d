/**
 * On the running SQLite library: DROP COLUMN in place when nothing uses the column, the rebuild
 * when an index does; and, compiled for libraries older than 3.35 / 3.25, the rebuild for an
 * unused column's drop and for a rename. Every path keeps the rows.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import type { Connection } from "../../../src/dialects/dialect";
import type { Column, Table } from "../../../src/schema/types";
import { withTestDatabase } from "../../support/databases";
import { applyAs, EXCLUDE } from "./helpers";

const note: Column = { name: "note", type: "varchar", nullable: true };
const rank: Column = { name: "rank", type: "integer", nullable: true };
const item: Table = {
  name: "item",
  columns: [{ name: "id", type: "integer", nullable: false }, { name: "label", type: "varchar", nullable: false }, note, rank],
  primaryKey: { columns: ["id"] },
  indexes: [{ name: "IDX_item_rank", columns: ["rank"], unique: false }],
  uniques: [],
  foreignKeys: [],
};
const REBUILT = /^CREATE TABLE "__athanor_rebuild_item"/;

async function withItems(fn: (conn: Connection) => Promise<void>): Promise<void> {
  await withTestDatabase("sqlite", async (db) => {
    const conn = await sqliteDialect.connect({ filename: db.database });
    try {
      await applyAs(conn, undefined, { kind: "createTable", table: item });
      for (let i = 1; i <= 4; i++) await conn.query(`INSERT INTO item (id, label, note, rank) VALUES (?, ?, ?, ?)`, [i, `item-${i}`, `note-${i}`, i * 10]);
      await fn(conn);
    } finally {
      await conn.close();
    }
  });
}

const rows = (conn: Connection, columns: string) => conn.query(`SELECT ${columns} FROM item ORDER BY id`);
const indexes = async (conn: Connection) => (await sqliteDialect.introspect(conn, EXCLUDE)).tables[0].indexes.map((i) => `${i.name}(${i.columns.join(",")})`);

test("SQLite 3.35+: an unused column is dropped in place, an indexed one by a rebuild, the rows kept", async () => {
  await withItems(async (conn) => {
    if (sqliteDialect.capabilities(conn.serverVersion).dropColumn !== "drop") throw new Error(`SQLite ${conn.serverVersion} predates DROP COLUMN`);
    const direct = await applyAs(conn, conn.serverVersion, { kind: "dropColumn", table: "item", column: note });
    assert.deepEqual(direct, ['ALTER TABLE "item" DROP COLUMN "note"']);
    const rebuilt = await applyAs(conn, conn.serverVersion, { kind: "dropColumn", table: "item", column: rank });
    assert.match(rebuilt[0], REBUILT);
    assert.deepEqual(await rows(conn, "*"), [1, 2, 3, 4].map((i) => ({ id: i, label: `item-${i}` })));
    assert.deepEqual(await indexes(conn), []);
  });
});

test("compiled for SQLite 3.34: even an unused column is dropped by a rebuild, the rows and the index kept", async () => {
  await withItems(async (conn) => {
    const sql = await applyAs(conn, "3.34.1", { kind: "dropColumn", table: "item", column: note });
    assert.match(sql[0], REBUILT);
    assert.ok(!sql.some((s) => /DROP COLUMN/.test(s)), sql.join("\n"));
    assert.deepEqual(await rows(conn, "*"), [1, 2, 3, 4].map((i) => ({ id: i, label: `item-${i}`, rank: i * 10 })));
    assert.deepEqual(await indexes(conn), ["IDX_item_rank(rank)"]);
  });
});

test("compiled for SQLite 3.24: a rename is a rebuild that moves the rows to the new name, the index follows", async () => {
  await withItems(async (conn) => {
    const sql = await applyAs(conn, "3.24.0", { kind: "renameColumn", table: "item", from: "rank", to: "position" });
    assert.match(sql[0], REBUILT);
    assert.ok(!sql.some((s) => /RENAME COLUMN/.test(s)), sql.join("\n"));
    assert.deepEqual(await rows(conn, "id, position"), [1, 2, 3, 4].map((i) => ({ id: i, position: i * 10 })));
    assert.deepEqual(await indexes(conn), ["IDX_item_rank(position)"]);
  });
});

test("SQLite 3.25+: a rename is RENAME COLUMN, the rows kept", async () => {
  await withItems(async (conn) => {
    const sql = await applyAs(conn, conn.serverVersion, { kind: "renameColumn", table: "item", from: "note", to: "remark" });
    assert.deepEqual(sql, ['ALTER TABLE "item" RENAME COLUMN "note" TO "remark"']);
    assert.deepEqual(await rows(conn, "id, remark"), [1, 2, 3, 4].map((i) => ({ id: i, remark: `note-${i}` })));
  });
});
