/**
 * SQLite by library version: how `sqlite_version()` is read, what each version can do, and the
 * exact SQL each (op, version) compiles to: RENAME COLUMN from 3.25, DROP COLUMN from 3.35 (and
 * only when nothing uses the column), the table rebuild otherwise.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import type { CompileContext } from "../../../src/dialects/dialect";
import { UnsupportedOperationError } from "../../../src/errors";
import type { Op } from "../../../src/ops/types";
import type { Column, Table } from "../../../src/schema/types";

describe("SQLite version strings", () => {
  for (const [text, want] of [
    ["3.45.1", "SQLite 3.45.1"],
    ["3.24.0", "SQLite 3.24.0"],
    [" 3.35.5 ", "SQLite 3.35.5"],
    ["", undefined],
    ["new", undefined],
  ] as const) {
    it(`reads ${JSON.stringify(text)} as ${want ?? "no version"}`, () => assert.equal(sqliteDialect.describeServerVersion?.(text), want));
  }
});

describe("SQLite capabilities by version", () => {
  for (const [version, renameColumn, dropColumn] of [
    ["3.24.0", "rebuild", "rebuild"],
    ["3.25.0", "rename", "rebuild"],
    ["3.34.1", "rename", "rebuild"],
    ["3.35.0", "rename", "drop"],
    ["3.45.1", "rename", "drop"],
    ["unreadable", "rebuild", "rebuild"],
  ] as const) {
    it(`${version}: rename by ${renameColumn}, drop by ${dropColumn}`, () => {
      const got = sqliteDialect.capabilities(version);
      assert.deepEqual([got.renameColumn, got.dropColumn, got.transactionalDdl], [renameColumn, dropColumn, true]);
    });
  }
});

const id: Column = { name: "id", type: "integer", nullable: false };
const note: Column = { name: "note", type: "varchar", nullable: true };
const rank: Column = { name: "rank", type: "integer", nullable: true };
const item: Table = {
  name: "item",
  columns: [id, note, rank],
  primaryKey: { columns: ["id"] },
  indexes: [{ name: "IDX_rank", columns: ["rank"], unique: false }],
  uniques: [],
  foreignKeys: [],
};
const checked: Table = { ...item, name: "checked", indexes: [], checks: [{ name: "CHK_note", expression: `"note" <> ''` }] };
const ctx = (serverVersion: string): CompileContext => ({ serverVersion, currentTable: async (name) => [item, checked].find((t) => t.name === name) });

const REBUILD_WITHOUT_NOTE = [
  'CREATE TABLE "__athanor_rebuild_item" ("id" integer PRIMARY KEY NOT NULL, "rank" integer)',
  'INSERT INTO "__athanor_rebuild_item" ("id", "rank") SELECT "id", "rank" FROM "item"',
  'DROP TABLE "item"',
  'ALTER TABLE "__athanor_rebuild_item" RENAME TO "item"',
  'CREATE INDEX "IDX_rank" ON "item" ("rank")',
];
const REBUILD_NOTE_AS_TEXT = [
  'CREATE TABLE "__athanor_rebuild_item" ("id" integer PRIMARY KEY NOT NULL, "text" varchar, "rank" integer)',
  'INSERT INTO "__athanor_rebuild_item" ("id", "text", "rank") SELECT "id", "note", "rank" FROM "item"',
  'DROP TABLE "item"',
  'ALTER TABLE "__athanor_rebuild_item" RENAME TO "item"',
  'CREATE INDEX "IDX_rank" ON "item" ("rank")',
];

describe("SQLite SQL by (op, version)", () => {
  const dropNote: Op = { kind: "dropColumn", table: "item", column: note };
  const renameNote: Op = { kind: "renameColumn", table: "item", from: "note", to: "text" };
  const cases: { name: string; version: string; op: Op; want: string[] }[] = [
    { name: "drop an unused column, 3.35: DROP COLUMN", version: "3.35.0", op: dropNote, want: ['ALTER TABLE "item" DROP COLUMN "note"'] },
    { name: "drop an unused column, 3.34: the rebuild", version: "3.34.1", op: dropNote, want: REBUILD_WITHOUT_NOTE },
    {
      name: "drop an indexed column, 3.45: the rebuild (SQLite refuses DROP COLUMN on it)",
      version: "3.45.1",
      op: { kind: "dropColumn", table: "item", column: rank },
      want: [
        'CREATE TABLE "__athanor_rebuild_item" ("id" integer PRIMARY KEY NOT NULL, "note" varchar)',
        'INSERT INTO "__athanor_rebuild_item" ("id", "note") SELECT "id", "note" FROM "item"',
        'DROP TABLE "item"',
        'ALTER TABLE "__athanor_rebuild_item" RENAME TO "item"',
      ],
    },
    { name: "rename a column, 3.25: RENAME COLUMN", version: "3.25.0", op: renameNote, want: ['ALTER TABLE "item" RENAME COLUMN "note" TO "text"'] },
    { name: "rename a column, 3.24: the rebuild", version: "3.24.0", op: renameNote, want: REBUILD_NOTE_AS_TEXT },
    {
      name: "alter that only renames, 3.24: the rebuild",
      version: "3.24.0",
      op: { kind: "alterColumn", table: "item", from: note, to: { ...note, name: "text" } },
      want: REBUILD_NOTE_AS_TEXT,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => assert.deepEqual(await sqliteDialect.compile(c.op, ctx(c.version)), c.want));
  }

  it("rename a column a CHECK uses, 3.24: refused (the rebuild cannot rewrite the CHECK), with what to do", async () => {
    await assert.rejects(sqliteDialect.compile({ kind: "renameColumn", table: "checked", from: "note", to: "text" }, ctx("3.24.0")), (e: unknown) => {
      assert.ok(e instanceof UnsupportedOperationError);
      assert.match(e.message, /CHK|note/);
      assert.match(e.hint ?? "", /before 3\.25/);
      return true;
    });
  });

  it("rename a column a CHECK uses, 3.25: RENAME COLUMN (SQLite rewrites the CHECK itself)", async () => {
    assert.deepEqual(await sqliteDialect.compile({ kind: "renameColumn", table: "checked", from: "note", to: "text" }, ctx("3.25.0")), ['ALTER TABLE "checked" RENAME COLUMN "note" TO "text"']);
  });
});
