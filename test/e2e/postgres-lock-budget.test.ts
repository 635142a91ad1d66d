/**
 * A project of many entities on a PostgreSQL server with the default lock settings
 * (max_locks_per_transaction 64 × 100 connections = a lock table of 6,400 entries): its initial
 * migration takes 8 entries per table (the table and its row type, the primary key's index and
 * constraint, the serial's sequence, the TOAST table and its index, the text column's index).
 * `revision --autogenerate` writes a chain of revisions, each within the budget; `upgrade head`
 * applies them all, `check` finds nothing left, `downgrade base` undoes them.
 *
 * 801 tables by default: the fewest whose entries (6,408) exceed the default lock table. The server
 * lends one session about twice the table's size from spare shared memory (one transaction of
 * these tables failed at the 1,594th on an idle PostgreSQL 15), so 801 would still fit in one
 * transaction there, but nothing guarantees that spare; 2,000 tables (which do fail in one
 * transaction) take about 150 s here, mostly PostgreSQL creating and dropping them:
 * ATHANOR_TEST_LOCK_TABLES=2000 runs that.
 *
 * A migration that does overflow the lock table fails with a LockTableFullError saying what to do.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { unavailable, withTestDatabase } from "../support/databases";
import { queryUrl } from "../support/introspect";
import { createProject, opCalls, type CliResult, type TestProject } from "../support/project";
import { writeMigration } from "./runner-fixtures";

const TABLES = Number(process.env.ATHANOR_TEST_LOCK_TABLES ?? 801);

/** One file of EntitySchemas: a serial primary key, a text column and an index on it. */
function entities(n: number): string {
  const lines = [
    `import { EntitySchema } from "typeorm";`,
    ``,
    `const item = (i: number) =>`,
    `  new EntitySchema({`,
    "    name: `Item${i}`,",
    "    tableName: `item_${i}`,",
    `    columns: { id: { type: "int", primary: true, generated: "increment" }, name: { type: "text" } },`,
    "    indices: [{ name: `ix_item_${i}_name`, columns: [\"name\"] }],",
    `  });`,
    ``,
  ];
  for (let i = 0; i < n; i++) lines.push(`export const item${i} = item(${i});`);
  return `${lines.join("\n")}\n`;
}

async function ok(p: TestProject, ...args: string[]): Promise<CliResult> {
  const r = await p.cli(...args);
  assert.equal(r.code, 0, `athanor ${args.join(" ")} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

const count = async (url: string) => Number((await queryUrl<{ n: string }>(url, "SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'item\\_%'"))[0].n);

describe("postgres: migrations over the lock table's size", () => {
  it(`an initial migration of ${TABLES} tables is written as revisions that each fit the lock table; upgrade head applies them all, check finds nothing, downgrade base removes them`, async (t) => {
    const reason = await unavailable("postgres");
    if (reason) return t.skip(reason);
    await withTestDatabase("postgres", async (db) => {
      const [settings] = await queryUrl<{ per_tx: string; conns: string; prepared: string }>(
        db.url,
        "SELECT current_setting('max_locks_per_transaction') AS per_tx, current_setting('max_connections') AS conns, current_setting('max_prepared_transactions') AS prepared",
      );
      const budget = Math.floor((Number(settings.per_tx) * (Number(settings.conns) + Number(settings.prepared))) / 2) - 16;
      const p = createProject(db, { "items.ts": entities(TABLES) });
      const timings: string[] = [];
      const timed = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
        const started = Date.now();
        const out = await fn();
        timings.push(`${what} ${Date.now() - started} ms`);
        return out;
      };

      const generated = await timed("revision --autogenerate", () => ok(p, "revision", "--autogenerate", "-m", "initial", "--rev-id", "init", "--json"));
      const json = JSON.parse(generated.stdout) as { file: string; revision: string; operations: unknown[]; split?: { parts: { file: string; revision: string; ops: number }[]; locks: number; locksPerRevision: number; reason: string } };
      assert.equal(json.operations.length, TABLES);
      assert.ok(json.split, "the migration was not split");
      const parts = json.split.parts;
      const expected = Math.ceil(TABLES / Math.floor(budget / 8));
      assert.equal(parts.length, expected, `${parts.length} parts, expected ${expected} for a budget of ${budget}`);
      assert.equal(json.split.locks, TABLES * 8);
      assert.equal(json.split.locksPerRevision, budget);
      assert.match(json.split.reason, new RegExp(`^creating ${TABLES.toLocaleString("en-US")} tables takes about ${(TABLES * 8).toLocaleString("en-US")} locks, more than one transaction should hold here \\(at most `));
      assert.equal(json.file, parts[0].file);
      assert.equal(json.revision, "init");
      assert.deepEqual(parts.map((x) => x.revision), ["init", ...parts.slice(1).map((_, i) => `init_${i + 2}`)]);
      assert.equal(parts.reduce((n, x) => n + x.ops, 0), TABLES);
      assert.equal(p.migrationFiles().length, parts.length);

      // Each part: a child of the one before, its own message, only its own tables up and down.
      let created = 0;
      parts.forEach((part, i) => {
        const source = readFileSync(`${p.dir}/${part.file}`, "utf8");
        assert.match(source, new RegExp(`export const downRevision = ${i === 0 ? "null" : JSON.stringify(parts[i - 1].revision)};`));
        assert.match(source, new RegExp(`initial \\(part ${i + 1} of ${parts.length}\\)`));
        assert.match(source, /NOTE: part \d+ of \d+ of one change, split because creating/);
        const up = opCalls(source, "upgrade");
        const down = opCalls(source, "downgrade");
        assert.equal(up.length, part.ops);
        assert.ok(up.every((c) => c === "createTable") && down.every((c) => c === "dropTable") && down.length === up.length);
        assert.match(source, new RegExp(`name: "item_\\d+"`));
        created += up.length;
      });
      assert.equal(created, TABLES);

      // The text output says the same, and nothing is written twice.
      const plain = await timed("upgrade head", () => ok(p, "upgrade", "head"));
      assert.equal(await count(db.url), TABLES);
      const current = JSON.parse((await ok(p, "current", "--json")).stdout) as { current: string[] };
      assert.deepEqual(current.current, [parts[parts.length - 1].revision]);
      assert.match(plain.stdout + plain.stderr, new RegExp(parts[parts.length - 1].revision));
      const check = await timed("check", () => p.cli("check"));
      assert.equal(check.code, 0, `check found changes:\n${check.stdout}\n${check.stderr}`);

      await timed("downgrade base", () => ok(p, "downgrade", "base"));
      assert.equal(await count(db.url), 0);
      assert.deepEqual((JSON.parse((await ok(p, "current", "--json")).stdout) as { current: string[] }).current, []);
      t.diagnostic(`${parts.length} revisions of at most ${budget} locks; ${timings.join(", ")}`);
    });
  });

  it("the text output of a split names every file and says why", async (t) => {
    const reason = await unavailable("postgres");
    if (reason) return t.skip(reason);
    await withTestDatabase("postgres", async (db) => {
      const [s] = await queryUrl<{ settings: string }>(
        db.url,
        "SELECT concat_ws(',', current_setting('max_locks_per_transaction'), current_setting('max_connections'), current_setting('max_prepared_transactions')) AS settings",
      );
      if (s.settings !== "64,100,0") return t.skip(`the server's lock settings are not the defaults: ${s.settings}`);
      // Just enough tables for two parts: 420 × 8 = 3,360 locks, 3,184 per part.
      const p = createProject(db, { "items.ts": entities(420) });
      const r = await ok(p, "revision", "--autogenerate", "-m", "initial");
      const files = p.migrationFiles();
      assert.equal(files.length, 2);
      const lines = r.stdout.trim().split("\n");
      assert.match(lines[0], /^Generated migrations\/versions\/\w+_initial_part_1_of_2\.ts \(398 operation\(s\)\)$/);
      assert.match(lines[1], /^Generated migrations\/versions\/\w+_initial_part_2_of_2\.ts \(22 operation\(s\)\)$/);
      assert.match(lines[2], /^Split into 2 revisions: creating 420 tables takes about 3,360 locks, more than one transaction should hold here \(at most 3,184: about half of PostgreSQL's lock table of 6,400 locks, max_locks_per_transaction 64 × 100 connections, which every session shares\)\. Each revision runs in its own transaction/);
    });
  });

  it("a migration whose transaction overflows the lock table fails with what to do, and leaves nothing applied", async (t) => {
    const reason = await unavailable("postgres");
    if (reason) return t.skip(reason);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, {});
      // Advisory locks fill the same table as DDL does, in milliseconds rather than the half
      // minute 1,600 CREATE TABLEs take, so other sessions on the server meet a full table only for
      // that long. Each lock is a distinct entry; the transaction fails long before the last.
      writeMigration(p, {
        revision: "a1a1a1a1a1a1",
        down: null,
        message: "too many locks",
        upgrade: `  await op.createTable({ name: "kept_out", columns: [{ name: "id", type: "integer", nullable: false }] });\n  await op.execute("SELECT count(pg_advisory_xact_lock(g)) FROM generate_series(1, 1000000) AS g");`,
        downgrade: `  await op.dropTable("kept_out");`,
      });
      const r = await p.cli("upgrade", "head");
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /out of shared memory: this migration takes more locks than the server's lock table holds/);
      assert.match(r.stderr, /Nothing of this migration remains: it was rolled back/);
      assert.match(r.stderr, /revision --autogenerate.*max_locks_per_transaction.*restart/s);
      assert.equal((await queryUrl(db.url, "SELECT 1 FROM pg_tables WHERE tablename = 'kept_out'")).length, 0);
    });
  });
});
