/**
 * A migration meets a lock held by another session's open transaction: each attempt gives up
 * within the DDL lock timeout (so it never queues the table's traffic behind it for long), is
 * retried with backoff, and succeeds once the lock is released; if the lock is never released,
 * the final give-up leaves nothing of the migration (PostgreSQL, SQLite) or reports what ran
 * (MariaDB), with a message naming the statement, the table, the attempts and the way to find the
 * blocker. An error that is not a lock timeout is not retried.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Connection } from "../../src/dialects/dialect";
import { DIALECTS, unavailable, withTestDatabase, type TestDialect } from "../support/databases";
import { connectUrl, introspectUrl, queryUrl } from "../support/introspect";
import { createProject, REPO, type CliResult, type TestProject } from "../support/project";
import { intType, writeMigration } from "./runner-fixtures";

const R1 = "1a1a1a1a1a1a";
const R2 = "2b2b2b2b2b2b";

function chain(p: TestProject, dialect: TestDialect, second?: string): void {
  const int = intType(dialect);
  writeMigration(p, {
    revision: R1,
    down: null,
    message: "create t",
    upgrade: `  await op.createTable({ name: "t", columns: [{ name: "id", type: "${int}", nullable: false }], primaryKey: { columns: ["id"] } });`,
    downgrade: `  await op.dropTable("t");`,
  });
  writeMigration(p, {
    revision: R2,
    down: R1,
    message: "create u and add t extra",
    upgrade:
      second ??
      `  await op.createTable({ name: "u", columns: [{ name: "id", type: "${int}", nullable: false }], primaryKey: { columns: ["id"] } });
  await op.addColumn("t", { name: "extra", type: "${int}", nullable: true });`,
    downgrade: `  await op.dropColumn("t", "extra");\n  await op.dropTable("u");`,
  });
}

/** The CLI as a child process whose stderr can be watched while it runs. */
function startCli(p: TestProject, ...args: string[]): { result: Promise<CliResult>; stderrMatches(re: RegExp): Promise<void> } {
  const child = spawn(process.execPath, [join(REPO, "bin", "athanor.js"), ...args], { cwd: p.dir, env: { ...process.env, ATHANOR_DATABASE_URL: "" } });
  let stdout = "";
  let stderr = "";
  const watchers: { re: RegExp; done: () => void }[] = [];
  child.stdout.on("data", (d) => (stdout += String(d)));
  child.stderr.on("data", (d) => {
    stderr += String(d);
    for (const w of watchers.filter((w) => w.re.test(stderr))) {
      watchers.splice(watchers.indexOf(w), 1);
      w.done();
    }
  });
  const result = new Promise<CliResult>((done) => child.on("close", (code) => done({ code: code ?? 1, stdout, stderr })));
  return {
    result,
    stderrMatches: (re) =>
      new Promise<void>((done, fail) => {
        if (re.test(stderr)) return done();
        watchers.push({ re, done });
        void result.then((r) => fail(new Error(`the CLI ended (code ${r.code}) before stderr matched ${re}:\n${r.stderr}`)));
      }),
  };
}

/** Another session's open transaction that holds a lock on `t` until released. */
async function holdLock(url: string, dialect: TestDialect): Promise<{ release(): Promise<void> }> {
  const conn: Connection = await connectUrl(url);
  switch (dialect) {
    case "postgres":
      // ACCESS SHARE, as any SELECT in an open transaction: ALTER TABLE's ACCESS EXCLUSIVE waits for it.
      await conn.query("BEGIN");
      await conn.query("LOCK TABLE t IN ACCESS SHARE MODE");
      break;
    case "mysql":
      // A transaction that read the table holds its metadata lock until it ends.
      await conn.query("START TRANSACTION");
      await conn.query("SELECT * FROM t");
      break;
    case "sqlite":
      // The write lock on the whole file.
      await conn.query("BEGIN IMMEDIATE");
      break;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await conn.query(dialect === "sqlite" ? "ROLLBACK" : "COMMIT");
      await conn.close();
    },
  };
}

const tables = async (url: string) => (await introspectUrl(url)).tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(",")})`).sort();
const versions = async (url: string) => (await queryUrl<{ version_num: string }>(url, "SELECT version_num FROM athanor_version")).map((r) => r.version_num);
const logRow = async (url: string, revision: string) =>
  (await queryUrl<{ status: string; detail: string | null }>(url, `SELECT status, detail FROM athanor_log WHERE revision = '${revision}' ORDER BY id DESC`))[0];

const FLAGS = ["--ddl-lock-timeout", "300ms"];

for (const dialect of DIALECTS) {
  describe(`DDL lock timeouts on ${dialect}`, () => {
    it("a statement blocked by another transaction gives up, retries, and succeeds once the lock is released", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db);
        chain(p, dialect);
        const first = await p.cli("upgrade", R1);
        assert.equal(first.code, 0, first.stderr);
        const lock = await holdLock(db.url, dialect);
        try {
          const run = startCli(p, "upgrade", "head", ...FLAGS, "--lock-retries", "5");
          // SQLite's file lock blocks the first write (CREATE TABLE "u"); elsewhere only the ALTER on t waits.
          const blocked = dialect === "sqlite" ? /lock timeout on CREATE TABLE "u"/ : /lock timeout on ALTER TABLE [`"]t[`"] ADD/;
          await run.stderrMatches(blocked);
          await lock.release();
          const r = await run.result;
          assert.equal(r.code, 0, r.stderr);
          assert.match(r.stderr, /lock timeout on .* after \d+\.\d s, retry 1\/5 in \d+\.\d s/);
          // The statement before the blocked one (CREATE TABLE u) is kept through the retry.
          assert.deepEqual(await tables(db.url), ["t(id,extra)", "u(id)"]);
          assert.deepEqual(await versions(db.url), [R2]);
          const log = await logRow(db.url, R2);
          assert.equal(log.status, "ok");
          const detail = JSON.parse(log.detail ?? "{}") as { lockWaits?: { statement: string; retry: number }[] };
          assert.ok(detail.lockWaits && detail.lockWaits.length >= 1, `the audit log keeps the retries: ${log.detail}`);
          assert.equal(detail.lockWaits[0].retry, 1);
        } finally {
          await lock.release();
        }
      });
    });

    it("with the lock never released, the final give-up names the statement, table and attempts, and leaves nothing behind", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db);
        chain(p, dialect);
        assert.equal((await p.cli("upgrade", R1)).code, 0);
        const before = await tables(db.url);
        const lock = await holdLock(db.url, dialect);
        let r: CliResult;
        try {
          r = await p.cli("upgrade", "head", ...FLAGS, "--lock-retries", "2");
        } finally {
          await lock.release();
        }
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /retry 1\/2 in .*\n.*retry 2\/2 in /);
        // SQLite locks the whole file: the first write (CREATE TABLE u) is the one that waits, on no table in particular.
        assert.match(r.stderr, dialect === "sqlite" ? /CREATE TABLE "u" .* could not get its lock in 3 attempt\(s\) over \d+\.\d s/ : /could not get its lock on [`"]t[`"] in 3 attempt\(s\) over \d+\.\d s/);
        assert.deepEqual(await versions(db.url), [R1]);
        const log = await logRow(db.url, R2);
        // SQLite: the failure row cannot be written while the other connection still holds the file's
        // write lock (the runner records failures best effort), so only the other dialects have one.
        if (dialect !== "sqlite") assert.equal((JSON.parse(log.detail ?? "{}") as { lockWaits?: unknown[] }).lockWaits?.length, 2);
        switch (dialect) {
          case "postgres":
            assert.match(r.stderr, /ALTER TABLE "t" ADD COLUMN "extra"/);
            assert.match(r.stderr, /Nothing of this migration remains: it was rolled back/);
            assert.match(r.stderr, /pg_locks l JOIN pg_stat_activity/);
            assert.deepEqual(await tables(db.url), before);
            assert.equal(log.status, "rolled_back");
            break;
          case "sqlite":
            assert.match(r.stderr, /Nothing of this migration remains: it was rolled back/);
            assert.deepEqual(await tables(db.url), before);
            break;
          case "mysql":
            // No transactional DDL: CREATE TABLE u ran and is reported; the ALTER never ran.
            assert.match(r.stderr, /These 1 statement\(s\) of 2b2b2b2b2b2b ran and remain applied:\n {2}1\. CREATE TABLE `u`/);
            assert.match(r.stderr, /information_schema\.innodb_trx/);
            assert.deepEqual(await tables(db.url), ["t(id)", "u(id)"]);
            assert.equal(log.status, "partial");
            break;
        }
      });
    });

    it("an error that is not a lock timeout fails at once, without retries", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db);
        chain(p, dialect, `  await op.execute("ALTER TABLE t ADD COLUMN id integer");`);
        assert.equal((await p.cli("upgrade", R1)).code, 0);
        const r = await p.cli("upgrade", "head", ...FLAGS, "--lock-retries", "5");
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /upgrade of 2b2b2b2b2b2b .* failed: .*(already exists|duplicate)/i);
        assert.doesNotMatch(r.stderr, /lock timeout|retry/);
        const log = await logRow(db.url, R2);
        assert.equal((JSON.parse(log.detail ?? "{}") as { lockWaits?: unknown[] }).lockWaits, undefined);
      });
    });
  });
}

describe("DDL lock settings that make no sense stop before anything runs", () => {
  it("--ddl-lock-timeout soon, --lock-retries -1 and a config lockTimeout of \"2 hours\" exit 2 with the expected form", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      chain(p, "sqlite");
      let r = await p.cli("upgrade", "head", "--ddl-lock-timeout", "soon");
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /--ddl-lock-timeout must be a duration such as 2s or 500ms \(got "soon"\)/);
      r = await p.cli("upgrade", "head", "--lock-retries", "-1");
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /--lock-retries must be a whole number, 0 or more \(got -1\)/);
      writeFileSync(join(p.dir, "athanor.config.ts"), `export default { dataSource: "./src/data-source.ts", migrations: "./migrations", lockTimeout: "2 hours" };\n`);
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /lockTimeout in .*athanor\.config\.ts is not a duration \(got "2 hours"\)/);
      assert.deepEqual(await tables(db.url), [], "nothing ran");
    });
  });

  it("the config's lockTimeout and lockRetries are used, and the flags override them", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db);
      chain(p, "postgres");
      assert.equal((await p.cli("upgrade", R1)).code, 0);
      writeFileSync(join(p.dir, "athanor.config.ts"), `export default { dataSource: "./src/data-source.ts", migrations: "./migrations", lockTimeout: "250ms", lockRetries: 1 };\n`);
      const lock = await holdLock(db.url, "postgres");
      try {
        let r = await p.cli("upgrade", "head");
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /in 2 attempt\(s\) over \d+\.\d s \(each waited at most 250 ms/);
        r = await p.cli("upgrade", "head", "--ddl-lock-timeout", "0.2s", "--lock-retries", "0");
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /in 1 attempt\(s\) over \d+\.\d s \(each waited at most 200 ms/);
        assert.doesNotMatch(r.stderr, /retry/);
      } finally {
        await lock.release();
      }
      assert.deepEqual(await versions(db.url), [R1]);
    });
  });
});
