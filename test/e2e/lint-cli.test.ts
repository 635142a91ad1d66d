/**
 * `athanor lint` from the command line, without a database: findings in TypeScript revisions and
 * SQL pairs with their file and line, an ignore comment acknowledging one, exit codes for CI
 * (0 clean, 1 findings, 2 error), the three formats, ranges, and a rule that depends on the
 * PostgreSQL server version.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { unavailable, withTestDatabase } from "../support/databases";
import { createProject, type TestProject } from "../support/project";
import { writeMigration } from "./runner-fixtures";

function writeSql(p: TestProject, name: string, text: string): void {
  const dir = join(p.dir, "migrations", "versions");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
}

const CREATE = {
  message: "create devices",
  upgrade:
    '  await op.createTable({ name: "devices", columns: [{ name: "id", type: "integer", nullable: false }, { name: "ip", type: "varchar", length: 40, nullable: true }], primaryKey: { columns: ["id"] } });\n' +
    '  await op.createIndex("idx_devices_ip", "devices", ["ip"]);',
  downgrade: '  await op.dropTable("devices");',
};

describe("athanor lint on SQLite (no server)", () => {
  it("reports findings with file and line, honours an ignore comment with a reason, and exits 1", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      writeSql(p, "001_create_sites.up.sql", "CREATE TABLE sites (id integer PRIMARY KEY, name varchar(40));\nCREATE INDEX idx_sites_name ON sites (name);\n");
      writeSql(p, "001_create_sites.down.sql", "DROP TABLE sites;\n");
      writeSql(p, "002_empty_sites.up.sql", "-- athanor-lint-ignore destructive/delete-without-where: test data only\nDELETE FROM sites;\nTRUNCATE sites;\n");
      writeMigration(p, { revision: "a1a1", down: "002_empty_sites", ...CREATE });
      writeMigration(p, {
        revision: "b2b2",
        down: "a1a1",
        message: "drop ip",
        upgrade: '  await op.renameColumn("devices", "id", "device_id");\n  // athanor-lint-ignore destructive/drop-column\n  await op.dropColumn("devices", "ip");',
        downgrade: '  await op.addColumn("devices", { name: "ip", type: "varchar", length: 40, nullable: true });\n  await op.renameColumn("devices", "device_id", "id");',
      });

      const r = await p.cli("lint", "--format", "json");
      assert.equal(r.code, 1, r.stderr);
      const doc = JSON.parse(r.stdout);
      const found = doc.findings.map((f: { rule: string; file: string; line: number; direction: string; ignoredBecause?: string }) =>
        [f.rule, f.file.replace(/^.*versions\//, ""), f.line, f.direction, f.ignoredBecause ?? null].join(" "),
      );
      assert.deepEqual(found.sort(), [
        "backward-incompatible/rename-column b2b2_drop_ip.ts 10 upgrade ",
        "backward-incompatible/rename-column b2b2_drop_ip.ts 17 downgrade ",
        "destructive/delete-without-where 002_empty_sites.up.sql 2 upgrade test data only",
        "destructive/drop-column b2b2_drop_ip.ts 12 upgrade ",
        "destructive/drop-table 001_create_sites.down.sql 1 downgrade ",
        "destructive/drop-table a1a1_create_devices.ts 15 downgrade ",
        "destructive/truncate 002_empty_sites.up.sql 3 upgrade ",
        // SQLite's DROP COLUMN rewrites the table's content.
        "locking/table-rewrite b2b2_drop_ip.ts 12 upgrade ",
      ].sort());
      const dropColumn = doc.findings.find((f: { rule: string }) => f.rule === "destructive/drop-column");
      assert.match(dropColumn.message, /gives no reason/, "an ignore comment without a reason acknowledges nothing");
      assert.equal(doc.dialect, "sqlite");
      // The index on a table created by the same migration is not a finding, nor is any index on SQLite.
      assert.ok(!found.some((f: string) => f.startsWith("locking/index")));
    });
  });

  it("exits 0 when clean (one revision, or a range), with text and github output", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      writeMigration(p, { revision: "a1a1", down: null, ...CREATE });
      writeMigration(p, { revision: "b2b2", down: "a1a1", message: "add vlan", upgrade: '  await op.addColumn("devices", { name: "vlan", type: "integer", nullable: true });', downgrade: '  await op.dropColumn("devices", "vlan");' });

      let r = await p.cli("lint", "a1a1:a1a1");
      assert.equal(r.code, 1, "the range holds a1a1, whose downgrade drops a table");
      assert.match(r.stdout, /a1a1_create_devices\.ts:\d+: destructive\/drop-table: /);

      writeMigration(p, { revision: "a1a1", down: null, ...CREATE, downgrade: '  // athanor-lint-ignore destructive/drop-table: the table is new in this revision\n  await op.dropTable("devices");' });
      r = await p.cli("lint", "a1a1");
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^No findings in 1 revision\(s\), sqlite 3\.45\.0; 1 acknowledged/m);

      r = await p.cli("lint", "--format", "github");
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^::warning file=migrations\/versions\/b2b2_add_vlan\.ts,line=\d+,title=destructive\/drop-column::/m);
    });
  });

  it("exits 2 with a clear error for an unknown revision or a migration that cannot be replayed", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      writeMigration(p, { revision: "a1a1", down: null, message: "bad", upgrade: '  await op.dropColumn("nowhere", "x");', downgrade: "" });
      let r = await p.cli("lint", "zzzz");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /athanor: error: /);
      r = await p.cli("lint");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /cannot replay the upgrade of a1a1/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    });
  });
});

describe("athanor lint on PostgreSQL", () => {
  it("ADD COLUMN with a default rewrites the table before PostgreSQL 11 only (--server-version)", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db);
      writeMigration(p, { revision: "a1a1", down: null, ...CREATE, downgrade: '  // athanor-lint-ignore destructive/drop-table: new here\n  await op.dropTable("devices");' });
      writeMigration(p, {
        revision: "b2b2",
        down: "a1a1",
        message: "add vlan",
        upgrade: '  await op.addColumn("devices", { name: "vlan", type: "integer", nullable: true, default: "1" });',
        downgrade: '  // athanor-lint-ignore destructive/drop-column: added by this revision\n  await op.dropColumn("devices", "vlan");',
      });
      // The dialect comes from the project's DataSource; nothing connects.
      let r = await p.cli("lint", "--server-version", "10.23");
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /b2b2_add_vlan\.ts:\d+: locking\/table-rewrite: .*before PostgreSQL 11/);
      r = await p.cli("lint", "--server-version", "16");
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /postgres 16/);
    });
  });
});
