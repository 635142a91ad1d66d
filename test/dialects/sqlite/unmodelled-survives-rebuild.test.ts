/**
 * What SQLite's CREATE TABLE text holds beyond the IR (an unnamed CHECK, a column's ON CONFLICT
 * clause, a DEFERRABLE reference, WITHOUT ROWID…) is read into `table.unmodelled` verbatim and
 * written again by every table rebuild. Before, a rebuild dropped it without a word.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import type { Connection } from "../../../src/dialects/dialect";
import type { Table } from "../../../src/schema/types";
import { withTestDatabase } from "../../support/databases";
import { apply, EXCLUDE } from "./helpers";

async function withConnection(fn: (conn: Connection) => Promise<void>): Promise<void> {
  await withTestDatabase("sqlite", async (db) => {
    const conn = await sqliteDialect.connect({ filename: db.database });
    try {
      await fn(conn);
    } finally {
      await conn.close();
    }
  });
}

const table = async (conn: Connection, name: string): Promise<Table> => (await sqliteDialect.introspect(conn, EXCLUDE)).tables.find((t) => t.name === name)!;
const col = (t: Table, name: string) => t.columns.find((c) => c.name === name)!;

test("a hand-made CHECK(json_valid(\"info\")) survives an unrelated alterColumn (it was silently dropped by the rebuild)", async () => {
  await withConnection(async (conn) => {
    await conn.query(`CREATE TABLE "docs" ("id" INTEGER PRIMARY KEY, "title" varchar(20) NOT NULL, "info" text, CHECK(json_valid("info")))`);
    await conn.query(`INSERT INTO docs (title, info) VALUES ('a', '{"x":1}')`);
    const before = await table(conn, "docs");
    assert.deepEqual(before.unmodelled, [{ kind: "table constraint", name: "docs", definition: `CHECK(json_valid("info"))` }]);
    assert.equal(before.checks, undefined, "an unnamed CHECK is not a modelled check (TypeORM names every check it writes)");

    await apply(conn, { kind: "alterColumn", table: "docs", from: col(before, "title"), to: { ...col(before, "title"), length: 200 } });
    const after = await table(conn, "docs");
    assert.equal(col(after, "title").length, 200);
    assert.deepEqual(after.unmodelled, before.unmodelled, "still there after the rebuild");
    await assert.rejects(conn.query(`INSERT INTO docs (title, info) VALUES ('b', 'not json')`), /CHECK constraint failed/);
    assert.deepEqual(await conn.query(`SELECT title, info FROM docs`), [{ title: "a", info: '{"x":1}' }]);
  });
});

test("column clauses, table constraints and table options athanor does not model survive rebuilds verbatim", async () => {
  await withConnection(async (conn) => {
    await conn.query(`CREATE TABLE "p" ("id" integer NOT NULL, "code" text NOT NULL, PRIMARY KEY ("id"))`);
    await conn.query(
      `CREATE TABLE "odd" (` +
        `"k" text NOT NULL, ` +
        `"n" int NOT NULL ON CONFLICT REPLACE DEFAULT 0, ` +
        `"s" text CHECK (length(s) < 10) COLLATE nocase, ` +
        `"p" integer REFERENCES "p" ("id") DEFERRABLE INITIALLY DEFERRED, ` +
        `"gone" int CHECK ("gone" > 0), ` +
        `PRIMARY KEY ("k"), ` +
        `CHECK ("n" >= 0)` +
        `) WITHOUT ROWID`,
    );
    const before = await table(conn, "odd");
    assert.deepEqual(before.unmodelled, [
      { kind: "column constraint", name: "n", definition: "NOT NULL ON CONFLICT REPLACE" },
      { kind: "column constraint", name: "s", definition: "CHECK (length(s) < 10)" },
      { kind: "column constraint", name: "gone", definition: `CHECK ("gone" > 0)` },
      { kind: "foreign key clause", name: "fk_odd_p", definition: "DEFERRABLE INITIALLY DEFERRED" },
      { kind: "table constraint", name: "odd", definition: `CHECK ("n" >= 0)` },
      { kind: "table option", name: "odd", definition: "WITHOUT ROWID" },
    ]);
    assert.equal(col(before, "s").collation, "NOCASE", "COLLATE is modelled");
    assert.equal(col(before, "k").nullable, false, "a WITHOUT ROWID table's key is never NULL");
    await conn.query(`INSERT INTO p (id, code) VALUES (1, 'one')`);
    await conn.query(`INSERT INTO odd (k, n, s, p, gone) VALUES ('a', 1, 'x', 1, 1)`);

    // An unrelated change, then dropping the column that carries its own CHECK.
    await apply(conn, { kind: "addColumn", table: "odd", column: { name: "extra", type: "text", nullable: false, default: "'e'" } });
    await apply(conn, { kind: "alterColumn", table: "odd", from: col(before, "s"), to: { ...col(before, "s"), type: "varchar", length: 9 } });
    await apply(conn, { kind: "dropColumn", table: "odd", column: col(before, "gone") });
    const after = await table(conn, "odd");
    assert.deepEqual(after.unmodelled, before.unmodelled!.filter((u) => u.name !== "gone"));
    const [{ sql }] = await conn.query<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE name = 'odd'`);
    assert.match(sql, /\) WITHOUT ROWID$/);
    // Each clause still does what it did.
    await conn.query(`INSERT INTO odd (k, n, s) VALUES ('b', NULL, 'y')`);
    assert.deepEqual(await conn.query(`SELECT n FROM odd WHERE k = 'b'`), [{ n: 0 }], "ON CONFLICT REPLACE still puts the default for NULL");
    await assert.rejects(conn.query(`INSERT INTO odd (k, n, s) VALUES ('c', -1, 'y')`), /CHECK constraint failed/);
    await assert.rejects(conn.query(`INSERT INTO odd (k, n, s) VALUES ('c', 1, 'far too long')`), /CHECK constraint failed/);
    assert.deepEqual(await conn.query(`SELECT count(*) AS n FROM odd WHERE s = 'X'`), [{ n: 1 }], "COLLATE NOCASE kept");
    assert.deepEqual(after.foreignKeys.map((f) => [f.name, f.columns, f.referencedTable]), [["fk_odd_p", ["p"], "p"]], "one foreign key, not two");
    await conn.query("BEGIN");
    await conn.query(`INSERT INTO odd (k, n, s, p) VALUES ('d', 1, 'z', 2)`);
    await conn.query(`INSERT INTO p (id, code) VALUES (2, 'two')`);
    await conn.query("COMMIT");
    assert.deepEqual(await conn.query(`SELECT p FROM odd WHERE k = 'd'`), [{ p: 2 }], "the foreign key is still DEFERRABLE INITIALLY DEFERRED");
  });
});

test("a rebuild that would lose a clause it cannot write back (PRIMARY KEY DESC) refuses and says how to do it by hand", async () => {
  await withConnection(async (conn) => {
    await conn.query(`CREATE TABLE "kc" ("id" integer PRIMARY KEY DESC, "v" varchar(10))`);
    const before = await table(conn, "kc");
    assert.deepEqual(before.unmodelled, [{ kind: "key clause", name: "id: PRIMARY KEY DESC" }]);
    await assert.rejects(
      apply(conn, { kind: "alterColumn", table: "kc", from: col(before, "v"), to: { ...col(before, "v"), length: 20 } }),
      (e: Error & { hint?: string }) => /PRIMARY KEY DESC/.test(e.message) && /by hand/.test(e.hint ?? ""),
    );
    assert.deepEqual(await table(conn, "kc"), before, "nothing changed");
  });
});

test("an INTEGER PRIMARY KEY written without NOT NULL is read as not nullable, as the model reads it", async () => {
  await withConnection(async (conn) => {
    await conn.query(`CREATE TABLE "r1" ("id" INTEGER PRIMARY KEY, "v" text)`);
    await conn.query(`CREATE TABLE "r2" ("id" text PRIMARY KEY, "v" text)`);
    assert.equal(col(await table(conn, "r1"), "id").nullable, false, "the rowid is never NULL");
    // A non-INTEGER key of a rowid table does accept NULL in SQLite (a legacy quirk): left nullable.
    assert.equal(col(await table(conn, "r2"), "id").nullable, true);
    await conn.query(`INSERT INTO r2 (id, v) VALUES (NULL, 'x')`);
  });
});

test("dropping a column that a CHECK or a generated column still uses is refused up front, naming what uses it", async () => {
  await withConnection(async (conn) => {
    await conn.query(`CREATE TABLE "u" ("id" INTEGER PRIMARY KEY, "a" int, "b" int, "c" int AS ("b" * 2) VIRTUAL, CHECK ("a" > 0))`);
    const before = await table(conn, "u");
    await assert.rejects(apply(conn, { kind: "dropColumn", table: "u", column: col(before, "a") }), (e: Error & { hint?: string }) =>
      e.message.includes(`CHECK ("a" > 0)`) && /drop column "a"/.test(e.message) && /first/.test(e.hint ?? ""),
    );
    await assert.rejects(apply(conn, { kind: "dropColumn", table: "u", column: col(before, "b") }), /c AS \("b" \* 2\)/);
    await apply(conn, { kind: "dropColumn", table: "u", column: col(before, "c") });
    await apply(conn, { kind: "dropColumn", table: "u", column: col(await table(conn, "u"), "b") });
    assert.deepEqual((await table(conn, "u")).columns.map((c) => c.name), ["id", "a"]);
  });
});
