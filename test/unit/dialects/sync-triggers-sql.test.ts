/**
 * The sync triggers of each dialect, statement by statement (a change of generated SQL shows in
 * review without a server; test/e2e/expand-contract.test.ts proves they keep rows in step).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getDialect } from "../../../src/dialects";
import type { DialectName } from "../../../src/dialects/dialect";
import { syncTriggerName } from "../../../src/ops/sync-trigger-name";

const h = syncTriggerName("devices", "ip", "mgmt_ip");

const WANT: Record<DialectName, { fillsNotNull: boolean; create: string[]; drop: string[] }> = {
  postgres: {
    fillsNotNull: true,
    create: [
      `CREATE FUNCTION "${h}"() RETURNS trigger LANGUAGE plpgsql AS $athanor$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW."mgmt_ip" IS NULL THEN NEW."mgmt_ip" := NEW."ip"; ELSIF NEW."ip" IS NULL THEN NEW."ip" := NEW."mgmt_ip"; END IF;
  ELSIF NEW."mgmt_ip" IS DISTINCT FROM OLD."mgmt_ip" THEN NEW."ip" := NEW."mgmt_ip";
  ELSIF NEW."ip" IS DISTINCT FROM OLD."ip" THEN NEW."mgmt_ip" := NEW."ip";
  END IF;
  RETURN NEW;
END
$athanor$`,
      `CREATE TRIGGER "${h}" BEFORE INSERT OR UPDATE ON "devices" FOR EACH ROW EXECUTE PROCEDURE "${h}"()`,
    ],
    drop: [`DROP TRIGGER IF EXISTS "${h}" ON "devices"`, `DROP FUNCTION IF EXISTS "${h}"()`],
  },
  mysql: {
    fillsNotNull: true,
    create: [
      `CREATE TRIGGER \`${h}_i\` BEFORE INSERT ON \`devices\` FOR EACH ROW SET NEW.\`mgmt_ip\` = COALESCE(NEW.\`mgmt_ip\`, NEW.\`ip\`), NEW.\`ip\` = COALESCE(NEW.\`ip\`, NEW.\`mgmt_ip\`)`,
      `CREATE TRIGGER \`${h}_u\` BEFORE UPDATE ON \`devices\` FOR EACH ROW SET NEW.\`ip\` = IF(NEW.\`mgmt_ip\` <=> OLD.\`mgmt_ip\`, NEW.\`ip\`, NEW.\`mgmt_ip\`), NEW.\`mgmt_ip\` = IF(NEW.\`mgmt_ip\` <=> OLD.\`mgmt_ip\`, NEW.\`ip\`, NEW.\`mgmt_ip\`)`,
    ],
    drop: [`DROP TRIGGER IF EXISTS \`${h}_i\``, `DROP TRIGGER IF EXISTS \`${h}_u\``],
  },
  sqlite: {
    fillsNotNull: false,
    create: [
      `CREATE TRIGGER "${h}_i" AFTER INSERT ON "devices" FOR EACH ROW WHEN NEW."ip" IS NULL OR NEW."mgmt_ip" IS NULL BEGIN UPDATE "devices" SET "mgmt_ip" = COALESCE("mgmt_ip", "ip"), "ip" = COALESCE("ip", "mgmt_ip") WHERE rowid = NEW.rowid; END`,
      `CREATE TRIGGER "${h}_b" AFTER UPDATE OF "mgmt_ip" ON "devices" FOR EACH ROW WHEN NEW."mgmt_ip" IS NOT OLD."mgmt_ip" AND NEW."ip" IS NOT NEW."mgmt_ip" BEGIN UPDATE "devices" SET "ip" = NEW."mgmt_ip" WHERE rowid = NEW.rowid; END`,
      `CREATE TRIGGER "${h}_a" AFTER UPDATE OF "ip" ON "devices" FOR EACH ROW WHEN NEW."ip" IS NOT OLD."ip" AND NEW."mgmt_ip" IS NOT NEW."ip" BEGIN UPDATE "devices" SET "mgmt_ip" = NEW."ip" WHERE rowid = NEW.rowid; END`,
    ],
    drop: [`DROP TRIGGER IF EXISTS "${h}_i"`, `DROP TRIGGER IF EXISTS "${h}_b"`, `DROP TRIGGER IF EXISTS "${h}_a"`],
  },
};

describe("sync trigger SQL", () => {
  for (const name of ["postgres", "mysql", "sqlite"] as const) {
    it(`${name}: the statements keeping devices.ip and devices.mgmt_ip in step`, () => {
      const sync = getDialect(name).syncTriggers!;
      assert.equal(sync.fillsNotNull, WANT[name].fillsNotNull);
      assert.deepEqual(sync.create("devices", "ip", "mgmt_ip"), WANT[name].create);
      assert.deepEqual(sync.drop("devices", "ip", "mgmt_ip"), WANT[name].drop);
    });
  }

  it("trigger names fit every dialect's identifier limit whatever the names' lengths, and differ per column pair", () => {
    const long = "x".repeat(60);
    assert.ok(syncTriggerName(long, long, long, "_i").length <= 63);
    assert.notEqual(syncTriggerName("t", "a", "b"), syncTriggerName("t", "b", "a"));
  });
});
