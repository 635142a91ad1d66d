/**
 * PostgreSQL's online forms, exactly: each op with its flags → the statements and the transaction
 * boundary each needs (the runner commits there; `--sql` scripts write COMMIT;/BEGIN;). A lost
 * NOT VALID, a VALIDATE inside the ADD's transaction or a CONCURRENTLY inside a transaction is the
 * outage these forms exist to prevent, and none of it shows in the migration's TypeScript.
 * The live run is in test/e2e/postgres-online-patterns.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CompileContext, CompiledStatement } from "../../../src/dialects/dialect";
import { postgresDialect } from "../../../src/dialects/postgres";
import { replacementIndexName, notNullCheckName } from "../../../src/dialects/postgres/online";
import type { Op } from "../../../src/ops/types";
import { offlineScript } from "../../../src/runner/offline-script";
import type { MigrationScript } from "../../../src/runner/load-migrations";
import type { Column, Index, Table } from "../../../src/schema/types";

const vlan: Column = { name: "vlan", type: "integer", nullable: true };
const devices: Table = {
  name: "devices",
  columns: [{ name: "id", type: "integer", nullable: false }, { name: "hostname", type: "varchar", length: 100, nullable: false }, vlan],
  primaryKey: { columns: ["id"] },
  indexes: [],
  uniques: [],
  foreignKeys: [],
};
const ctx: CompileContext = { currentTable: async (name) => (name === "devices" ? devices : undefined) };
const idx: Index = { name: "idx_devices_hostname", columns: ["hostname"], unique: false };
const fk = { name: "fk_devices_site", columns: ["vlan"], referencedTable: "sites", referencedColumns: ["id"], onDelete: "CASCADE", onUpdate: "NO ACTION" } as const;

const IN = (sql: string): CompiledStatement => ({ sql });
const OUT = (sql: string): CompiledStatement => ({ sql, boundary: "outside-transaction" });
const AFTER_COMMIT = (sql: string): CompiledStatement => ({ sql, boundary: "commit-before" });

const cases: [string, Op, CompiledStatement[]][] = [
  ["an online index build runs outside the transaction", { kind: "createIndex", table: "devices", index: idx, concurrently: true }, [OUT('CREATE INDEX CONCURRENTLY "idx_devices_hostname" ON "devices" ("hostname")')]],
  ["an online index drop runs outside the transaction", { kind: "dropIndex", table: "devices", index: idx, concurrently: true }, [OUT('DROP INDEX CONCURRENTLY "idx_devices_hostname"')]],
  ["a plain index build stays in the transaction", { kind: "createIndex", table: "devices", index: idx }, [IN('CREATE INDEX "idx_devices_hostname" ON "devices" ("hostname")')]],
  [
    "an online replacement builds under a temporary name, drops the old, renames the new",
    { kind: "createIndex", table: "devices", index: { ...idx, columns: ["hostname", "vlan"] }, replaces: idx, concurrently: true },
    [
      OUT('CREATE INDEX CONCURRENTLY "idx_devices_hostname_athanor_new" ON "devices" ("hostname", "vlan")'),
      OUT('DROP INDEX CONCURRENTLY "idx_devices_hostname"'),
      IN('ALTER INDEX "idx_devices_hostname_athanor_new" RENAME TO "idx_devices_hostname"'),
    ],
  ],
  [
    "a plain replacement drops then builds in the transaction",
    { kind: "createIndex", table: "devices", index: { ...idx, unique: true }, replaces: idx },
    [IN('DROP INDEX "idx_devices_hostname"'), IN('CREATE UNIQUE INDEX "idx_devices_hostname" ON "devices" ("hostname")')],
  ],
  [
    "a foreign key validated separately is added NOT VALID, then validated after a commit",
    { kind: "addForeignKey", table: "devices", foreignKey: fk, validate: "separately" },
    [
      IN('ALTER TABLE "devices" ADD CONSTRAINT "fk_devices_site" FOREIGN KEY ("vlan") REFERENCES "sites" ("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID'),
      AFTER_COMMIT('ALTER TABLE "devices" VALIDATE CONSTRAINT "fk_devices_site"'),
    ],
  ],
  [
    "a plain foreign key is one statement",
    { kind: "addForeignKey", table: "devices", foreignKey: fk },
    [IN('ALTER TABLE "devices" ADD CONSTRAINT "fk_devices_site" FOREIGN KEY ("vlan") REFERENCES "sites" ("id") ON DELETE CASCADE ON UPDATE NO ACTION')],
  ],
  [
    "a check validated separately is added NOT VALID, then validated after a commit",
    { kind: "addCheck", table: "devices", check: { name: "chk_vlan", expression: "vlan > 0" }, validate: "separately" },
    [IN('ALTER TABLE "devices" ADD CONSTRAINT "chk_vlan" CHECK (vlan > 0) NOT VALID'), AFTER_COMMIT('ALTER TABLE "devices" VALIDATE CONSTRAINT "chk_vlan"')],
  ],
  [
    "dropping a constraint is the same whatever its re-add does",
    { kind: "dropCheck", table: "devices", check: { name: "chk_vlan", expression: "vlan > 0" }, validate: "separately" },
    [IN('ALTER TABLE "devices" DROP CONSTRAINT "chk_vlan"')],
  ],
  [
    "an online SET NOT NULL goes through a check validated after a commit",
    { kind: "alterColumn", table: "devices", from: vlan, to: { ...vlan, nullable: false }, online: true },
    [
      IN('ALTER TABLE "devices" DROP CONSTRAINT IF EXISTS "athanor_nn_vlan"'),
      IN('ALTER TABLE "devices" ADD CONSTRAINT "athanor_nn_vlan" CHECK ("vlan" IS NOT NULL) NOT VALID'),
      AFTER_COMMIT('ALTER TABLE "devices" VALIDATE CONSTRAINT "athanor_nn_vlan"'),
      IN('ALTER TABLE "devices" ALTER COLUMN "vlan" SET NOT NULL'),
      IN('ALTER TABLE "devices" DROP CONSTRAINT "athanor_nn_vlan"'),
    ],
  ],
  [
    "an online NOT NULL with a new default sets the default first",
    { kind: "alterColumn", table: "devices", from: vlan, to: { ...vlan, nullable: false, default: "1" }, online: true },
    [
      IN(`ALTER TABLE "devices" ALTER COLUMN "vlan" SET DEFAULT '1'`),
      IN('ALTER TABLE "devices" DROP CONSTRAINT IF EXISTS "athanor_nn_vlan"'),
      IN('ALTER TABLE "devices" ADD CONSTRAINT "athanor_nn_vlan" CHECK ("vlan" IS NOT NULL) NOT VALID'),
      AFTER_COMMIT('ALTER TABLE "devices" VALIDATE CONSTRAINT "athanor_nn_vlan"'),
      IN('ALTER TABLE "devices" ALTER COLUMN "vlan" SET NOT NULL'),
      IN('ALTER TABLE "devices" DROP CONSTRAINT "athanor_nn_vlan"'),
    ],
  ],
  [
    "online DROP NOT NULL is the plain statement (it is instant)",
    { kind: "alterColumn", table: "devices", from: { ...vlan, nullable: false }, to: vlan, online: true },
    [IN('ALTER TABLE "devices" ALTER COLUMN "vlan" DROP NOT NULL')],
  ],
];

describe("PostgreSQL online statements", () => {
  for (const [label, op, want] of cases) {
    it(label, async () => {
      assert.deepEqual(await postgresDialect.compileStatements!(op, ctx), want);
      assert.deepEqual(await postgresDialect.compile(op, ctx), want.map((s) => s.sql), "compile gives the same statements");
    });
  }

  it("an INVALID index of that name, left by a failed concurrent build, is dropped before the build (asked of the live catalog)", async () => {
    const asked: unknown[] = [];
    const catalog = {
      query: async <T>(sql: string, params?: readonly unknown[]) => {
        asked.push(params?.[0]);
        assert.match(sql, /NOT ix\.indisvalid/);
        return [{ "?column?": 1 }] as T[];
      },
    };
    const op: Op = { kind: "createIndex", table: "devices", index: idx, concurrently: true };
    assert.deepEqual(await postgresDialect.compileStatements!(op, { ...ctx, catalog }), [
      OUT('DROP INDEX CONCURRENTLY IF EXISTS "idx_devices_hostname"'),
      OUT('CREATE INDEX CONCURRENTLY "idx_devices_hostname" ON "devices" ("hostname")'),
    ]);
    const replacement: Op = { ...op, replaces: { ...idx, columns: ["vlan"] } };
    assert.equal((await postgresDialect.compileStatements!(replacement, { ...ctx, catalog }))[0].sql, 'DROP INDEX CONCURRENTLY IF EXISTS "idx_devices_hostname_athanor_new"');
    assert.deepEqual(asked, ["idx_devices_hostname", "idx_devices_hostname_athanor_new"]);
  });

  it("no cleanup when the catalog knows no invalid index of that name", async () => {
    const catalog = { query: async <T>() => [] as T[] };
    const op: Op = { kind: "createIndex", table: "devices", index: idx, concurrently: true };
    assert.deepEqual(await postgresDialect.compileStatements!(op, { ...ctx, catalog }), [OUT('CREATE INDEX CONCURRENTLY "idx_devices_hostname" ON "devices" ("hostname")')]);
  });

  it("derived names stay within PostgreSQL's 63 bytes, cutting the base and keeping the suffix", () => {
    const long = "i".repeat(63);
    assert.equal(replacementIndexName(long), `${"i".repeat(51)}_athanor_new`);
    // Two-byte characters: 11 + 2 × 26 = 63; never half a character.
    assert.equal(notNullCheckName("é".repeat(40)), `athanor_nn_${"é".repeat(26)}`);
  });

  it("declares online constraints", () => {
    assert.equal(postgresDialect.capabilities("16.4").onlineConstraints, true);
  });
});

describe("offline --sql scripts on PostgreSQL", () => {
  it("write COMMIT;/BEGIN; at the commit points the online statements ask for", async () => {
    const script: MigrationScript = {
      revision: "r1",
      downRevisions: [],
      file: "r1.ts",
      checksum: "x",
      transactional: true,
      upgrade: async ({ op }) => {
        await op.addColumn("devices", { name: "note", type: "text", nullable: true });
        await op.createIndex("idx_devices_hostname", "devices", ["hostname"], { concurrently: true });
        await op.addCheck("chk_vlan", "devices", "vlan > 0", { validate: "separately" });
        await op.alterColumn("devices", "vlan", { to: { type: "integer", nullable: false }, online: true });
      },
      downgrade: async () => undefined,
    };
    const sql = await offlineScript([{ script, direction: "upgrade", headsBefore: [], headsAfter: ["r1"] }], {
      dialect: postgresDialect,
      serverVersion: "16",
      transaction: "each",
      schema: { tables: [devices] },
      header: [],
    });
    const body = sql
      .split("\n")
      .filter((l) => l && !l.startsWith("--") && !l.startsWith("CREATE TABLE IF NOT EXISTS"));
    assert.deepEqual(body, [
      "BEGIN;",
      'ALTER TABLE "devices" ADD COLUMN "note" text;',
      "COMMIT;",
      'CREATE INDEX CONCURRENTLY "idx_devices_hostname" ON "devices" ("hostname");',
      "BEGIN;",
      'ALTER TABLE "devices" ADD CONSTRAINT "chk_vlan" CHECK (vlan > 0) NOT VALID;',
      "COMMIT;",
      "BEGIN;",
      'ALTER TABLE "devices" VALIDATE CONSTRAINT "chk_vlan";',
      'ALTER TABLE "devices" DROP CONSTRAINT IF EXISTS "athanor_nn_vlan";',
      'ALTER TABLE "devices" ADD CONSTRAINT "athanor_nn_vlan" CHECK ("vlan" IS NOT NULL) NOT VALID;',
      "COMMIT;",
      "BEGIN;",
      'ALTER TABLE "devices" VALIDATE CONSTRAINT "athanor_nn_vlan";',
      'ALTER TABLE "devices" ALTER COLUMN "vlan" SET NOT NULL;',
      'ALTER TABLE "devices" DROP CONSTRAINT "athanor_nn_vlan";',
      `INSERT INTO "athanor_version" (version_num) VALUES ('r1');`,
      "COMMIT;",
    ]);
  });
});
