/**
 * The lock-retry wrapper without a database: the backoff schedule, which errors count as a lock
 * timeout per dialect, and what runs (savepoints, attempts) for each kind of failure.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Queryable } from "../../../src/dialects/dialect";
import { mysqlDialect } from "../../../src/dialects/mysql";
import { postgresDialect } from "../../../src/dialects/postgres";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import { LockRetriesExhaustedError } from "../../../src/errors";
import { backoffDelay, describeLockWait, runWithLockRetry, statementTable, type LockRetryPolicy, type LockWait } from "../../../src/runner/with-lock-retry";

const backoff = { baseMs: 1000, capMs: 30_000 };

describe("backoff schedule", () => {
  it("doubles from the base, jittered between half and all of each step", () => {
    const low = [1, 2, 3, 4, 5].map((n) => backoffDelay(n, backoff, () => 0));
    const high = [1, 2, 3, 4, 5].map((n) => backoffDelay(n, backoff, () => 1));
    assert.deepEqual(low, [500, 1000, 2000, 4000, 8000]);
    assert.deepEqual(high, [1000, 2000, 4000, 8000, 16000]);
    assert.equal(backoffDelay(2, backoff, () => 0.6), 1600);
  });

  it("never waits longer than the cap, however many retries", () => {
    assert.equal(backoffDelay(6, backoff, () => 1), 30_000);
    assert.equal(backoffDelay(40, backoff, () => 1), 30_000);
    assert.equal(backoffDelay(40, backoff, () => 0), 15_000);
  });
});

describe("lock-timeout error classification", () => {
  const cases: { name: string; dialect: typeof postgresDialect; error: unknown; want: boolean }[] = [
    { name: "postgres 55P03 lock_not_available", dialect: postgresDialect, error: Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" }), want: true },
    { name: "postgres 57014 statement timeout", dialect: postgresDialect, error: Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" }), want: false },
    { name: "postgres 40P01 deadlock", dialect: postgresDialect, error: Object.assign(new Error("deadlock detected"), { code: "40P01" }), want: false },
    { name: "postgres 42P01 undefined table", dialect: postgresDialect, error: Object.assign(new Error('relation "x" does not exist'), { code: "42P01" }), want: false },
    { name: "mysql 1205 ER_LOCK_WAIT_TIMEOUT", dialect: mysqlDialect, error: Object.assign(new Error("Lock wait timeout exceeded"), { errno: 1205, code: "ER_LOCK_WAIT_TIMEOUT" }), want: true },
    { name: "mysql 1213 deadlock", dialect: mysqlDialect, error: Object.assign(new Error("Deadlock found"), { errno: 1213, code: "ER_LOCK_DEADLOCK" }), want: false },
    { name: "mysql 1146 no such table", dialect: mysqlDialect, error: Object.assign(new Error("Table doesn't exist"), { errno: 1146 }), want: false },
    { name: "sqlite SQLITE_BUSY", dialect: sqliteDialect, error: Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }), want: true },
    { name: "sqlite SQLITE_BUSY_SNAPSHOT (no retry can help)", dialect: sqliteDialect, error: Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY_SNAPSHOT" }), want: false },
    { name: "sqlite SQLITE_ERROR", dialect: sqliteDialect, error: Object.assign(new Error("no such table"), { code: "SQLITE_ERROR" }), want: false },
    { name: "a plain Error", dialect: postgresDialect, error: new Error("boom"), want: false },
    { name: "undefined", dialect: mysqlDialect, error: undefined, want: false },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.want ? "retried" : "not retried"}`, () => {
      assert.equal(c.dialect.ddlLockTimeout!.isLockTimeout(c.error), c.want);
    });
  }

  it("each dialect sets and resets its own session setting", () => {
    assert.deepEqual(postgresDialect.ddlLockTimeout!.set(2000), ["SET lock_timeout = '2000ms'"]);
    assert.deepEqual(postgresDialect.ddlLockTimeout!.reset, ["RESET lock_timeout"]);
    // lock_wait_timeout counts whole seconds: 300 ms becomes 1 s, never 0.
    assert.deepEqual(mysqlDialect.ddlLockTimeout!.set(300), ["SET SESSION lock_wait_timeout = 1"]);
    assert.deepEqual(mysqlDialect.ddlLockTimeout!.set(2500), ["SET SESSION lock_wait_timeout = 3"]);
    assert.deepEqual(mysqlDialect.ddlLockTimeout!.reset, ["SET SESSION lock_wait_timeout = DEFAULT"]);
    assert.deepEqual(sqliteDialect.ddlLockTimeout!.set(750), ["PRAGMA busy_timeout = 750"]);
  });
});

describe("statementTable", () => {
  const cases: [string, string | undefined][] = [
    ['ALTER TABLE "devices" ADD COLUMN "vlan" integer', '"devices"'],
    ['ALTER TABLE ONLY "public"."devices" ADD CONSTRAINT x', '"public"."devices"'],
    ["ALTER TABLE `t1` ADD COLUMN `extra` int NULL", "`t1`"],
    ['DROP TABLE IF EXISTS "old"', '"old"'],
    ['CREATE UNIQUE INDEX CONCURRENTLY "idx" ON "devices" USING btree ("a")', '"devices"'],
    ['UPDATE "devices" SET a = 1', '"devices"'],
    ['CREATE TABLE "new" (id integer)', undefined],
  ];
  for (const [sql, want] of cases) it(`${sql} → ${want ?? "none"}`, () => assert.equal(statementTable(sql), want));
});

/** A connection whose statements fail as `fail` says, recording what was sent. */
function fakeConn(fail: (sql: string, n: number) => unknown): Queryable & { sent: string[] } {
  const sent: string[] = [];
  let n = 0;
  return {
    sent,
    async query<T>(sql: string): Promise<T[]> {
      sent.push(sql);
      if (!/SAVEPOINT/.test(sql)) {
        const e = fail(sql, ++n);
        if (e) throw e;
      }
      return [];
    },
  };
}

const lockError = () => Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" });
const policy: LockRetryPolicy = { timeoutMs: 200, retries: 3, backoff };
const hooks = postgresDialect.ddlLockTimeout!;
const noSleep = { sleep: async () => undefined, random: () => 0 };
const ALTER = 'ALTER TABLE "t" ADD COLUMN "c" integer';

describe("runWithLockRetry", () => {
  it("retries a lock timeout under a savepoint inside a transaction and succeeds once the lock is free", async () => {
    const conn = fakeConn((_, n) => (n <= 2 ? lockError() : undefined));
    const waits: LockWait[] = [];
    const slept: number[] = [];
    await runWithLockRetry(ALTER, { conn, hooks, policy, inTransaction: true, onRetry: (w) => waits.push(w), random: () => 0, sleep: async (ms) => void slept.push(ms) });
    assert.deepEqual(conn.sent, [
      "SAVEPOINT athanor_lock_retry", ALTER, "ROLLBACK TO SAVEPOINT athanor_lock_retry", "RELEASE SAVEPOINT athanor_lock_retry",
      "SAVEPOINT athanor_lock_retry", ALTER, "ROLLBACK TO SAVEPOINT athanor_lock_retry", "RELEASE SAVEPOINT athanor_lock_retry",
      "SAVEPOINT athanor_lock_retry", ALTER, "RELEASE SAVEPOINT athanor_lock_retry",
    ]);
    assert.deepEqual(waits.map((w) => [w.retry, w.retries, w.table, w.delayMs]), [[1, 3, '"t"', 500], [2, 3, '"t"', 1000]]);
    assert.deepEqual(slept, [500, 1000]);
    assert.match(describeLockWait(waits[1]), /^ {2}lock timeout on ALTER TABLE "t" ADD COLUMN "c" integer after \d+\.\d s, retry 2\/3 in 1\.0 s$/);
  });

  it("outside a transaction just sends the statement again, without savepoints", async () => {
    const conn = fakeConn((_, n) => (n === 1 ? Object.assign(new Error("Lock wait timeout exceeded"), { errno: 1205 }) : undefined));
    await runWithLockRetry("ALTER TABLE `t` ADD COLUMN `c` int", { conn, hooks: mysqlDialect.ddlLockTimeout!, policy, inTransaction: false, ...noSleep });
    assert.deepEqual(conn.sent, ["ALTER TABLE `t` ADD COLUMN `c` int", "ALTER TABLE `t` ADD COLUMN `c` int"]);
  });

  it("does not retry an error that is not a lock timeout: one attempt, the error as it was", async () => {
    const boom = Object.assign(new Error('column "c" already exists'), { code: "42701" });
    const conn = fakeConn(() => boom);
    const waits: LockWait[] = [];
    await assert.rejects(runWithLockRetry(ALTER, { conn, hooks, policy, inTransaction: true, onRetry: (w) => waits.push(w), ...noSleep }), (e) => e === boom);
    assert.equal(conn.sent.filter((s) => s === ALTER).length, 1);
    assert.equal(waits.length, 0);
  });

  it("gives up after the last retry with the statement, the table, the attempts and how to find the blocker", async () => {
    const conn = fakeConn(() => lockError());
    const waits: LockWait[] = [];
    const error = await runWithLockRetry(ALTER, { conn, hooks, policy, inTransaction: true, onRetry: (w) => waits.push(w), ...noSleep }).then(
      () => assert.fail("should have given up"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof LockRetriesExhaustedError);
    assert.equal(conn.sent.filter((s) => s === ALTER).length, 4, "the first attempt and 3 retries");
    assert.equal(waits.length, 3);
    assert.match(error.message, /^lock timeout: ALTER TABLE "t" ADD COLUMN "c" integer could not get its lock on "t" in 4 attempt\(s\) over \d+\.\d s \(each waited at most 200 ms/);
    assert.match(error.hint ?? "", /pg_locks l JOIN pg_stat_activity a .* l\.relation = '"t"'::regclass/);
    assert.match(error.hint ?? "", /--ddl-lock-timeout .* --lock-retries/);
  });

  it("runs a PostgreSQL CONCURRENTLY build without the timeout (it blocks no traffic), and restores it after", async () => {
    const sql = 'CREATE INDEX CONCURRENTLY "idx_t_c" ON "t" ("c")';
    const conn = fakeConn(() => undefined);
    await runWithLockRetry(sql, { conn, hooks, policy, inTransaction: false, ...noSleep });
    assert.deepEqual(conn.sent, ["RESET lock_timeout", sql, "SET lock_timeout = '200ms'"]);
    assert.equal(hooks.waitsWithoutBlocking?.('DROP INDEX CONCURRENTLY "idx"'), true);
    assert.equal(hooks.waitsWithoutBlocking?.('CREATE INDEX "idx" ON "t" ("c")'), false);
  });

  it("with 0 retries tries once and gives up, without savepoints", async () => {
    const conn = fakeConn(() => lockError());
    await assert.rejects(runWithLockRetry(ALTER, { conn, hooks, policy: { ...policy, retries: 0 }, inTransaction: true, ...noSleep }), LockRetriesExhaustedError);
    assert.deepEqual(conn.sent, [ALTER]);
  });
});
