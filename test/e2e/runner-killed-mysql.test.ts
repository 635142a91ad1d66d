/**
 * MariaDB/MySQL cannot roll back DDL: a runner killed (kill -9) mid-migration leaves part of it
 * applied. Its progress is recorded durably before each statement, so afterwards `current` names
 * the revision, the statements that completed and the one that may have run, and `upgrade`
 * refuses to go on until a person settles it with `stamp`.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject, REPO, type TestProject } from "../support/project";
import { writeMigration } from "./runner-fixtures";

const STATEMENTS = [
  "CREATE TABLE t1 (id int PRIMARY KEY)",
  "CREATE TABLE t2 (id int PRIMARY KEY)",
  "CREATE TABLE t3 (id int PRIMARY KEY)",
  "CREATE TABLE t4 (id int PRIMARY KEY)",
];

/** Starts `athanor upgrade head`, waits until the log shows SLEEP as the statement under way, kills it. */
async function killDuringSleep(p: TestProject): Promise<void> {
  const child = spawn(process.execPath, [join(REPO, "bin", "athanor.js"), "upgrade", "head"], { cwd: p.dir, env: { ...process.env, ATHANOR_DATABASE_URL: "" }, stdio: "ignore" });
  const exited = new Promise((done) => child.on("exit", done));
  try {
    for (let i = 0; i < 300; i++) {
      const rows = await queryUrl<{ n: number }>(p.db.url, "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'athanor_log'");
      if (Number(rows[0].n) > 0) {
        const running = await queryUrl<{ detail: string }>(p.db.url, "SELECT detail FROM athanor_log WHERE status = 'running'");
        if (running.length > 0 && JSON.parse(running[0].detail).pending?.includes("SLEEP")) break;
      }
      await sleep(100);
    }
  } finally {
    child.kill("SIGKILL");
    await exited;
  }
}

describe("a runner killed mid-migration on MariaDB", () => {
  for (const at of [0, 2, 4]) {
    it(`killed before statement ${at + 1} of ${STATEMENTS.length + 1}: current names what may have run, upgrade refuses until a stamp`, async (t) => {
      const why = await unavailable("mysql");
      if (why) return t.skip(why);
      await withTestDatabase("mysql", async (db) => {
        const p = createProject(db, {});
        const body = [...STATEMENTS.slice(0, at), "DO SLEEP(60)", ...STATEMENTS.slice(at)].map((s) => `  await op.execute(${JSON.stringify(s)});`).join("\n");
        writeMigration(p, { revision: "k1", down: null, message: "four tables", upgrade: body, downgrade: "  // not needed" });
        await killDuringSleep(p);

        const done = STATEMENTS.slice(0, at);
        const tables = (await introspectUrl(db.url)).tables.map((x) => x.name);
        assert.deepEqual(tables, done.map((s) => /CREATE TABLE (\w+)/.exec(s)![1]), "exactly the statements before the kill ran");

        const current = await p.cli("current");
        assert.equal(current.code, 0, current.stderr);
        assert.match(current.stdout, /^base \(no revision applied\)\nrevision k1 was interrupted during its upgrade/);
        assert.match(current.stdout, new RegExp(`${at} statement\\(s\\) completed and remain applied`));
        for (const [i, s] of done.entries()) assert.ok(current.stdout.includes(`  ${i + 1}. ${s}`), `lists ${s}`);
        assert.match(current.stdout, /may or may not have taken effect[^\n]*\n  DO SLEEP\(60\)/);
        const json = JSON.parse((await p.cli("current", "--json")).stdout);
        assert.deepEqual(json.failure.statements, done);
        assert.equal(json.failure.interrupted, true);

        const refused = await p.cli("upgrade", "head");
        assert.equal(refused.code, 2, refused.stdout + refused.stderr);
        assert.match(refused.stderr, /revision k1 was interrupted/);
        assert.match(refused.stderr, /athanor stamp k1/);
        assert.deepEqual((await introspectUrl(db.url)).tables.map((x) => x.name), tables, "the refusal ran nothing");

        // Settled by hand: the rest of k1 done, then stamped. Upgrade has nothing left, current is clean.
        for (const s of STATEMENTS.slice(at)) await queryUrl(db.url, s);
        assert.equal((await p.cli("stamp", "k1")).code, 0);
        const after = await p.cli("current");
        assert.equal(after.stdout, "k1 (head)\n");
        assert.equal((await p.cli("upgrade", "head")).code, 0);
      });
    });
  }
});
