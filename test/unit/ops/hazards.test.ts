/** Hazards as data: what each op risks, shared and per dialect and server version, stable and sorted. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mysqlDialect } from "../../../src/dialects/mysql";
import { postgresDialect } from "../../../src/dialects/postgres";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import type { Dialect } from "../../../src/dialects/dialect";
import { hazardCounts, hazards, hazardsOfOps, listHazards } from "../../../src/ops/hazards";
import type { Op } from "../../../src/ops/types";
import { fkDevicesSite, int, table, varchar } from "../fixtures";

const none = new Set<string>();
const codes = (op: Op, dialect: Pick<Dialect, "narrowing" | "hazards">, serverVersion = "", newTables: ReadonlySet<string> = none) =>
  hazards(op, { dialect, serverVersion, newTables }).map((h) => `${h.code}/${h.scales}`);
const shared = {};

const addColumn = (column = int("vlan", { nullable: true, default: "1" })): Op => ({ kind: "addColumn", table: "devices", column });
const alter = (from: ReturnType<typeof varchar>, to: ReturnType<typeof varchar>): Op => ({ kind: "alterColumn", table: "devices", from, to });

describe("shared hazards", () => {
  it("dropping a column deletes its data and breaks code still using it, with the reviewer's message", () => {
    const found = hazards({ kind: "dropColumn", table: "devices", column: varchar("ip", 40) }, { dialect: shared, serverVersion: "", newTables: none });
    assert.deepEqual(found, [
      { code: "backward-incompatible", scales: "constant", message: `code still reading or writing "devices"."ip" fails once it is dropped` },
      { code: "deletes-data", scales: "constant", message: `drops column "devices"."ip" and its data` },
    ]);
  });

  it("a table dropped, a rename, NOT NULL without a default, SET NOT NULL", () => {
    assert.deepEqual(codes({ kind: "dropTable", table: table("sites") }, shared), ["backward-incompatible/constant", "deletes-data/constant"]);
    assert.deepEqual(codes({ kind: "renameColumn", table: "devices", from: "ip", to: "address" }, shared), ["backward-incompatible/constant"]);
    assert.deepEqual(codes({ kind: "renameTable", from: "devices", to: "hosts" }, shared), ["backward-incompatible/constant"]);
    assert.deepEqual(codes(addColumn(int("rank")), shared), ["backward-incompatible/constant", "validates-rows/rows"]);
    assert.deepEqual(codes(alter(varchar("ip", 40, { nullable: true }), varchar("ip", 40)), shared), ["backward-incompatible/constant", "validates-rows/rows"]);
  });

  it("a nullable column or one with a default, dropping NOT NULL: no hazard", () => {
    assert.deepEqual(codes(addColumn(), shared), []);
    assert.deepEqual(codes(addColumn(int("rank", { default: "0" })), shared), []);
    assert.deepEqual(codes(alter(varchar("ip", 40), varchar("ip", 40, { nullable: true })), shared), []);
  });

  it("an index builds and blocks writes unless built concurrently (the op's own flag)", () => {
    const index = { name: "idx_ip", columns: ["ip"], unique: false };
    assert.deepEqual(codes({ kind: "createIndex", table: "devices", index }, shared), ["blocks-writes/rows", "builds-index/rows"]);
    assert.deepEqual(codes({ kind: "createIndex", table: "devices", index, concurrently: true }, shared), ["builds-index/rows"]);
  });

  it("new foreign keys, checks and uniques read every row", () => {
    assert.deepEqual(codes({ kind: "addForeignKey", table: "devices", foreignKey: fkDevicesSite }, shared), ["validates-rows/rows"]);
    assert.deepEqual(codes({ kind: "addCheck", table: "devices", check: { name: "c", expression: "id > 0" } }, shared), ["validates-rows/rows"]);
    assert.deepEqual(codes({ kind: "addUnique", table: "devices", unique: { name: "u", columns: ["ip"] } }, shared), ["blocks-writes/rows", "builds-index/rows", "validates-rows/rows"]);
  });

  it("a narrowing deletes data, through the dialect's narrowing hook", () => {
    assert.deepEqual(codes(alter(varchar("ip", 40), varchar("ip", 20)), { narrowing: () => ({ reason: "40 → 20", where: "x" }) }), ["deletes-data/rows"]);
    assert.deepEqual(codes(alter(varchar("ip", 40), varchar("ip", 20)), shared), []);
  });

  it("ops on a table the same migration created have no hazards", () => {
    const ops: Op[] = [
      { kind: "createTable", table: table("vlans", { columns: [int("id")] }) },
      { kind: "createIndex", table: "vlans", index: { name: "idx_vlans_id", columns: ["id"], unique: false } },
      { kind: "dropColumn", table: "devices", column: int("x") },
    ];
    const found = hazardsOfOps(ops, { dialect: postgresDialect, serverVersion: "16" });
    assert.deepEqual(found[1], []);
    assert.equal(found[2].length, 2, "an existing table keeps its hazards");
    assert.deepEqual(codes(ops[1], postgresDialect, "16", new Set(["vlans"])), []);
    assert.deepEqual(listHazards(ops, { dialect: postgresDialect, serverVersion: "16" }).map((h) => h.op), [2, 2]);
  });

  it("sorted by code, one per code, the same list every time; counts per code for summaries", () => {
    const op = alter(varchar("ip", 40, { nullable: true }), varchar("ip", 20));
    const a = hazards(op, { dialect: postgresDialect, serverVersion: "16", newTables: none });
    assert.deepEqual(a, hazards(op, { dialect: postgresDialect, serverVersion: "16", newTables: none }));
    const list = a.map((h) => h.code);
    assert.deepEqual(list, [...list].sort());
    assert.equal(new Set(list).size, list.length);
    assert.equal(hazardCounts(a), list.map((c) => `1 ${c}`).join(", "));
  });
});

describe("PostgreSQL hazards", () => {
  it("a varchar widened (or made text) is binary-coercible: no rewrite", () => {
    assert.deepEqual(codes(alter(varchar("ip", 40), varchar("ip", 80)), postgresDialect, "16"), []);
    assert.deepEqual(codes(alter(varchar("ip", 40), { name: "ip", type: "text", nullable: false }), postgresDialect, "16"), []);
  });

  it("a type change that is not binary-coercible rewrites the table under ACCESS EXCLUSIVE", () => {
    assert.deepEqual(codes(alter(int("n"), int("n", { type: "bigint" })), postgresDialect, "16"), ["blocks-reads/rows", "rewrites-table/rows"]);
  });

  it("ADD COLUMN with a constant default: a rewrite before 11, a catalog change from 11; a volatile default always rewrites", () => {
    assert.deepEqual(codes(addColumn(), postgresDialect, "10.23"), ["blocks-reads/rows", "rewrites-table/rows"]);
    assert.deepEqual(codes(addColumn(), postgresDialect, "11.0"), []);
    assert.deepEqual(codes(addColumn(int("r", { nullable: true, default: "random()" })), postgresDialect, "16"), ["blocks-reads/rows", "rewrites-table/rows"]);
  });

  it("SET NOT NULL and a new check hold ACCESS EXCLUSIVE while reading every row; a foreign key blocks writes", () => {
    assert.ok(codes(alter(varchar("ip", 40, { nullable: true }), varchar("ip", 40)), postgresDialect, "16").includes("blocks-reads/rows"));
    assert.ok(codes({ kind: "addCheck", table: "devices", check: { name: "c", expression: "id > 0" } }, postgresDialect, "16").includes("blocks-reads/rows"));
    assert.deepEqual(codes({ kind: "addForeignKey", table: "devices", foreignKey: fkDevicesSite }, postgresDialect, "16"), ["blocks-writes/rows", "validates-rows/rows"]);
  });

  it("online forms (validated separately, SET NOT NULL through a check) keep reads and writes going: only the row checks remain", () => {
    assert.deepEqual(codes({ kind: "addForeignKey", table: "devices", foreignKey: fkDevicesSite, validate: "separately" }, postgresDialect, "16"), ["validates-rows/rows"]);
    assert.deepEqual(codes({ kind: "addCheck", table: "devices", check: { name: "c", expression: "id > 0" }, validate: "separately" }, postgresDialect, "16"), ["validates-rows/rows"]);
    const online = { ...alter(varchar("ip", 40, { nullable: true }), varchar("ip", 40)), online: true } as const;
    assert.ok(!codes(online, postgresDialect, "16").includes("blocks-reads/rows"));
  });

  it("DROP INDEX blocks reads briefly, unless CONCURRENTLY", () => {
    const index = { name: "idx_ip", columns: ["ip"], unique: false };
    assert.deepEqual(codes({ kind: "dropIndex", table: "devices", index }, postgresDialect, "16"), ["blocks-reads/constant"]);
    assert.deepEqual(codes({ kind: "dropIndex", table: "devices", index, concurrently: true }, postgresDialect, "16"), []);
  });
});

describe("MySQL/MariaDB hazards", () => {
  it("ADD COLUMN is instant on MySQL 8.0.12+ and MariaDB 10.3.2+, a rebuild before", () => {
    assert.deepEqual(codes(addColumn(), mysqlDialect, "8.0.36"), []);
    assert.deepEqual(codes(addColumn(), mysqlDialect, "5.7.44"), ["rewrites-table/rows"]);
    assert.deepEqual(codes(addColumn(), mysqlDialect, "10.3.2-MariaDB"), []);
    assert.deepEqual(codes(addColumn(), mysqlDialect, "10.2.44-MariaDB"), ["rewrites-table/rows"]);
  });

  it("DROP COLUMN is instant on MySQL 8.0.29+ and MariaDB 10.4+", () => {
    const op: Op = { kind: "dropColumn", table: "devices", column: int("x") };
    assert.ok(!codes(op, mysqlDialect, "8.0.29").includes("rewrites-table/rows"));
    assert.ok(codes(op, mysqlDialect, "8.0.28").includes("rewrites-table/rows"));
    assert.ok(!codes(op, mysqlDialect, "10.11.9-MariaDB").includes("rewrites-table/rows"));
  });

  it("a type change copies the table blocking writes; a varchar widened within its length prefix does not", () => {
    assert.deepEqual(codes(alter(int("n"), int("n", { type: "bigint" })), mysqlDialect, "8.0.36"), ["blocks-writes/rows", "rewrites-table/rows"]);
    assert.deepEqual(codes(alter(varchar("ip", 20), varchar("ip", 40)), mysqlDialect, "8.0.36"), []);
    assert.deepEqual(codes(alter(varchar("ip", 40), varchar("ip", 100)), mysqlDialect, "8.0.36"), ["blocks-writes/rows", "rewrites-table/rows"]);
  });

  it("a foreign key is added with ALGORITHM=COPY (foreign_key_checks on)", () => {
    assert.deepEqual(codes({ kind: "addForeignKey", table: "devices", foreignKey: fkDevicesSite }, mysqlDialect, "8.0.36"), ["blocks-writes/rows", "rewrites-table/rows", "validates-rows/rows"]);
  });
});

describe("SQLite hazards", () => {
  it("a rebuild rewrites the table and blocks writes; an ADD COLUMN SQLite takes in place does not", () => {
    assert.deepEqual(codes(alter(varchar("ip", 40), varchar("ip", 80)), sqliteDialect, "3.45.0"), ["blocks-writes/rows", "rewrites-table/rows"]);
    assert.deepEqual(codes(addColumn(), sqliteDialect, "3.45.0"), []);
    assert.deepEqual(codes(addColumn(int("at", { nullable: true, default: "CURRENT_TIMESTAMP" })), sqliteDialect, "3.45.0"), ["blocks-writes/rows", "rewrites-table/rows"]);
  });

  it("RENAME COLUMN is in place from 3.25.0, a rebuild before", () => {
    const op: Op = { kind: "renameColumn", table: "devices", from: "ip", to: "address" };
    assert.deepEqual(codes(op, sqliteDialect, "3.25.0"), ["backward-incompatible/constant"]);
    assert.deepEqual(codes(op, sqliteDialect, "3.24.0"), ["backward-incompatible/constant", "blocks-writes/rows", "rewrites-table/rows"]);
  });
});
