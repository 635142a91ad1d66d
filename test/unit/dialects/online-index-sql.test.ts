/**
 * The SQL an online index build runs, per dialect, exactly: the TypeScript a migration holds
 * (`{ concurrently: true }`) is worth nothing if the statement loses CONCURRENTLY or LOCK=NONE on the
 * way to the database, and a build that blocks writes on a large table is the outage the flag exists
 * to prevent. Without a server: the live run is in test/e2e/online-indexes.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Dialect } from "../../../src/dialects/dialect";
import { mysqlDialect } from "../../../src/dialects/mysql";
import { postgresDialect } from "../../../src/dialects/postgres";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import type { Index, Table } from "../../../src/schema/types";
import type { Op } from "../../../src/ops/types";

const devices: Table = {
  name: "devices",
  columns: [
    { name: "id", type: "integer", nullable: false },
    { name: "hostname", type: "varchar", length: 100, nullable: false },
  ],
  primaryKey: { columns: ["id"] },
  indexes: [],
  uniques: [],
  foreignKeys: [],
};
const ctx = { currentTable: async (name: string) => (name === "devices" ? devices : undefined) };
const idx: Index = { name: "idx_devices_hostname", columns: ["hostname"], unique: false };

const create = (index: Index, concurrently?: boolean): Op => ({ kind: "createIndex", table: "devices", index, ...(concurrently === undefined ? {} : { concurrently }) });
const drop = (index: Index, concurrently?: boolean): Op => ({ kind: "dropIndex", table: "devices", index, ...(concurrently === undefined ? {} : { concurrently }) });

const cases: Record<"postgres" | "mysql" | "sqlite", { readonly dialect: Dialect; readonly onlineIndexes: string; readonly cases: [string, Op, string[]][] }> = {
  postgres: {
    dialect: postgresDialect,
    onlineIndexes: "outside-transaction",
    cases: [
      ["online createIndex is CREATE INDEX CONCURRENTLY", create(idx, true), ['CREATE INDEX CONCURRENTLY "idx_devices_hostname" ON "devices" ("hostname")']],
      ["online dropIndex is DROP INDEX CONCURRENTLY", drop(idx, true), ['DROP INDEX CONCURRENTLY "idx_devices_hostname"']],
      [
        "online unique partial index keeps UNIQUE and WHERE",
        create({ ...idx, unique: true, where: "hostname <> ''" }, true),
        ['CREATE UNIQUE INDEX CONCURRENTLY "idx_devices_hostname" ON "devices" ("hostname") WHERE hostname <> \'\''],
      ],
      ["online index with an access method", create({ ...idx, method: "hash" }, true), ['CREATE INDEX CONCURRENTLY "idx_devices_hostname" ON "devices" USING hash ("hostname")']],
      ["a plain createIndex is not concurrent", create(idx), ['CREATE INDEX "idx_devices_hostname" ON "devices" ("hostname")']],
      ["a plain dropIndex is not concurrent", drop(idx), ['DROP INDEX "idx_devices_hostname"']],
      ["concurrently: false is a plain build", create(idx, false), ['CREATE INDEX "idx_devices_hostname" ON "devices" ("hostname")']],
    ],
  },
  mysql: {
    dialect: mysqlDialect,
    onlineIndexes: "in-place",
    cases: [
      ["online createIndex is ALGORITHM=INPLACE LOCK=NONE", create(idx, true), ["CREATE INDEX `idx_devices_hostname` ON `devices` (`hostname`) ALGORITHM=INPLACE LOCK=NONE"]],
      // MariaDB's DROP INDEX takes no ALGORITHM/LOCK clause; ALTER TABLE does, on both servers.
      ["online dropIndex is ALTER TABLE ... DROP INDEX, ALGORITHM=INPLACE, LOCK=NONE", drop(idx, true), ["ALTER TABLE `devices` DROP INDEX `idx_devices_hostname`, ALGORITHM=INPLACE, LOCK=NONE"]],
      ["online unique index", create({ ...idx, unique: true }, true), ["CREATE UNIQUE INDEX `idx_devices_hostname` ON `devices` (`hostname`) ALGORITHM=INPLACE LOCK=NONE"]],
      // FULLTEXT/SPATIAL builds cannot run with LOCK=NONE: asking would make the statement fail.
      ["a FULLTEXT index is never made online", create({ ...idx, method: "fulltext" }, true), ["CREATE FULLTEXT INDEX `idx_devices_hostname` ON `devices` (`hostname`)"]],
      ["a plain createIndex takes no LOCK clause", create(idx), ["CREATE INDEX `idx_devices_hostname` ON `devices` (`hostname`)"]],
    ],
  },
  sqlite: {
    dialect: sqliteDialect,
    onlineIndexes: "none",
    cases: [
      ["the flag changes nothing: createIndex", create(idx, true), ['CREATE INDEX "idx_devices_hostname" ON "devices" ("hostname")']],
      ["the flag changes nothing: dropIndex", drop(idx, true), ['DROP INDEX "idx_devices_hostname"']],
    ],
  },
};

for (const [name, { dialect, onlineIndexes, cases: list }] of Object.entries(cases)) {
  describe(`online index SQL on ${name}`, () => {
    it(`the dialect declares online index builds as "${onlineIndexes}"`, () => {
      assert.equal(dialect.capabilities(name === "mysql" ? "10.11.6-MariaDB" : name === "postgres" ? "16.4" : "3.45.0").onlineIndexes, onlineIndexes);
    });
    for (const [label, op, want] of list) {
      it(label, async () => assert.deepEqual(await dialect.compile(op, ctx), want));
    }
  });
}
