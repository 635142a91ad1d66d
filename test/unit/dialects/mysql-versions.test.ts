/**
 * MySQL/MariaDB by server version: how a version string is read, what each version can do, and
 * the exact SQL each (op, version) compiles to, so a change of choice shows in review.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mysqlDialect } from "../../../src/dialects/mysql";
import { parseMysqlVersion } from "../../../src/dialects/mysql/server-version";
import type { Capabilities, CompileContext } from "../../../src/dialects/dialect";
import { UnsupportedOperationError } from "../../../src/errors";
import type { Op } from "../../../src/ops/types";
import type { Column, Table } from "../../../src/schema/types";

describe("MySQL/MariaDB version strings", () => {
  const cases: [string, ReturnType<typeof parseMysqlVersion>, string | undefined][] = [
    ["8.0.36", { flavour: "mysql", version: [8, 0, 36] }, "MySQL 8.0.36"],
    ["8.0.36-0ubuntu0.22.04.1", { flavour: "mysql", version: [8, 0, 36] }, "MySQL 8.0.36"],
    ["5.7.44-log", { flavour: "mysql", version: [5, 7, 44] }, "MySQL 5.7.44"],
    ["10.11.9-MariaDB-1:10.11.9+maria~ubu2204", { flavour: "mariadb", version: [10, 11, 9] }, "MariaDB 10.11.9"],
    ["10.11.19-MariaDB-0+deb12u1", { flavour: "mariadb", version: [10, 11, 19] }, "MariaDB 10.11.19"],
    ["5.5.5-10.11.9-MariaDB", { flavour: "mariadb", version: [10, 11, 9] }, "MariaDB 10.11.9"],
    ["11.4.2-MariaDB-log", { flavour: "mariadb", version: [11, 4, 2] }, "MariaDB 11.4.2"],
    ["", undefined, undefined],
    ["latest", undefined, undefined],
  ];
  for (const [text, want, described] of cases) {
    it(`reads ${JSON.stringify(text)} as ${described ?? "no version"}`, () => {
      assert.deepEqual(parseMysqlVersion(text), want);
      assert.equal(mysqlDialect.describeServerVersion?.(text), described);
    });
  }
});

describe("MySQL/MariaDB capabilities by version", () => {
  type Choice = Pick<Capabilities, "instantAddColumn" | "renameColumn" | "onlineIndexes" | "transactionalDdl">;
  const cases: [string, Choice][] = [
    ["5.5.62", { instantAddColumn: "none", renameColumn: "change", onlineIndexes: "none", transactionalDdl: false }],
    ["5.7.44", { instantAddColumn: "none", renameColumn: "change", onlineIndexes: "in-place", transactionalDdl: false }],
    ["8.0.11", { instantAddColumn: "none", renameColumn: "rename", onlineIndexes: "in-place", transactionalDdl: false }],
    ["8.0.12", { instantAddColumn: "explicit", renameColumn: "rename", onlineIndexes: "in-place", transactionalDdl: false }],
    ["8.4.2", { instantAddColumn: "explicit", renameColumn: "rename", onlineIndexes: "in-place", transactionalDdl: false }],
    ["10.2.44-MariaDB", { instantAddColumn: "none", renameColumn: "change", onlineIndexes: "in-place", transactionalDdl: false }],
    ["10.3.1-MariaDB", { instantAddColumn: "implicit", renameColumn: "change", onlineIndexes: "in-place", transactionalDdl: false }],
    ["10.3.2-MariaDB", { instantAddColumn: "explicit", renameColumn: "change", onlineIndexes: "in-place", transactionalDdl: false }],
    ["10.5.1-MariaDB", { instantAddColumn: "explicit", renameColumn: "change", onlineIndexes: "in-place", transactionalDdl: false }],
    ["10.5.2-MariaDB", { instantAddColumn: "explicit", renameColumn: "rename", onlineIndexes: "in-place", transactionalDdl: false }],
    ["10.11.9-MariaDB-1:10.11.9+maria~ubu2204", { instantAddColumn: "explicit", renameColumn: "rename", onlineIndexes: "in-place", transactionalDdl: false }],
    // Unreadable: what works on every supported server.
    ["unknown", { instantAddColumn: "none", renameColumn: "change", onlineIndexes: "in-place", transactionalDdl: false }],
  ];
  for (const [version, want] of cases) {
    it(`${version}: ${JSON.stringify(want)}`, () => {
      const got = mysqlDialect.capabilities(version);
      assert.deepEqual({ instantAddColumn: got.instantAddColumn, renameColumn: got.renameColumn, onlineIndexes: got.onlineIndexes, transactionalDdl: got.transactionalDdl }, want);
    });
  }
});

const id: Column = { name: "id", type: "int", nullable: false, autoIncrement: "increment" };
const title: Column = { name: "title", type: "varchar", length: 100, nullable: true };
const plain: Table = { name: "post", columns: [id, title], primaryKey: { columns: ["id"] }, indexes: [], uniques: [], foreignKeys: [] };
const searchable: Table = { ...plain, name: "doc", indexes: [{ name: "ft_title", columns: ["title"], unique: false, method: "fulltext" }] };
const tables = [plain, searchable];
const ctx = (serverVersion: string | undefined): CompileContext => ({
  ...(serverVersion !== undefined ? { serverVersion } : {}),
  currentTable: async (name) => tables.find((t) => t.name === name),
});

const views: Column = { name: "views", type: "int", nullable: false, default: "0" };
const addViews = (table: string): Op => ({ kind: "addColumn", table, column: views });
const ADD_VIEWS = "ALTER TABLE `post` ADD COLUMN `views` int NOT NULL DEFAULT 0";
const INSTANT = ", ALGORITHM=INSTANT";

describe("MySQL/MariaDB SQL by (op, version)", () => {
  const cases: { name: string; version: string | undefined; op: Op; want: string[] }[] = [
    { name: "add column with a literal default, MySQL 8.0.12: instant", version: "8.0.12", op: addViews("post"), want: [ADD_VIEWS + INSTANT] },
    { name: "add column, MySQL 8.0.11: no ALGORITHM clause", version: "8.0.11", op: addViews("post"), want: [ADD_VIEWS] },
    { name: "add column, MySQL 5.7: no ALGORITHM clause", version: "5.7.44", op: addViews("post"), want: [ADD_VIEWS] },
    { name: "add column, MariaDB 10.3.1: instant without the keyword", version: "10.3.1-MariaDB", op: addViews("post"), want: [ADD_VIEWS] },
    { name: "add column, MariaDB 10.3.2: instant", version: "10.3.2-MariaDB", op: addViews("post"), want: [ADD_VIEWS + INSTANT] },
    { name: "add column, MariaDB 10.11: instant", version: "10.11.9-MariaDB-1:10.11.9+maria~ubu2204", op: addViews("post"), want: [ADD_VIEWS + INSTANT] },
    { name: "add column, no version given: the default server (MariaDB 10.11)", version: undefined, op: addViews("post"), want: [ADD_VIEWS + INSTANT] },
    {
      name: "add column to a table with a FULLTEXT index: never instant",
      version: "8.0.36",
      op: addViews("doc"),
      want: ["ALTER TABLE `doc` ADD COLUMN `views` int NOT NULL DEFAULT 0"],
    },
    { name: "add column to a table not known here: no clause", version: "8.0.36", op: addViews("elsewhere"), want: ["ALTER TABLE `elsewhere` ADD COLUMN `views` int NOT NULL DEFAULT 0"] },
    {
      name: "add an AUTO_INCREMENT column: never instant",
      version: "10.11.9-MariaDB",
      op: { kind: "addColumn", table: "post", column: { name: "seq", type: "int", nullable: false, autoIncrement: "increment" } },
      want: ["ALTER TABLE `post` ADD COLUMN `seq` int NOT NULL AUTO_INCREMENT"],
    },
    {
      name: "add a column whose default is computed per row (uuid()): never instant",
      version: "10.11.9-MariaDB",
      op: { kind: "addColumn", table: "post", column: { name: "token", type: "varchar", length: 36, nullable: false, default: "(uuid())" } },
      want: ["ALTER TABLE `post` ADD COLUMN `token` varchar(36) NOT NULL DEFAULT (uuid())"],
    },
    {
      name: "add a CURRENT_TIMESTAMP column, MariaDB 10.11: instant",
      version: "10.11.9-MariaDB",
      op: { kind: "addColumn", table: "post", column: { name: "at", type: "datetime", nullable: false, default: "CURRENT_TIMESTAMP" } },
      want: ["ALTER TABLE `post` ADD COLUMN `at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP" + INSTANT],
    },
    {
      name: "add a CURRENT_TIMESTAMP column, MySQL 8.0: no clause (not verified there)",
      version: "8.0.36",
      op: { kind: "addColumn", table: "post", column: { name: "at", type: "datetime", nullable: false, default: "CURRENT_TIMESTAMP" } },
      want: ["ALTER TABLE `post` ADD COLUMN `at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP"],
    },
    { name: "rename column, MariaDB 10.5.2: RENAME COLUMN", version: "10.5.2-MariaDB", op: { kind: "renameColumn", table: "post", from: "title", to: "heading" }, want: ["ALTER TABLE `post` RENAME COLUMN `title` TO `heading`"] },
    { name: "rename column, MariaDB 10.5.1: CHANGE COLUMN with the full definition", version: "10.5.1-MariaDB", op: { kind: "renameColumn", table: "post", from: "title", to: "heading" }, want: ["ALTER TABLE `post` CHANGE COLUMN `title` `heading` varchar(100) NULL"] },
    { name: "rename column, MySQL 8.0.0: RENAME COLUMN", version: "8.0.0", op: { kind: "renameColumn", table: "post", from: "title", to: "heading" }, want: ["ALTER TABLE `post` RENAME COLUMN `title` TO `heading`"] },
    { name: "rename column, MySQL 5.7: CHANGE COLUMN", version: "5.7.44", op: { kind: "renameColumn", table: "post", from: "title", to: "heading" }, want: ["ALTER TABLE `post` CHANGE COLUMN `title` `heading` varchar(100) NULL"] },
    {
      name: "online index, MySQL 5.7: INPLACE without locks",
      version: "5.7.44",
      op: { kind: "createIndex", table: "post", index: { name: "idx_title", columns: ["title"], unique: false }, concurrently: true },
      want: ["CREATE INDEX `idx_title` ON `post` (`title`) ALGORITHM=INPLACE LOCK=NONE"],
    },
    {
      name: "online index, MySQL 5.5: no online build, a plain CREATE INDEX",
      version: "5.5.62",
      op: { kind: "createIndex", table: "post", index: { name: "idx_title", columns: ["title"], unique: false }, concurrently: true },
      want: ["CREATE INDEX `idx_title` ON `post` (`title`)"],
    },
    {
      name: "online FULLTEXT index, MariaDB 10.11: never online",
      version: "10.11.9-MariaDB",
      op: { kind: "createIndex", table: "post", index: { name: "ft", columns: ["title"], unique: false, method: "fulltext" }, concurrently: true },
      want: ["CREATE FULLTEXT INDEX `ft` ON `post` (`title`)"],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      assert.deepEqual(await mysqlDialect.compile(c.op, ctx(c.version)), c.want);
    });
  }

  it("rename column on a server without RENAME COLUMN, with the column unknown: refused with what to do", async () => {
    await assert.rejects(mysqlDialect.compile({ kind: "renameColumn", table: "elsewhere", from: "a", to: "b" }, ctx("5.7.44")), (e: unknown) => {
      assert.ok(e instanceof UnsupportedOperationError);
      assert.match(e.message, /no RENAME COLUMN/);
      assert.ok(e.hint);
      return true;
    });
  });
});
