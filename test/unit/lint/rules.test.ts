/**
 * Each lint rule has a case that fires and one that does not, judged on raw SQL (the statement
 * classifier) and on recorded ops, per dialect and server version.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getDialect } from "../../../src/dialects";
import type { DialectName } from "../../../src/dialects/dialect";
import { hazards } from "../../../src/ops/hazards";
import type { Op } from "../../../src/ops/types";
import { classifySql } from "../../../src/lint/classify-sql";
import { opActions } from "../../../src/lint/op-actions";
import { checkAction, RULE_CODES } from "../../../src/lint/rules";
import { fkDevicesSite, int, varchar } from "../fixtures";

const VERSIONS: Record<DialectName, string> = { postgres: "16", mysql: "8.0.36", sqlite: "3.45.0" };

function env(dialect: DialectName, serverVersion = VERSIONS[dialect]) {
  return { dialect, serverVersion, capabilities: getDialect(dialect).capabilities(serverVersion) };
}

/** The rules raw SQL sets off. */
function sqlRules(sql: string, dialect: DialectName = "postgres", serverVersion = VERSIONS[dialect], newTables: ReadonlySet<string> = new Set()): string[] {
  const e = env(dialect, serverVersion);
  return classifySql(sql, dialect, serverVersion).flatMap((a) => checkAction(a, e, newTables).map((h) => h.rule));
}

/** The rules a recorded op sets off. */
function opRules(op: Op, dialect: DialectName = "postgres", serverVersion = VERSIONS[dialect]): string[] {
  const d = getDialect(dialect);
  const found = hazards(op, { dialect: d, serverVersion, newTables: new Set() });
  return opActions(op, found, dialect, serverVersion).flatMap((a) => checkAction(a, env(dialect, serverVersion), new Set()).map((h) => h.rule));
}

interface Case {
  readonly rule: string;
  readonly fires: readonly (() => string[])[];
  readonly quiet: readonly (() => string[])[];
}

const index = { name: "idx_ip", columns: ["ip"], unique: false };

const CASES: readonly Case[] = [
  { rule: "destructive/drop-table", fires: [() => sqlRules("DROP TABLE devices"), () => opRules({ kind: "dropTable", table: { name: "d", columns: [], indexes: [], uniques: [], foreignKeys: [] } })], quiet: [() => sqlRules("DROP TABLE tmp", "postgres", "16", new Set(["tmp"]))] },
  { rule: "destructive/drop-column", fires: [() => sqlRules(`ALTER TABLE "devices" DROP COLUMN "ip"`), () => opRules({ kind: "dropColumn", table: "devices", column: int("x") })], quiet: [() => sqlRules("ALTER TABLE devices DROP CONSTRAINT fk_x")] },
  { rule: "destructive/narrow-column", fires: [() => opRules({ kind: "alterColumn", table: "devices", from: varchar("ip", 40), to: varchar("ip", 20) })], quiet: [() => opRules({ kind: "alterColumn", table: "devices", from: varchar("ip", 20), to: varchar("ip", 40) })] },
  { rule: "destructive/truncate", fires: [() => sqlRules("TRUNCATE TABLE audit_log")], quiet: [() => sqlRules("SELECT 1")] },
  { rule: "destructive/delete-without-where", fires: [() => sqlRules("DELETE FROM devices")], quiet: [() => sqlRules("DELETE FROM devices WHERE id = 1")] },
  { rule: "destructive/update-without-where", fires: [() => sqlRules("UPDATE devices SET ip = 'WHERE'")], quiet: [() => sqlRules("UPDATE devices SET ip = NULL WHERE ip = ''")] },
  { rule: "data-dependent/set-not-null", fires: [() => sqlRules("ALTER TABLE devices ALTER COLUMN ip SET NOT NULL"), () => opRules({ kind: "alterColumn", table: "devices", from: varchar("ip", 40, { nullable: true }), to: varchar("ip", 40) })], quiet: [() => sqlRules("ALTER TABLE devices ALTER COLUMN ip DROP NOT NULL")] },
  { rule: "data-dependent/add-required-column", fires: [() => sqlRules("ALTER TABLE devices ADD COLUMN rank integer NOT NULL"), () => opRules({ kind: "addColumn", table: "devices", column: int("rank") })], quiet: [() => sqlRules("ALTER TABLE devices ADD COLUMN rank integer NOT NULL DEFAULT 0")] },
  { rule: "data-dependent/add-unique", fires: [() => sqlRules("ALTER TABLE devices ADD CONSTRAINT uq_ip UNIQUE (ip)"), () => sqlRules("CREATE UNIQUE INDEX CONCURRENTLY uq ON devices (ip)")], quiet: [() => sqlRules("CREATE INDEX CONCURRENTLY i ON devices (ip)")] },
  { rule: "locking/index-not-concurrent", fires: [() => sqlRules("CREATE INDEX idx_ip ON devices (ip)"), () => opRules({ kind: "createIndex", table: "devices", index }), () => sqlRules("CREATE INDEX i ON devices (ip)", "mysql"), () => sqlRules("ALTER TABLE devices ADD INDEX i (ip)", "mysql")], quiet: [() => sqlRules("CREATE INDEX CONCURRENTLY idx_ip ON devices (ip)"), () => opRules({ kind: "createIndex", table: "devices", index, concurrently: true }), () => sqlRules("CREATE INDEX i ON devices (ip) ALGORITHM=INPLACE LOCK=NONE", "mysql"), () => sqlRules("CREATE INDEX i ON devices (ip)", "sqlite"), () => sqlRules("ALTER TABLE devices ADD INDEX i (ip), ALGORITHM=INPLACE, LOCK=NONE", "mysql")] },
  { rule: "locking/drop-index-not-concurrent", fires: [() => sqlRules("DROP INDEX idx_ip")], quiet: [() => sqlRules("DROP INDEX CONCURRENTLY idx_ip"), () => opRules({ kind: "dropIndex", table: "devices", index }, "mysql")] },
  { rule: "locking/add-foreign-key-validates", fires: [() => sqlRules("ALTER TABLE devices ADD CONSTRAINT fk_site FOREIGN KEY (site_id) REFERENCES sites (id)"), () => opRules({ kind: "addForeignKey", table: "devices", foreignKey: fkDevicesSite })], quiet: [() => sqlRules("ALTER TABLE devices ADD CONSTRAINT fk_site FOREIGN KEY (site_id) REFERENCES sites (id) NOT VALID"), () => opRules({ kind: "addForeignKey", table: "devices", foreignKey: fkDevicesSite }, "sqlite"), () => opRules({ kind: "addForeignKey", table: "devices", foreignKey: fkDevicesSite, validate: "separately" })] },
  { rule: "locking/add-check-validates", fires: [() => sqlRules("ALTER TABLE devices ADD CONSTRAINT c CHECK (id > 0)")], quiet: [() => sqlRules("ALTER TABLE devices ADD CONSTRAINT c CHECK (id > 0) NOT VALID"), () => sqlRules("ALTER TABLE devices ADD CONSTRAINT c CHECK (id > 0)", "mysql")] },
  { rule: "locking/table-rewrite", fires: [() => sqlRules("ALTER TABLE devices ALTER COLUMN n TYPE bigint"), () => sqlRules("ALTER TABLE devices ADD COLUMN vlan integer DEFAULT 1", "postgres", "10"), () => opRules({ kind: "alterColumn", table: "devices", from: int("n"), to: int("n", { type: "bigint" }) })], quiet: [() => sqlRules("ALTER TABLE devices ADD COLUMN vlan integer DEFAULT 1", "postgres", "11"), () => opRules({ kind: "alterColumn", table: "devices", from: varchar("ip", 20), to: varchar("ip", 40) })] },
  { rule: "locking/lock-table", fires: [() => sqlRules("LOCK TABLE devices IN ACCESS EXCLUSIVE MODE")], quiet: [() => sqlRules("SELECT * FROM devices FOR UPDATE")] },
  { rule: "backward-incompatible/rename-table", fires: [() => sqlRules("ALTER TABLE devices RENAME TO hosts"), () => sqlRules("RENAME TABLE devices TO hosts", "mysql"), () => opRules({ kind: "renameTable", from: "devices", to: "hosts" })], quiet: [() => sqlRules("ALTER TABLE devices RENAME CONSTRAINT a TO b")] },
  { rule: "backward-incompatible/rename-column", fires: [() => sqlRules("ALTER TABLE devices RENAME COLUMN ip TO address"), () => opRules({ kind: "renameColumn", table: "devices", from: "ip", to: "address" })], quiet: [() => sqlRules("ALTER TABLE devices RENAME TO hosts")] },
];

describe("lint rules", () => {
  it("every rule code has a case (and every case names a known rule)", () => {
    assert.deepEqual(CASES.map((c) => c.rule).sort(), [...RULE_CODES].sort());
  });

  for (const c of CASES) {
    it(`${c.rule} fires, and stays quiet where it should`, () => {
      c.fires.forEach((f, i) => assert.ok(f().includes(c.rule), `firing case ${i + 1}: got ${JSON.stringify(f())}`));
      c.quiet.forEach((f, i) => assert.ok(!f().includes(c.rule), `quiet case ${i + 1}: got ${JSON.stringify(f())}`));
    });
  }

  it("an action on a table the same migration created finds nothing", () => {
    assert.deepEqual(sqlRules("CREATE INDEX i ON fresh (x)", "postgres", "16", new Set(["fresh"])), []);
    assert.deepEqual(sqlRules("ALTER TABLE fresh DROP COLUMN x", "postgres", "16", new Set(["fresh"])), []);
  });

  it("the classifier reads quoted and schema-qualified names, and ignores keywords in comments and strings", () => {
    assert.deepEqual(classifySql(`ALTER TABLE public."Devices" DROP COLUMN "IP"`, "postgres", "16"), [{ kind: "drop-column", table: "Devices", column: "IP" }]);
    assert.deepEqual(classifySql("-- DROP TABLE x\nSELECT 'DROP TABLE y'", "postgres", "16"), []);
    assert.deepEqual(classifySql("ALTER TABLE `t` ADD COLUMN `a` int NULL, DROP COLUMN `b`, ALGORITHM=INPLACE, LOCK=NONE", "mysql", "8.0.36"), [{ kind: "drop-column", table: "t", column: "b" }]);
  });
});
