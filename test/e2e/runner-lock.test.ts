/**
 * The migration lock: five `upgrade head` processes started at once apply each migration exactly
 * once (the audit log shows one run of each) and all exit 0; a runner that cannot get the lock in
 * time says so clearly.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { connectUrl, queryUrl } from "../support/introspect";
import { createProject } from "../support/project";
import { chainWithRebuildAndDrop, writeMigration } from "./runner-fixtures";

for (const dialect of DIALECTS) {
  describe(`migration lock on ${dialect}`, () => {
    it("five upgrade processes started at once apply each migration exactly once and all exit 0", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db);
        const chain = chainWithRebuildAndDrop(dialect);
        // The first migration takes a while, so the five runs overlap whatever their start-up time.
        writeMigration(p, { ...chain[0], upgrade: `${chain[0].upgrade}\n  await new Promise((done) => setTimeout(done, 1500));` });
        for (const m of chain.slice(1)) writeMigration(p, m);

        const runs = await Promise.all([1, 2, 3, 4, 5].map(() => p.cli("upgrade", "head")));
        for (const r of runs) assert.equal(r.code, 0, r.stderr);
        assert.equal(runs.filter((r) => /Upgraded 3 revision\(s\)/.test(r.stdout)).length, 1, runs.map((r) => r.stdout).join(""));
        assert.equal(runs.filter((r) => /nothing to do/.test(r.stdout)).length, 4);

        const log = await queryUrl<{ revision: string; direction: string; status: string }>(db.url, "SELECT revision, direction, status FROM athanor_log ORDER BY id");
        assert.deepEqual(
          log.map((r) => `${r.direction} ${r.revision} ${r.status}`),
          ["upgrade a1a1a1a1a1a1 ok", "upgrade b2b2b2b2b2b2 ok", "upgrade c3c3c3c3c3c3 ok"],
        );
        const versions = await queryUrl<{ version_num: string }>(db.url, "SELECT version_num FROM athanor_version");
        assert.deepEqual(versions.map((v) => v.version_num), ["c3c3c3c3c3c3"]);
      });
    });

    it("a runner that cannot get the lock within --lock-timeout says another athanor is migrating", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db);
        for (const m of chainWithRebuildAndDrop(dialect)) writeMigration(p, m);
        const holder = await connectUrl(db.url);
        try {
          const lock = await holder.dialect.acquireMigrationLock!(holder, 5);
          assert.ok(lock, "the test took the lock");
          const started = Date.now();
          let r = await p.cli("upgrade", "head", "--lock-timeout", "1");
          assert.equal(r.code, 2, r.stderr);
          assert.match(r.stderr, /another athanor is migrating this database; waited 1(\.\d)? s/);
          assert.match(r.stderr, /--lock-timeout/);
          assert.ok(Date.now() - started >= 1000);
          r = await p.cli("stamp", "head", "--lock-timeout", "0");
          assert.equal(r.code, 2, r.stderr);
          assert.match(r.stderr, /another athanor is migrating this database/);
          await lock!.release();
          r = await p.cli("upgrade", "head", "--lock-timeout", "1");
          assert.equal(r.code, 0, r.stderr);
        } finally {
          await holder.close();
        }
      });
    });
  });
}
