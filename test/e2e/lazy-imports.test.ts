/**
 * Start-up loads only what a command uses: `--help` and the commands that read the revision graph
 * (heads, history, show, branches) never load a database driver, the TypeScript compiler (the
 * config's compiled output is cached), prettier or TypeORM. Proved by the packages the process
 * required (test/support/record-loaded-packages.ts), never by timing.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { withTestDatabase } from "../support/databases";
import { createProject, REPO } from "../support/project";

const HEAVY = ["pg", "mysql2", "better-sqlite3", "@swc/core", "prettier", "typeorm", "@electric-sql/pglite"];
const PRELOAD = join(REPO, "dist", "test", "support", "record-loaded-packages.js");
const CLI = join(REPO, "bin", "athanor.js");

/** Runs `athanor ARGS` in `dir` and returns the npm packages it required. */
function packagesLoadedBy(dir: string, args: readonly string[]): Promise<string[]> {
  const record = join(dir, `packages-${args.join("-")}.txt`);
  return new Promise((done, fail) => {
    execFile(process.execPath, ["-r", PRELOAD, CLI, ...args], { cwd: dir, env: { ...process.env, ATHANOR_DATABASE_URL: "", ATHANOR_RECORD_PACKAGES: record } }, (error, _stdout, stderr) => {
      if (error) fail(new Error(`athanor ${args.join(" ")} failed: ${stderr}`));
      else done(readFileSync(record, "utf8").split("\n").filter(Boolean));
    });
  });
}

describe("lazy imports", () => {
  it("--help, heads, history, show and branches load no driver, compiler, prettier or TypeORM", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      for (const [id, label] of [["aa0001", []], ["bb0002", ["--branch-label", "networking"]]] as const) {
        const r = await p.cli("revision", "-m", `step ${id}`, "--rev-id", id, ...label);
        assert.equal(r.code, 0, r.stderr);
      }
      // A first run fills the compile cache for athanor.config.ts; the runs below are warm.
      assert.equal((await p.cli("heads")).code, 0);
      for (const args of [["--help"], ["heads"], ["heads", "--verbose"], ["history"], ["show", "head"], ["branches"]]) {
        const loaded = await packagesLoadedBy(p.dir, args);
        // The recorder sees the packages that are loaded: yargs always is.
        assert.ok(loaded.includes("yargs"), `athanor ${args.join(" ")} recorded ${loaded.join(", ")}`);
        assert.deepEqual(
          loaded.filter((name) => HEAVY.includes(name)),
          [],
          `athanor ${args.join(" ")} loads only what it uses`,
        );
      }
    });
  });
});
