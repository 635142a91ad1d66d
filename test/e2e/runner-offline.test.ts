/**
 * Offline mode: `upgrade --sql` and `downgrade --sql` print a script that, fed to the database's
 * own client (psql, mariadb, sqlite3), gives the same schema and version table as the online
 * run, for a chain with a SQLite table rebuild and drops; and nothing connects to write it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase, type TestDatabase, type TestDialect } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject, type TestProject } from "../support/project";
import { chainWithRebuildAndDrop, feedClient, writeMigration } from "./runner-fixtures";

/** A URL of the dialect that nothing answers at: offline mode must not try it. */
const NOWHERE: Record<TestDialect, string> = {
  postgres: "postgres://nobody@127.0.0.1:1/nowhere",
  mysql: "mysql://nobody@127.0.0.1:1/nowhere",
  sqlite: "sqlite:/nonexistent-dir/athanor/nowhere.db",
};

const versions = async (url: string) => (await queryUrl<{ version_num: string }>(url, "SELECT version_num FROM athanor_version ORDER BY version_num")).map((r) => r.version_num);

async function sameState(online: TestDatabase, offline: TestDatabase, when: string): Promise<void> {
  assert.deepEqual(await introspectUrl(offline.url), await introspectUrl(online.url), `schema after ${when}`);
  assert.deepEqual(await versions(offline.url), await versions(online.url), `version table after ${when}`);
}

async function script(p: TestProject, dialect: TestDialect, ...args: string[]): Promise<string> {
  const r = await p.cli(...args, "--sql", "--url", NOWHERE[dialect]);
  assert.equal(r.code, 0, `${args.join(" ")} --sql: ${r.stderr}`);
  return r.stdout;
}

function feed(db: TestDatabase, sql: string): void {
  const r = feedClient(db, sql);
  assert.equal(r.code, 0, `the client rejected the script:\n${r.stderr}\n--- script ---\n${sql}`);
}

for (const dialect of DIALECTS) {
  describe(`offline SQL on ${dialect}`, () => {
    it("fed to the database's client, the script gives the online upgrade's and downgrade's schema and version table", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, (online) =>
        withTestDatabase(dialect, async (offline) => {
          const p = createProject(online);
          for (const m of chainWithRebuildAndDrop(dialect)) writeMigration(p, m);

          const full = await script(p, dialect, "upgrade", "head");
          assert.match(full, /CREATE TABLE IF NOT EXISTS .athanor_version./);
          assert.match(full, /^-- Running upgrade a1a1a1a1a1a1 \(create sites and devices\); version base -> a1a1a1a1a1a1$/m);
          assert.match(full, /^-- Running upgrade c3c3c3c3c3c3 \(drop sites\); version b2b2b2b2b2b2 -> c3c3c3c3c3c3$/m);
          const transactional = dialect !== "mysql";
          assert.equal((full.match(/^BEGIN;$/gm) ?? []).length, transactional ? 3 : 0, "one transaction per migration where DDL is transactional");
          assert.equal((full.match(/^COMMIT;$/gm) ?? []).length, transactional ? 3 : 0);
          if (dialect === "sqlite") assert.match(full, /__athanor_rebuild_devices/, "the alteration is a rebuild");
          // Every statement ends with ";": the text before each comment or blank line does.
          for (const chunk of full.split(/\n(?:--[^\n]*)?\n/)) if (chunk.trim() && !chunk.trim().startsWith("--")) assert.match(chunk.trim(), /;$/, chunk);

          feed(offline, full);
          let r = await p.cli("upgrade", "head");
          assert.equal(r.code, 0, r.stderr);
          await sameState(online, offline, "upgrade base:head");
          assert.deepEqual(await versions(online.url), ["c3c3c3c3c3c3"]);

          // From a revision in the middle: the schema there is replayed from the earlier files.
          feed(offline, await script(p, dialect, "downgrade", "head:a1a1a1a1a1a1"));
          r = await p.cli("downgrade", "a1a1a1a1a1a1");
          assert.equal(r.code, 0, r.stderr);
          await sameState(online, offline, "downgrade head:a1a1");

          const partial = await script(p, dialect, "upgrade", "a1a1:head");
          assert.doesNotMatch(partial, /Running upgrade a1a1/);
          assert.match(partial, /Running upgrade b2b2/);
          feed(offline, partial);
          r = await p.cli("upgrade", "head");
          assert.equal(r.code, 0, r.stderr);
          await sameState(online, offline, "upgrade a1a1:head");

          feed(offline, await script(p, dialect, "downgrade", "head:base"));
          r = await p.cli("downgrade", "base");
          assert.equal(r.code, 0, r.stderr);
          await sameState(online, offline, "downgrade head:base");
          assert.deepEqual((await introspectUrl(offline.url)).tables, []);
        }),
      );
    });
  });
}

describe("offline SQL errors", () => {
  it("op.query in offline mode is a clear error naming the migration; downgrade --sql needs FROM:TO", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      writeMigration(p, {
        revision: "d4d4d4d4d4d4",
        down: null,
        message: "count rows",
        upgrade: `  await op.query("SELECT 1");`,
        downgrade: "",
      });
      let r = await p.cli("upgrade", "--sql", "head", "--url", NOWHERE.sqlite);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /op\.query cannot run in offline \(--sql\) mode: d4d4d4d4d4d4 \(migrations\/versions\/d4d4d4d4d4d4_count_rows\.ts\)/);
      r = await p.cli("downgrade", "--sql", "base", "--url", NOWHERE.sqlite);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /downgrade --sql needs FROM:TO/);
    });
  });

  it("--transaction all writes one transaction; --server-version is named in the header", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      for (const m of chainWithRebuildAndDrop("postgres")) writeMigration(p, m);
      const r = await p.cli("upgrade", "--sql", "head", "--transaction", "all", "--server-version", "15.2", "--url", NOWHERE.postgres);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /offline script for postgres 15\.2/);
      assert.equal((r.stdout.match(/^BEGIN;$/gm) ?? []).length, 1);
      assert.equal((r.stdout.match(/^COMMIT;$/gm) ?? []).length, 1);
    });
  });
});
