/** Numbered SQL pair migrations: how files become revisions, statements, and typed errors. */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { IrreversibleOperationError, SqlMigrationPairError } from "../../../src/errors";
import { loadSqlPairs } from "../../../src/runner/sql-pair-migrations";
import { splitSqlStatements } from "../../../src/runner/split-sql";
import { throwsWith } from "../throws-with";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "athanor-sql-pairs-"));
  mkdirSync(join(dir, "versions"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const versions = () => join(dir, "versions");
const write = (files: Record<string, string>) => {
  for (const [f, text] of Object.entries(files)) writeFileSync(join(versions(), f), text);
};
const load = () => loadSqlPairs(versions(), readdirSync(versions()).sort(), dir);

/** Runs a script's function with an `op` that records executed SQL. */
async function executed(fn: (ctx: never) => Promise<void>): Promise<string[]> {
  const sql: string[] = [];
  await fn({ op: { execute: async (s: string) => void sql.push(s) }, dialect: "sqlite" } as never);
  return sql;
}

describe("loadSqlPairs", () => {
  it("each pair is a revision named by its stem, chained in number order from a base", () => {
    write({
      "001_create_devices.up.sql": "CREATE TABLE devices (id integer primary key);\n",
      "001_create_devices.down.sql": "DROP TABLE devices;\n",
      "002_add_vlan.up.sql": "ALTER TABLE devices ADD COLUMN vlan integer;\n",
      "002_add_vlan.down.sql": "ALTER TABLE devices DROP COLUMN vlan;\n",
      "010_ignored_by_number_order.txt": "not sql",
    });
    const scripts = load();
    assert.deepEqual(
      scripts.map((s) => [s.revision, s.downRevisions, s.message, s.file]),
      [
        ["001_create_devices", [], "create devices", join("versions", "001_create_devices.up.sql")],
        ["002_add_vlan", ["001_create_devices"], "add vlan", join("versions", "002_add_vlan.up.sql")],
      ],
    );
  });

  it("numbers order numerically, not by name (9 before 10)", () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 10; i++) files[`${i}_step${i}.up.sql`] = `SELECT ${i};\n`;
    write(files);
    const scripts = load();
    assert.equal(scripts[8].revision, "9_step9");
    assert.deepEqual(scripts[9].downRevisions, ["9_step9"]);
  });

  it("upgrade runs each statement of the .up.sql through op.execute; downgrade the .down.sql", async () => {
    write({
      "001_a.up.sql": "-- create two tables\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\n",
      "001_a.down.sql": "DROP TABLE b;\nDROP TABLE a;",
    });
    const [s] = load();
    assert.deepEqual(await executed(s.upgrade), ["-- create two tables\nCREATE TABLE a (id int)", "CREATE TABLE b (id int)"]);
    assert.deepEqual(await executed(s.downgrade), ["DROP TABLE b", "DROP TABLE a"]);
    assert.equal(s.transactional, true);
  });

  it("a pair without .down.sql loads, and its downgrade is an IrreversibleOperationError naming the missing file", async () => {
    write({ "001_a.up.sql": "CREATE TABLE a (id int);\n" });
    const [s] = load();
    await assert.rejects(() => s.downgrade({} as never), (e: unknown) => e instanceof IrreversibleOperationError && e.message.includes("001_a.down.sql"));
  });

  it("-- athanor:no-transaction on the first line runs the pair outside a transaction", () => {
    write({ "001_a.up.sql": "-- athanor:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);\n", "001_a.down.sql": "DROP INDEX i;\n" });
    assert.equal(load()[0].transactional, false);
  });

  it("the checksum covers both files", () => {
    write({ "001_a.up.sql": "SELECT 1;\n", "001_a.down.sql": "SELECT 2;\n" });
    const before = load()[0].checksum;
    write({ "001_a.down.sql": "SELECT 3;\n" });
    assert.notEqual(load()[0].checksum, before);
  });

  it("a .down.sql without its .up.sql is a SqlMigrationPairError naming the file", () => {
    write({ "001_a.up.sql": "SELECT 1;\n", "002_b.down.sql": "SELECT 2;\n" });
    throwsWith(load, SqlMigrationPairError, ["002_b.down.sql", "002_b.up.sql"]);
  });

  it("a gap in the numbers is a SqlMigrationPairError naming the files on both sides", () => {
    write({ "001_a.up.sql": "SELECT 1;\n", "003_c.up.sql": "SELECT 3;\n" });
    throwsWith(load, SqlMigrationPairError, ["001_a.up.sql", "003_c.up.sql", "skip"]);
  });

  it("two pairs with one number are a SqlMigrationPairError naming both", () => {
    write({ "001_a.up.sql": "SELECT 1;\n", "002_b.up.sql": "SELECT 2;\n", "002_c.up.sql": "SELECT 3;\n" });
    throwsWith(load, SqlMigrationPairError, ["002_b.up.sql", "002_c.up.sql", "number 2"]);
  });

  it("a .sql file of another shape is a SqlMigrationPairError naming it", () => {
    write({ "schema.sql": "SELECT 1;\n" });
    throwsWith(load, SqlMigrationPairError, ["schema.sql", "NNN_name.up.sql"]);
  });
});

describe("splitSqlStatements", () => {
  it("splits at a ; that ends a line, not in the middle of one", () => {
    assert.deepEqual(splitSqlStatements("SELECT 1; SELECT 2;\nSELECT 3;  -- trailing note\nSELECT 4"), ["SELECT 1; SELECT 2", "SELECT 3", "-- trailing note\nSELECT 4"]);
  });

  it("ignores ; at a line end inside quotes, comments and dollar-quoted bodies", () => {
    const fn = "CREATE FUNCTION f() RETURNS int AS $body$\nBEGIN\n  RETURN 1;\nEND;\n$body$ LANGUAGE plpgsql;\n";
    assert.deepEqual(splitSqlStatements(fn), [fn.trim().slice(0, -1)]);
    assert.deepEqual(splitSqlStatements("INSERT INTO t VALUES ('a;\nb');\nINSERT INTO t VALUES ('it''s');\n"), ["INSERT INTO t VALUES ('a;\nb')", "INSERT INTO t VALUES ('it''s')"]);
    assert.deepEqual(splitSqlStatements("/* one;\ntwo; */\nSELECT 1;\n-- x;\n"), ["/* one;\ntwo; */\nSELECT 1"]);
    assert.deepEqual(splitSqlStatements("INSERT INTO t VALUES ('it\\'s;\n');\n"), ["INSERT INTO t VALUES ('it\\'s;\n')"]);
  });

  it("drops chunks that hold only comments or blanks", () => {
    assert.deepEqual(splitSqlStatements("-- nothing here\n\n/* nor here */\n"), []);
    assert.deepEqual(splitSqlStatements(";\n;\nSELECT 1;\n"), ["SELECT 1"]);
  });
});
