/**
 * A migration that fails in the middle of three: on PostgreSQL and SQLite nothing of it remains;
 * on MariaDB (no transactional DDL) the error lists exactly the statements that ran, the version
 * table names the last complete revision, and `current` reports the failure until a stamp settles
 * it. And `--transaction all|each|none`, with a migration that opts out of transactions.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase, type TestDialect } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject, type TestProject } from "../support/project";
import { intType, writeMigration } from "./runner-fixtures";

function failingChain(p: TestProject, dialect: TestDialect): void {
  const int = intType(dialect);
  writeMigration(p, {
    revision: "f1f1f1f1f1f1",
    down: null,
    message: "create t1",
    upgrade: `  await op.createTable({ name: "t1", columns: [{ name: "id", type: "${int}", nullable: false }], primaryKey: { columns: ["id"] } });`,
    downgrade: `  await op.dropTable("t1");`,
  });
  writeMigration(p, {
    revision: "f2f2f2f2f2f2",
    down: "f1f1f1f1f1f1",
    message: "create t2 then fail",
    upgrade: `  await op.createTable({ name: "t2", columns: [{ name: "id", type: "${int}", nullable: false }], primaryKey: { columns: ["id"] } });
  await op.addColumn("t1", { name: "extra", type: "${int}", nullable: true });
  await op.execute("INSERT INTO no_such_table (id) VALUES (1)");`,
    downgrade: `  await op.dropColumn("t1", "extra");\n  await op.dropTable("t2");`,
  });
  writeMigration(p, {
    revision: "f3f3f3f3f3f3",
    down: "f2f2f2f2f2f2",
    message: "create t3",
    upgrade: `  await op.createTable({ name: "t3", columns: [{ name: "id", type: "${int}", nullable: false }], primaryKey: { columns: ["id"] } });`,
    downgrade: `  await op.dropTable("t3");`,
  });
}

const tables = async (url: string) => (await introspectUrl(url)).tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(",")})`);
const versions = async (url: string) => (await queryUrl<{ version_num: string }>(url, "SELECT version_num FROM athanor_version ORDER BY version_num")).map((r) => r.version_num);
const log = async (url: string) =>
  (await queryUrl<{ revision: string; direction: string; status: string; statements_ran: number }>(url, "SELECT revision, direction, status, statements_ran FROM athanor_log ORDER BY id")).map(
    (r) => `${r.direction} ${r.revision} ${r.status} ${Number(r.statements_ran)}`,
  );

/** The numbered statements the error lists under "ran and remain applied". */
const listedStatements = (stderr: string) => [...stderr.matchAll(/^ {2}\d+\. (.*)$/gm)].map((m) => m[1]);

for (const dialect of DIALECTS) {
  describe(`a failing migration in the middle of three on ${dialect}`, () => {
    it(dialect === "mysql" ? "reports exactly the statements that ran, and current reports it until a stamp" : "leaves nothing of itself: the first stays applied, the third never runs", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db);
        failingChain(p, dialect);
        const r = await p.cli("upgrade", "head");
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /upgrade of f2f2f2f2f2f2 \(migrations\/versions\/f2f2f2f2f2f2_create_t2_then_fail\.ts\) failed/);
        assert.match(r.stderr, /Running upgrade f1f1f1f1f1f1 \(create t1\) \.\.\.\n {2}done in \d+ ms\nRunning upgrade f2f2f2f2f2f2/, "progress with durations on stderr");
        assert.deepEqual(await versions(db.url), ["f1f1f1f1f1f1"]);
        assert.doesNotMatch(r.stderr, /f3f3f3f3f3f3/);

        if (dialect !== "mysql") {
          assert.match(r.stderr, /Nothing of this migration remains: it was rolled back/);
          assert.deepEqual(await tables(db.url), ["t1(id)"]);
          assert.deepEqual(await log(db.url), ["upgrade f1f1f1f1f1f1 ok 2", "upgrade f2f2f2f2f2f2 rolled_back 2"]);
          const c = await p.cli("current");
          assert.equal(c.stdout.trim(), "f1f1f1f1f1f1");
          return;
        }

        assert.match(r.stderr, /This database cannot roll back DDL\. These 2 statement\(s\) of f2f2f2f2f2f2 ran and remain applied:/);
        assert.deepEqual(listedStatements(r.stderr), [
          "CREATE TABLE `t2` (`id` int NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB",
          // MariaDB 10.3.2+ adds a column in place: the server refuses rather than copy the table.
          "ALTER TABLE `t1` ADD COLUMN `extra` int NULL, ALGORITHM=INSTANT",
        ]);
        assert.match(r.stderr, /The version table still records f1f1f1f1f1f1/);
        assert.match(r.stderr, /athanor stamp f2f2f2f2f2f2/);
        assert.deepEqual(await tables(db.url), ["t1(id,extra)", "t2(id)"]);
        assert.deepEqual(await log(db.url), ["upgrade f1f1f1f1f1f1 ok 2", "upgrade f2f2f2f2f2f2 partial 2"]);

        let c = await p.cli("current");
        assert.equal(c.code, 0, c.stderr);
        assert.match(c.stdout, /^f1f1f1f1f1f1$/m);
        assert.match(c.stdout, /revision f2f2f2f2f2f2 failed partway on \d{4}-\d\d-\d\dT[\d:.]+Z .*: 2 statement\(s\) ran and remain applied:/);
        assert.deepEqual(listedStatements(c.stdout), listedStatements(r.stderr));
        assert.match(c.stdout, /Fix by hand, then stamp: finish the rest of f2f2f2f2f2f2 and run `athanor stamp f2f2f2f2f2f2`, or undo the statements above and run `athanor stamp f1f1f1f1f1f1`/);
        const json = JSON.parse((await p.cli("current", "--json")).stdout) as { current: string[]; failure: { revision: string; statements: string[] } };
        assert.deepEqual(json.current, ["f1f1f1f1f1f1"]);
        assert.equal(json.failure.revision, "f2f2f2f2f2f2");
        assert.equal(json.failure.statements.length, 2);

        // Running again fails at once (t2 exists) and leaves nothing more: the report stays.
        const again = await p.cli("upgrade", "head");
        assert.equal(again.code, 2);
        assert.match(again.stderr, /warning: revision f2f2f2f2f2f2 failed partway on .* and 2 of its statement\(s\) remain applied/);
        c = await p.cli("current");
        assert.match(c.stdout, /revision f2f2f2f2f2f2 failed partway/);

        // Finished by hand (the INSERT was the rest), then stamped: the report is settled.
        const s = await p.cli("stamp", "f2f2f2f2f2f2");
        assert.equal(s.code, 0, s.stderr);
        c = await p.cli("current");
        assert.equal(c.stdout.trim(), "f2f2f2f2f2f2");
        const u = await p.cli("upgrade", "head");
        assert.equal(u.code, 0, u.stderr);
        assert.deepEqual(await versions(db.url), ["f3f3f3f3f3f3"]);
      });
    });
  });
}

describe("--transaction modes", () => {
  it("postgres, all: the failure rolls back the whole run, earlier migrations included", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db);
      failingChain(p, "postgres");
      const r = await p.cli("upgrade", "head", "--transaction", "all");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /also held f1f1f1f1f1f1: rolled back too\. The version table still records no revision \(base\)/);
      assert.deepEqual(await tables(db.url), []);
      assert.deepEqual(await versions(db.url), []);
      assert.deepEqual(await log(db.url), ["upgrade f2f2f2f2f2f2 rolled_back 2"]);
    });
  });

  it("postgres, none: what ran stays, and the report says so", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db);
      failingChain(p, "postgres");
      const r = await p.cli("upgrade", "head", "--transaction", "none");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /It ran without a transaction \(--transaction none\)\. These 2 statement\(s\) of f2f2f2f2f2f2 ran/);
      assert.deepEqual(await tables(db.url), ["t1(id,extra)", "t2(id)"]);
      assert.deepEqual(await versions(db.url), ["f1f1f1f1f1f1"]);
      assert.match((await p.cli("current")).stdout, /revision f2f2f2f2f2f2 failed partway/);
    });
  });

  it("postgres, all: a migration that opts out of transactions runs outside, splitting the run", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db);
      writeMigration(p, {
        revision: "e1e1e1e1e1e1",
        down: null,
        message: "create t1",
        upgrade: `  await op.createTable({ name: "t1", columns: [{ name: "id", type: "integer", nullable: false }, { name: "v", type: "integer", nullable: true }], primaryKey: { columns: ["id"] } });`,
        downgrade: `  await op.dropTable("t1");`,
      });
      // CREATE INDEX CONCURRENTLY cannot run inside a transaction block.
      writeMigration(p, {
        revision: "e2e2e2e2e2e2",
        down: "e1e1e1e1e1e1",
        message: "index concurrently",
        transactional: false,
        upgrade: `  await op.execute('CREATE INDEX CONCURRENTLY "idx_t1_v" ON "t1" ("v")');`,
        downgrade: `  await op.execute('DROP INDEX CONCURRENTLY "idx_t1_v"');`,
      });
      writeMigration(p, {
        revision: "e3e3e3e3e3e3",
        down: "e2e2e2e2e2e2",
        message: "create t3",
        upgrade: `  await op.createTable({ name: "t3", columns: [{ name: "id", type: "integer", nullable: false }], primaryKey: { columns: ["id"] } });`,
        downgrade: `  await op.dropTable("t3");`,
      });
      let r = await p.cli("upgrade", "head", "--transaction", "all");
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await versions(db.url), ["e3e3e3e3e3e3"]);
      assert.deepEqual((await introspectUrl(db.url)).tables.find((x) => x.name === "t1")?.indexes.map((i) => i.name), ["idx_t1_v"]);
      r = await p.cli("downgrade", "base", "--transaction", "all");
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await tables(db.url), []);
      const sql = await p.cli("upgrade", "--sql", "head", "--transaction", "all");
      assert.equal(sql.code, 0, sql.stderr);
      assert.equal((sql.stdout.match(/^BEGIN;$/gm) ?? []).length, 2, "e1 | e2 outside | e3");
    });
  });

  it("mysql, all: not possible without transactional DDL; a note says so and each migration runs on its own", async (t) => {
    const why = await unavailable("mysql");
    if (why) return t.skip(why);
    await withTestDatabase("mysql", async (db) => {
      const p = createProject(db);
      failingChain(p, "mysql");
      const r = await p.cli("upgrade", "f1f1f1f1f1f1", "--transaction", "all");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /note: mysql cannot roll back DDL, so --transaction all is not possible/);
      assert.deepEqual(await versions(db.url), ["f1f1f1f1f1f1"]);
    });
  });

  it("sqlite, all: the rebuild chain runs in one transaction and is logged per migration", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      failingChain(p, "sqlite");
      let r = await p.cli("upgrade", "f1f1f1f1f1f1", "--transaction", "all");
      assert.equal(r.code, 0, r.stderr);
      r = await p.cli("upgrade", "head", "--transaction", "all");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /Nothing of this migration remains/);
      assert.deepEqual(await tables(db.url), ["t1(id)"]);
      r = await p.cli("downgrade", "base", "--transaction", "none");
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await tables(db.url), []);
      assert.deepEqual(await log(db.url), ["upgrade f1f1f1f1f1f1 ok 2", "upgrade f2f2f2f2f2f2 rolled_back 2", "downgrade f1f1f1f1f1f1 ok 2"]);
    });
  });
});
