/**
 * The runtime helpers of expand/contract on the `op` object, against a recording fake database:
 * op.backfill walks the primary key in batches until no row is left (and falls back to one UPDATE
 * without a one-column key, or offline), op.backfillTodo stops the migration with what to write,
 * op.syncColumns / op.dropSyncColumns run the dialect's trigger statements.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getDialect } from "../../../src/dialects";
import { BackfillNotWrittenError, OfflineModeError, UnsupportedOperationError } from "../../../src/errors";
import { MigrationOperations } from "../../../src/ops/migration-operations";
import type { Op } from "../../../src/ops/types";
import type { Table } from "../../../src/schema/types";
import { int, table, varchar } from "../fixtures";
import { throwsWith } from "../throws-with";

const devices = table("devices", { columns: [int("id"), varchar("ip", 45), varchar("mgmt_ip", 45, { nullable: true })], primaryKey: { columns: ["id"] } });

/** An op object on a fake database whose batch queries answer `his` in turn (then no row). */
function fake(t: Table, his: readonly unknown[], options: { offline?: boolean } = {}) {
  const queries: string[] = [];
  const performed: Op[] = [];
  let next = 0;
  const op = new MigrationOperations(
    async (o) => void performed.push(o),
    async (name) => (name === t.name ? t : undefined),
    async (sql) => {
      if (options.offline) throw new OfflineModeError("offline");
      queries.push(sql);
      if (sql.startsWith("SELECT")) return [{ hi: next < his.length ? his[next++] : null }];
      return [];
    },
    getDialect("postgres"),
  );
  return { op, queries, performed };
}

describe("op.backfill", () => {
  it("updates in primary-key batches, each bounded by the last key of the batch before, until a batch is empty", async () => {
    const { op, queries, performed } = fake(devices, [1000, "2000"]);
    await op.backfill("devices", { set: { mgmt_ip: { column: "ip" } }, batchSize: 1000 });
    assert.deepEqual(queries, [
      'SELECT MAX("id") AS hi FROM (SELECT "id" FROM "devices" WHERE ("mgmt_ip" IS NULL) ORDER BY "id" LIMIT 1000) batch',
      'UPDATE "devices" SET "mgmt_ip" = "ip" WHERE ("mgmt_ip" IS NULL) AND "id" <= 1000',
      'SELECT MAX("id") AS hi FROM (SELECT "id" FROM "devices" WHERE ("mgmt_ip" IS NULL) AND "id" > 1000 ORDER BY "id" LIMIT 1000) batch',
      // A bigint key comes back as a string: it is quoted as a literal, which the database casts.
      `UPDATE "devices" SET "mgmt_ip" = "ip" WHERE ("mgmt_ip" IS NULL) AND "id" > 1000 AND "id" <= '2000'`,
      `SELECT MAX("id") AS hi FROM (SELECT "id" FROM "devices" WHERE ("mgmt_ip" IS NULL) AND "id" > '2000' ORDER BY "id" LIMIT 1000) batch`,
    ]);
    assert.deepEqual(performed, [], "a batch changes no schema: it goes through query, not as an op");
  });

  it("takes an SQL expression and the author's where clause as written", async () => {
    const { op, queries } = fake(devices, []);
    await op.backfill("devices", { set: { mgmt_ip: "'0.0.0.0'" }, where: "ip = ''", batchSize: 10 });
    assert.deepEqual(queries, [`SELECT MAX("id") AS hi FROM (SELECT "id" FROM "devices" WHERE (ip = '') ORDER BY "id" LIMIT 10) batch`]);
  });

  it("is one UPDATE on a table without a one-column primary key", async () => {
    const { op, queries, performed } = fake({ ...devices, primaryKey: undefined }, [5]);
    await op.backfill("devices", { set: { mgmt_ip: { column: "ip" } } });
    assert.deepEqual(queries, []);
    assert.deepEqual(performed, [{ kind: "execute", sql: 'UPDATE "devices" SET "mgmt_ip" = "ip" WHERE ("mgmt_ip" IS NULL)' }]);
  });

  it("is one UPDATE in offline (--sql) mode, where no batch can be counted", async () => {
    const { op, performed } = fake(devices, [], { offline: true });
    await op.backfill("devices", { set: { mgmt_ip: { column: "ip" } } });
    assert.deepEqual(performed, [{ kind: "execute", sql: 'UPDATE "devices" SET "mgmt_ip" = "ip" WHERE ("mgmt_ip" IS NULL)' }]);
  });

  it("refuses to set nothing", async () => {
    await assert.rejects(fake(devices, []).op.backfill("devices", { set: {} }), UnsupportedOperationError);
  });
});

describe("op.backfillTodo", () => {
  it("stops the migration, naming the table and column and saying what to write in its place", () => {
    throwsWith(() => fake(devices, []).op.backfillTodo("devices", "region"), BackfillNotWrittenError, ['"devices"', '"region"']);
    try {
      fake(devices, []).op.backfillTodo("devices", "region");
    } catch (e) {
      assert.match((e as BackfillNotWrittenError).hint ?? "", /replace `op\.backfillTodo\("devices", "region"\)` with that SQL expression/);
    }
  });
});

describe("op.syncColumns", () => {
  it("runs the dialect's create statements as raw SQL, and dropSyncColumns its drop statements", async () => {
    const { op, performed } = fake(devices, []);
    await op.syncColumns("devices", "ip", "mgmt_ip");
    await op.dropSyncColumns("devices", "ip", "mgmt_ip");
    const sync = getDialect("postgres").syncTriggers!;
    assert.deepEqual(
      performed.map((o) => (o.kind === "execute" ? o.sql : o.kind)),
      [...sync.create("devices", "ip", "mgmt_ip"), ...sync.drop("devices", "ip", "mgmt_ip")],
    );
  });

  it("refuses without a dialect, rather than guessing one", async () => {
    const op = new MigrationOperations(async () => {}, async () => devices, async () => []);
    await assert.rejects(op.syncColumns("devices", "ip", "mgmt_ip"), UnsupportedOperationError);
  });
});
