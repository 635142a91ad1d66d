/**
 * An unreachable database server fails the test run wherever the run needs it (CI, or `.ci/run`
 * by hand, which names the servers it started in ATHANOR_REQUIRE_SERVERS), and only skips its
 * suites on a machine that asked for nothing (a plain `npm test` without servers).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { serverRequired, type TestDialect } from "../../support/databases";
import { REPO } from "../../support/project";

describe("serverRequired: when an unreachable server fails the run instead of skipping", () => {
  const cases: [string, TestDialect, Record<string, string | undefined>, boolean][] = [
    ["nothing set: skip", "postgres", {}, false],
    ["nothing set: skip (mysql)", "mysql", {}, false],
    ["CI set: required", "postgres", { CI: "true" }, true],
    ["CI set: required (mysql)", "mysql", { CI: "1" }, true],
    ["CI empty: not CI", "postgres", { CI: "" }, false],
    ["listed alone", "postgres", { ATHANOR_REQUIRE_SERVERS: "postgres" }, true],
    ["listed among others, with spaces and any case", "mysql", { ATHANOR_REQUIRE_SERVERS: "postgres, MySQL" }, true],
    ["mariadb names the mysql dialect", "mysql", { ATHANOR_REQUIRE_SERVERS: "mariadb" }, true],
    ["another server listed: skip", "mysql", { ATHANOR_REQUIRE_SERVERS: "postgres" }, false],
    ["another server listed: skip (postgres)", "postgres", { ATHANOR_REQUIRE_SERVERS: "mysql" }, false],
    ["empty list: skip", "postgres", { ATHANOR_REQUIRE_SERVERS: "" }, false],
    ["a name that only contains the dialect's is not it", "postgres", { ATHANOR_REQUIRE_SERVERS: "postgresql-old" }, false],
    ["sqlite never needs a server", "sqlite", { CI: "true", ATHANOR_REQUIRE_SERVERS: "sqlite" }, false],
  ];
  for (const [name, dialect, env, want] of cases) {
    it(name, () => assert.equal(serverRequired(dialect, env) !== undefined, want));
  }
});

describe("scripts/run-tests.mjs with a server that refuses connections", () => {
  // Port 1 on the loopback refuses at once: a "down" server without stopping a real one.
  const DOWN = { ATHANOR_TEST_POSTGRES_URL: "postgres://postgres@127.0.0.1:1/test", ATHANOR_TEST_MYSQL_URL: "mysql://root@127.0.0.1:1/test" };
  const run = (extra: Record<string, string>) => {
    // NODE_TEST_CONTEXT would make the inner test runner report to this one instead of printing.
    const { CI: _ci, ATHANOR_REQUIRE_SERVERS: _req, NODE_TEST_CONTEXT: _ctx, ...env } = process.env;
    // The filter selects one small unit test file, so the run is quick when it goes ahead.
    return spawnSync(process.execPath, ["scripts/run-tests.mjs", "unit/cli/closest-option.test"], { cwd: REPO, env: { ...env, ...DOWN, ...extra }, encoding: "utf8" });
  };

  it("fails before any test when ATHANOR_REQUIRE_SERVERS names it, without CI in the environment", () => {
    const r = run({ ATHANOR_REQUIRE_SERVERS: "postgres,mysql" });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /postgres server unreachable \(required by ATHANOR_REQUIRE_SERVERS=postgres,mysql\)/);
    assert.doesNotMatch(r.stdout, /^# pass/m, "no test ran");
  });

  it("skips the dialect and passes when nothing requires it", () => {
    const r = run({});
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /# postgres server unreachable .*; postgres suite skipped/);
    assert.match(r.stdout, /# mysql server unreachable .*; mysql suite skipped/);
    assert.match(r.stdout, /^# pass [1-9]/m);
  });
});
