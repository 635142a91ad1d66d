/**
 * Bad input gets a clear message, exit code 2, and changes nothing in the database; a password
 * in a connection URL is never printed.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject } from "../support/project";

const DEVICE = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("devices")
export class Device {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ length: 100 })
  hostname!: string;
}
`;

const tableNames = async (url: string) => (await introspectUrl(url, [])).tables.map((t) => t.name);

describe("bad input", () => {
  for (const [dialect, url] of [
    ["postgres", "postgres://athanor:s3cr3t-pw@127.0.0.1:1/nowhere"],
    ["mysql", "mysql://athanor:s3cr3t-pw@127.0.0.1:1/nowhere"],
  ] as const) {
    it(`an unreachable ${dialect} server is a clear error that never prints the password`, async () => {
      await withTestDatabase("sqlite", async (db) => {
        const p = createProject(db, { "device.ts": DEVICE });
        for (const args of [["upgrade", "head", "--url", url], ["current", "--url", url]]) {
          const r = await p.cli(...args);
          assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
          assert.match(r.stderr, /cannot connect/i);
          assert.doesNotMatch(r.stdout + r.stderr, /s3cr3t-pw/);
        }
      });
    });
  }

  it("a missing config says how to make one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-empty-"));
    try {
      const { execFile } = await import("node:child_process");
      const run = (args: string[]) =>
        new Promise<{ code: number; stderr: string }>((done) =>
          execFile(process.execPath, [join(__dirname, "..", "..", "..", "bin", "athanor.js"), ...args], { cwd: dir }, (e, _o, stderr) =>
            done({ code: e ? Number(e.code) : 0, stderr }),
          ),
        );
      let r = await run(["check"]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no athanor\.config\.ts .* and no --data-source/);
      assert.match(r.stderr, /athanor init/);
      r = await run(["upgrade", "-c", "missing.config.ts"]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /config file not found: missing\.config\.ts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an entity that fails to load is reported and nothing is written to the database", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "device.ts": DEVICE, "broken.ts": `export const x: number = ;\n` });
      const r = await p.cli("revision", "--autogenerate", "-m", "x");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /could not load .*data-source\.ts/);
      assert.match(r.stderr, /broken\.ts/);
      assert.deepEqual(p.migrationFiles(), []);
      assert.deepEqual(await tableNames(db.url), []);
    });
  });

  it("an entity TypeORM rejects is reported with TypeORM's reason", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, {
        "bad.ts": `import { Column, Entity } from "typeorm";\n@Entity("bad")\nexport class Bad {\n  @Column() name!: string;\n}\n`,
      });
      const r = await p.cli("check");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /TypeORM rejected the entities: .*primary/i);
    });
  });

  it("an unknown revision changes nothing", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "device.ts": DEVICE });
      assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices")).code, 0);
      let r = await p.cli("upgrade", "deadbeef");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no revision "deadbeef"/);
      assert.match(r.stderr, /athanor history/);
      assert.deepEqual(await tableNames(db.url), []);
      r = await p.cli("downgrade", "-1");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /only 0 are applied/);
    });
  });

  it("a malformed migration file is named, and nothing runs", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "device.ts": DEVICE });
      assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices")).code, 0);
      writeFileSync(join(p.dir, "migrations", "versions", "zz_bad.ts"), `export const revision = 42;\nexport async function upgrade() {}\n`);
      const r = await p.cli("upgrade", "head");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /migration migrations\/versions\/zz_bad\.ts has no string `revision` export/);
      assert.deepEqual(await tableNames(db.url), []);
    });
  });

  it("autogenerate refuses when the database is behind the head revision", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "device.ts": DEVICE });
      assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices")).code, 0);
      const r = await p.cli("revision", "--autogenerate", "-m", "again");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /database is at base .* head is \w+/);
      assert.match(r.stderr, /athanor upgrade head/);
      assert.equal(p.migrationFiles().length, 1);
    });
  });

  it("check on a database behind head exits 1 (a mismatch, not an error) and lists the revisions not applied", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "device.ts": DEVICE });
      assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices", "--rev-id", "r1")).code, 0);
      assert.equal((await p.cli("upgrade", "head")).code, 0);
      assert.equal((await p.cli("revision", "-m", "second", "--rev-id", "r2")).code, 0);
      assert.equal((await p.cli("revision", "-m", "third", "--rev-id", "r3")).code, 0);
      let r = await p.cli("check");
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout, "The database is behind: 2 revision(s) not applied; run `athanor upgrade heads`:\n  r2\n  r3\n");
      r = await p.cli("check", "--json");
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).pendingRevisions, ["r2", "r3"]);
      assert.equal(JSON.parse(r.stdout).upToDate, false);
      // A database at a revision no file defines is not "behind": that stays an error.
      await queryUrl(db.url, "UPDATE athanor_version SET version_num = 'gone'");
      r = await p.cli("check");
      assert.equal(r.code, 2, r.stdout);
    });
  });

  it("a failing migration on PostgreSQL leaves nothing of itself and the version unchanged", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, { "device.ts": DEVICE });
      assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices")).code, 0);
      writeFileSync(
        join(p.dir, "migrations", "versions", "zz_fails.ts"),
        `export const revision = "ffff00000001";\nexport const downRevision = ${JSON.stringify(p.read(p.migrationFiles()[0]).match(/revision = "(\w+)"/)![1])};\n` +
          `export async function upgrade({ op }: any) {\n  await op.addColumn("devices", { name: "extra", type: "integer", nullable: true });\n  await op.execute("SELECT * FROM no_such_table");\n}\nexport async function downgrade() {}\n`,
      );
      const r = await p.cli("upgrade", "head");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /upgrade of ffff00000001 .* failed: .*no_such_table/);
      assert.match(r.stderr, /rolled back/);
      const devices = (await introspectUrl(db.url)).tables.find((t) => t.name === "devices")!;
      assert.deepEqual(devices.columns.map((c) => c.name), ["id", "hostname"]);
      const versions = await queryUrl<{ version_num: string }>(db.url, "SELECT version_num FROM athanor_version");
      assert.equal(versions.length, 1);
      assert.notEqual(versions[0].version_num, "ffff00000001");
    });
  });
});
