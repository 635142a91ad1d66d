/**
 * What offline replay must get right beyond the fixture projects (offline-check.test.ts): it
 * needs no server at all; it replays SQL pairs and raw `op.execute` SQL; what the embedded engine
 * cannot run is an error naming the migration and the statement; MySQL/MariaDB, which has no
 * embedded engine, is told to use --scratch-url, and a scratch database is created and dropped;
 * the cached replay is discarded when a migration file changes.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SERVER_URLS, unavailable, withTestDatabase, type TestDialect } from "../support/databases";
import { queryUrl } from "../support/introspect";
import { createProject, fixtureEntities, type TestProject } from "../support/project";

const DEVICES = fixtureEntities("devices/src/entities");

function versions(p: TestProject, file: string, source: string): void {
  writeFileSync(join(p.dir, "migrations", "versions", file), source);
}

/** A hand-written revision on top of `parent`. */
function handWritten(revision: string, parent: string, upgrade: string, downgrade: string): string {
  return `import type { MigrationContext } from "athanor";
export const revision = "${revision}";
export const downRevision = "${parent}";
export async function upgrade({ op }: MigrationContext): Promise<void> {
  ${upgrade}
}
export async function downgrade({ op }: MigrationContext): Promise<void> {
  ${downgrade}
}
`;
}

/** The scratch database a run names on stderr ("scratch database athanor_scratch_… on …"). */
function scratchName(stderr: string): string {
  const name = /scratch database (athanor_scratch_[0-9a-f]+)/.exec(stderr)?.[1];
  assert.ok(name, `no scratch database named in:\n${stderr}`);
  return name;
}

for (const dialect of ["sqlite", "postgres"] as const satisfies readonly TestDialect[]) {
  describe(`offline replay on ${dialect}`, () => {
    it("needs no server: offline check answers with the project's database unreachable", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, DEVICES);
        let r = await p.cli("revision", "--autogenerate", "-m", "initial");
        assert.equal(r.code, 0, r.stderr);
        const nowhere = dialect === "sqlite" ? `sqlite:${join(p.dir, "no-such-dir", "x.db")}` : "postgres://nobody@127.0.0.1:1/nowhere";
        // Online, the unreachable database is an error (2)...
        r = await p.cli("check", "--url", nowhere);
        assert.equal(r.code, 2, r.stdout + r.stderr);
        // ...offline, the initial revision is replayed and nothing remains to do.
        r = await p.cli("check", "--url", nowhere, "--offline");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /No changes/);
        // The config's default, which --no-offline overrides; a malformed value stops everything.
        const config = (extra: string) => writeFileSync(join(p.dir, "athanor.config.ts"), `export default { dataSource: "./src/data-source.ts", migrations: "./migrations", ${extra} };\n`);
        config("offline: true");
        r = await p.cli("check", "--url", nowhere);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        r = await p.cli("check", "--url", nowhere, "--no-offline");
        assert.equal(r.code, 2, r.stdout + r.stderr);
        config('offline: "yes"');
        r = await p.cli("check", "--url", nowhere);
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /offline in .*athanor\.config\.ts must be true or false/);
      });
    });

    it("replays SQL pairs and op.execute SQL, and gives the result check gives online", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, DEVICES);
        let r = await p.cli("revision", "-m", "scaffold");
        assert.equal(r.code, 0, r.stderr);
        for (const f of p.migrationFiles()) (await import("node:fs")).rmSync(f);
        versions(p, "001_legacy_notes.up.sql", "CREATE TABLE legacy_notes (id integer PRIMARY KEY, body varchar(200));\n");
        versions(p, "001_legacy_notes.down.sql", "DROP TABLE legacy_notes;\n");
        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        // Kept out of this revision's diff, so that both checks below propose dropping it.
        r = await p.cli("revision", "--autogenerate", "-m", "devices", "--rev-id", "c00000000001", "--exclude-table", "legacy_notes");
        assert.equal(r.code, 0, r.stderr);
        assert.match(p.read(p.migrationFiles().find((f) => f.includes("c00000000001"))!), /downRevision = "001_legacy_notes"/);
        versions(
          p,
          "c00000000002_index.ts",
          handWritten("c00000000002", "c00000000001", `await op.execute("CREATE INDEX idx_legacy_body ON legacy_notes (body)");`, `await op.execute("DROP INDEX idx_legacy_body");`),
        );
        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        // --json: a dropTable op carries the whole table, so the index made by raw SQL shows.
        const online = await p.cli("check", "--json");
        const offline = await p.cli("check", "--json", "--offline");
        // legacy_notes is no entity's: both propose dropping it, with its index, the same way.
        assert.equal(online.code, 1, online.stdout + online.stderr);
        assert.match(online.stdout, /idx_legacy_body/);
        assert.equal(offline.code, 1, offline.stderr);
        assert.equal(offline.stdout, online.stdout);
        assert.match(offline.stderr, /replayed 3 migration\(s\)/);
      });
    });

    it("replays again when a migration file changes, and reads the cache when none did", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        // Images are kept only after slow replays; this history is small, so keep them always.
        process.env.ATHANOR_REPLAY_IMAGE_MS = "0";
        const p = createProject(db, DEVICES);
        let r = await p.cli("revision", "--autogenerate", "-m", "initial");
        assert.equal(r.code, 0, r.stderr);
        r = await p.cli("check", "--offline");
        assert.equal(r.code, 0, r.stderr);
        r = await p.cli("check", "--offline");
        assert.match(r.stderr, /\(cached\)/);
        const [file] = p.migrationFiles();
        writeFileSync(file, `${p.read(file)}\n// reviewed\n`);
        r = await p.cli("check", "--offline");
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /Offline: replayed 1 migration\(s\)/);
        // A revision on top: the engine starts from the image of the history below it and
        // replays only the new one.
        const parent = /export const revision = "(\w+)"/.exec(p.read(file))![1];
        versions(p, "f00000000002_notes.ts", handWritten("f00000000002", parent, `await op.execute("CREATE TABLE extra_notes (id integer PRIMARY KEY)");`, `await op.execute("DROP TABLE extra_notes");`));
        r = await p.cli("check", "--offline");
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /dropTable\("extra_notes"\)/);
        assert.match(r.stderr, /replayed 1 migration\(s\) into (PGlite|in-memory SQLite) .*, on top of 1 replayed earlier/);
        delete process.env.ATHANOR_REPLAY_IMAGE_MS;
      });
    });
  });
}

describe("offline replay on PostgreSQL: what PGlite cannot do", () => {
  it("an extension the embedded build lacks is an error naming the migration, its file and the statement, offering --scratch-url", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, DEVICES);
      let r = await p.cli("revision", "--autogenerate", "-m", "initial", "--rev-id", "d00000000001");
      assert.equal(r.code, 0, r.stderr);
      versions(p, "d00000000002_postgis.ts", handWritten("d00000000002", "d00000000001", `await op.execute("CREATE EXTENSION IF NOT EXISTS postgis");`, `await op.execute("DROP EXTENSION postgis");`));
      r = await p.cli("check", "--offline");
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /offline replay into PGlite \(PostgreSQL [\d.]+\) failed: upgrade of d00000000002 \(migrations\/versions\/d00000000002_postgis\.ts\) failed: .*postgis/);
      assert.match(r.stderr, /statement: CREATE EXTENSION IF NOT EXISTS postgis/);
      assert.match(r.stderr, /--scratch-url/);
    });
  });

  it("--scratch-url replays on a scratch database of the server, gives the online result, and drops it", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, fixtureEntities("oracle/common", "oracle/postgres"));
      let r = await p.cli("revision", "--autogenerate", "-m", "initial");
      assert.equal(r.code, 0, r.stderr);
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      p.writeEntity("device.ts", DEVICES["device.ts"].replace('@Entity("devices")', '@Entity("devices_renamed")'));
      const online = await p.cli("check");
      const scratch = await p.cli("check", "--scratch-url", SERVER_URLS.postgres);
      assert.equal(online.code, 1, online.stderr);
      assert.equal(scratch.code, 1, scratch.stderr);
      assert.equal(scratch.stdout, online.stdout);
      const name = scratchName(scratch.stderr);
      const left = await queryUrl(SERVER_URLS.postgres, `SELECT datname FROM pg_database WHERE datname = '${name}'`);
      assert.deepEqual(left, [], `${name} was left behind`);
    });
  });
});

describe("offline replay on MySQL/MariaDB", () => {
  it("--offline alone says there is no embedded engine and offers --scratch-url", async (t) => {
    const why = await unavailable("mysql");
    if (why) return t.skip(why);
    await withTestDatabase("mysql", async (db) => {
      const p = createProject(db, DEVICES);
      const r = await p.cli("check", "--offline");
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /MySQL\/MariaDB has no embedded engine/);
      assert.match(r.stderr, /--scratch-url mysql:\/\//);
    });
  });

  it("--scratch-url: offline check and autogenerate match the online ones, and the scratch database is dropped", async (t) => {
    const why = await unavailable("mysql");
    if (why) return t.skip(why);
    await withTestDatabase("mysql", async (db) => {
      process.env.SOURCE_DATE_EPOCH = "1790000000";
      const p = createProject(db, fixtureEntities("kitchen-sink/mysql"));
      let r = await p.cli("revision", "--autogenerate", "-m", "initial", "--rev-id", "e00000000001");
      assert.equal(r.code, 0, r.stderr);
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      let scratch = await p.cli("check", "--scratch-url", SERVER_URLS.mysql);
      const clean = await p.cli("check");
      assert.equal(clean.code, 0, clean.stdout + clean.stderr);
      assert.equal(scratch.code, 0, scratch.stdout + scratch.stderr);
      p.writeEntity("device.ts", DEVICES["device.ts"]);
      const online = await p.cli("check");
      scratch = await p.cli("check", "--offline", "--scratch-url", SERVER_URLS.mysql);
      assert.equal(online.code, 1, online.stderr);
      assert.equal(scratch.stdout, online.stdout);
      const name = scratchName(scratch.stderr);
      const left = await queryUrl(SERVER_URLS.mysql, `SELECT schema_name FROM information_schema.schemata WHERE schema_name = '${name}'`);
      assert.deepEqual(left, [], `${name} was left behind`);
      // A `database.table` scope pattern names the project's database, not the scratch one.
      const scoped = ["--include-table", `${db.database}.devices`];
      const scopedOnline = await p.cli("check", ...scoped);
      const scopedScratch = await p.cli("check", ...scoped, "--scratch-url", SERVER_URLS.mysql);
      assert.equal(scopedOnline.code, 1, scopedOnline.stderr);
      assert.match(scopedOnline.stdout, /createTable\(\{ name: "devices"/);
      assert.doesNotMatch(scopedOnline.stdout, /ks_/);
      assert.equal(scopedScratch.stdout, scopedOnline.stdout);
      r = await p.cli("revision", "--autogenerate", "-m", "devices", "--rev-id", "e00000000002", "--scratch-url", SERVER_URLS.mysql);
      assert.equal(r.code, 0, r.stderr);
      const second = p.migrationFiles()[1];
      const offlineFile = p.read(second);
      (await import("node:fs")).rmSync(second);
      r = await p.cli("revision", "--autogenerate", "-m", "devices", "--rev-id", "e00000000002");
      assert.equal(r.code, 0, r.stderr);
      assert.equal(p.read(p.migrationFiles()[1]), offlineFile);
      delete process.env.SOURCE_DATE_EPOCH;
    });
  });
});
