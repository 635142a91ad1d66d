/**
 * Numbered SQL pairs (`001_x.up.sql` / `001_x.down.sql`) beside TypeScript revisions: a team
 * adopts athanor on top of its SQL history, continues it in TypeScript, and upgrades and
 * downgrades through both kinds on every dialect.
 */
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject, type CliResult, type TestProject } from "../support/project";

async function ok(p: TestProject, ...args: string[]): Promise<CliResult> {
  const r = await p.cli(...args);
  assert.equal(r.code, 0, `athanor ${args.join(" ")} failed:\n${r.stderr}`);
  return r;
}

const versions = (p: TestProject) => join(p.dir, "migrations", "versions");
function writeVersions(p: TestProject, files: Record<string, string>): void {
  mkdirSync(versions(p), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(versions(p), name), text);
}

const currentOf = async (p: TestProject) => JSON.parse((await ok(p, "current", "--json")).stdout).current as string[];

/** Column names of each managed table. */
async function shape(url: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of (await introspectUrl(url)).tables) out[t.name] = t.columns.map((c) => c.name);
  return out;
}

const SQL_HISTORY = {
  "001_create_devices.up.sql":
    "-- the devices table, as the team wrote it before athanor\n" +
    "CREATE TABLE devices (id integer PRIMARY KEY, hostname varchar(255) NOT NULL);\n" +
    "INSERT INTO devices (id, hostname) VALUES (1, 'router;\n1');\nINSERT INTO devices (id, hostname) VALUES (2, 'switch'); -- a second row\n",
  "001_create_devices.down.sql": "DROP TABLE devices;\n",
  "002_add_vlan.up.sql": "ALTER TABLE devices ADD COLUMN vlan integer;\n",
  "002_add_vlan.down.sql": "ALTER TABLE devices DROP COLUMN vlan;\n",
  // No .down.sql: this one cannot be reverted until someone writes it.
  "003_add_sites.up.sql": "CREATE TABLE sites (id integer PRIMARY KEY);\n",
};

for (const dialect of DIALECTS) {
  describe(`SQL pair migrations on ${dialect}`, () => {
    it("SQL pairs and a TypeScript revision continuing them upgrade and downgrade in order", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db);
        writeVersions(p, SQL_HISTORY);
        // A new TypeScript revision continues after the last SQL pair.
        await ok(p, "revision", "-m", "add site name", "--rev-id", "ee0004");
        const tsFile = p.migrationFiles().find((f) => f.includes("ee0004_"))!;
        assert.match(p.read(tsFile), /export const downRevision = "003_add_sites";/);
        writeFileSync(
          tsFile,
          p
            .read(tsFile)
            .replace("// write op.* calls here", 'await op.addColumn("sites", { name: "name", type: "varchar", length: 100, nullable: true });')
            .replace("// write the op.* calls that undo upgrade() here", 'await op.dropColumn("sites", "name");'),
        );
        const history = JSON.parse((await ok(p, "history", "--json")).stdout).revisions as { revision: string; message: string; file: string }[];
        assert.deepEqual(
          history.map((r) => [r.revision, r.message]),
          [
            ["ee0004", "add site name"],
            ["003_add_sites", "add sites"],
            ["002_add_vlan", "add vlan"],
            ["001_create_devices", "create devices"],
          ],
        );
        assert.equal(history[1].file, join("migrations", "versions", "003_add_sites.up.sql"));

        await ok(p, "upgrade", "+2");
        assert.deepEqual(await currentOf(p), ["002_add_vlan"]);
        await ok(p, "upgrade", "head");
        assert.deepEqual(await currentOf(p), ["ee0004"]);
        assert.deepEqual(await shape(db.url), { devices: ["id", "hostname", "vlan"], sites: ["id", "name"] });
        const rows = await queryUrl<{ id: number; hostname: string }>(db.url, "SELECT id, hostname FROM devices ORDER BY id");
        assert.deepEqual(
          rows.map((r) => [Number(r.id), r.hostname]),
          [
            [1, "router;\n1"],
            [2, "switch"],
          ],
          "a ; at a line end inside a string does not end the statement",
        );

        // 003 has no .down.sql: the downgrade reverts the TypeScript revision, then stops there with a clear error.
        const r = await p.cli("downgrade", "001_create_devices");
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /003_add_sites\.down\.sql/);
        assert.deepEqual(await currentOf(p), ["003_add_sites"]);
        assert.deepEqual(await shape(db.url), { devices: ["id", "hostname", "vlan"], sites: ["id"] });

        writeVersions(p, { "003_add_sites.down.sql": "DROP TABLE sites;\n" });
        await ok(p, "downgrade", "001_create_devices");
        assert.deepEqual(await currentOf(p), ["001_create_devices"]);
        assert.deepEqual(await shape(db.url), { devices: ["id", "hostname"] });
        await ok(p, "downgrade", "base");
        assert.deepEqual(await shape(db.url), {});
        await ok(p, "upgrade", "head");
        assert.deepEqual(await currentOf(p), ["ee0004"]);
        assert.deepEqual(await shape(db.url), { devices: ["id", "hostname", "vlan"], sites: ["id", "name"] });
      });
    });
  });
}

describe("malformed SQL pairs through the CLI", () => {
  const cases: { name: string; files: Record<string, string>; parts: string[] }[] = [
    { name: "a .down.sql without its .up.sql", files: { "001_a.up.sql": "SELECT 1;\n", "002_b.down.sql": "SELECT 1;\n" }, parts: ["002_b.down.sql", "002_b.up.sql"] },
    { name: "a gap in the numbers", files: { "001_a.up.sql": "SELECT 1;\n", "003_c.up.sql": "SELECT 1;\n" }, parts: ["001_a.up.sql", "003_c.up.sql"] },
    { name: "a duplicate number", files: { "001_a.up.sql": "SELECT 1;\n", "001_b.up.sql": "SELECT 1;\n" }, parts: ["001_a.up.sql", "001_b.up.sql"] },
    { name: "a TypeScript revision continuing a SQL pair that does not exist", files: { "001_a.up.sql": "SELECT 1;\n", "ff01_next.ts": 'export const revision = "ff01";\nexport const downRevision = "002_b";\nexport async function upgrade() {}\nexport async function downgrade() {}\n' }, parts: ["ff01_next.ts", "002_b"] },
  ];
  for (const c of cases) {
    it(`${c.name} is an exit-2 error naming the files`, async () => {
      await withTestDatabase("sqlite", async (db) => {
        const p = createProject(db);
        rmSync(versions(p), { recursive: true, force: true });
        writeVersions(p, c.files);
        const r = await p.cli("history");
        assert.equal(r.code, 2, r.stderr);
        for (const part of c.parts) assert.ok(r.stderr.includes(part), `stderr mentions ${part}:\n${r.stderr}`);
      });
    });
  }
});
