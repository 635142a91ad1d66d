/**
 * Defaults compare by meaning on SQLite: two spellings are one default exactly when SQLite stores
 * the same value for both. Each "equal" pair is proven on a live database (same stored value,
 * same storage class); each "different" pair must stay a difference.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import { canonicalDefault } from "../../../src/dialects/sqlite/normalise";
import { withTestDatabase } from "../../support/databases";
import { EXCLUDE } from "./helpers";

interface Pair {
  readonly a: string;
  readonly b: string;
  readonly same: boolean;
}

const PAIRS: readonly Pair[] = [
  { a: "TRUE", b: "1", same: true },
  { a: "true", b: "1", same: true },
  { a: "FALSE", b: "0", same: true },
  { a: "(FALSE)", b: "0", same: true },
  { a: "+5", b: "5", same: true },
  { a: "0x1F", b: "31", same: true },
  { a: "-0x10", b: "-16", same: true },
  { a: "current_timestamp", b: "CURRENT_TIMESTAMP", same: true },
  { a: "(CURRENT_TIMESTAMP)", b: "CURRENT_TIMESTAMP", same: true },
  { a: "datetime( 'now' )", b: "datetime('now')", same: true },
  { a: "'x'", b: "('x')", same: true },
  // Different values, or different expressions SQLite evaluates on its own: never merged.
  { a: "CURRENT_TIMESTAMP", b: "datetime('now')", same: false },
  { a: "CURRENT_DATE", b: "CURRENT_TIMESTAMP", same: false },
  { a: "'1'", b: "1", same: false },
  { a: "'true'", b: "1", same: false },
  { a: "1.0", b: "1", same: false },
  { a: "'TRUE'", b: "TRUE", same: false },
  { a: "' '", b: "''", same: false },
  { a: "'a  b'", b: "'a b'", same: false },
  { a: "0", b: "1", same: false },
];

test("defaults by meaning: equal pairs compare equal, different pairs stay different", () => {
  for (const { a, b, same } of PAIRS) {
    assert.equal(canonicalDefault(a) === canonicalDefault(b), same, `${a} vs ${b}: ${canonicalDefault(a)} / ${canonicalDefault(b)}`);
  }
  assert.equal(canonicalDefault("NULL"), undefined, "a NULL default is no default");
  assert.equal(canonicalDefault("(null)"), undefined);
});

test("each pair declared equal stores the same value and storage class in SQLite", async () => {
  await withTestDatabase("sqlite", async (db) => {
    const conn = await sqliteDialect.connect({ filename: db.database });
    try {
      const equal = PAIRS.filter((p) => p.same && !/current|now/i.test(p.a));
      const cols = equal.flatMap((p, i) => [`"a${i}" DEFAULT (${p.a})`, `"b${i}" DEFAULT (${p.b})`]);
      await conn.query(`CREATE TABLE "d" ("id" integer PRIMARY KEY, ${cols.join(", ")})`);
      await conn.query(`INSERT INTO "d" DEFAULT VALUES`);
      const select = equal.flatMap((_, i) => [`"a${i}"`, `typeof("a${i}") AS "ta${i}"`, `"b${i}"`, `typeof("b${i}") AS "tb${i}"`]);
      const [row] = await conn.query<Record<string, unknown>>(`SELECT ${select.join(", ")} FROM "d"`);
      equal.forEach((p, i) => {
        assert.deepEqual([row![`a${i}`], row![`ta${i}`]], [row![`b${i}`], row![`tb${i}`]], `${p.a} vs ${p.b}`);
      });
    } finally {
      await conn.close();
    }
  });
});

test("a hand-written DEFAULT TRUE introspects equal to TypeORM's `default: true` (written as 1)", async () => {
  await withTestDatabase("sqlite", async (db) => {
    const conn = await sqliteDialect.connect({ filename: db.database });
    try {
      await conn.query(`CREATE TABLE "f" ("id" INTEGER PRIMARY KEY, "on" boolean NOT NULL DEFAULT TRUE, "off" boolean NOT NULL DEFAULT false)`);
      const [t] = (await sqliteDialect.introspect(conn, EXCLUDE)).tables;
      const model = (name: string, def: string) =>
        sqliteDialect.modelColumn({ tableName: "f", name, type: "boolean", length: "", unsigned: false, zerofill: false, array: false, nullable: false, default: def, primary: false });
      const strip = <T extends { rawType?: string }>({ rawType: _r, ...c }: T) => c;
      assert.deepEqual(strip(t!.columns[1]!), strip(model("on", "1")));
      assert.deepEqual(strip(t!.columns[2]!), strip(model("off", "0")));
      assert.deepEqual(t!.columns[0], { name: "id", type: "integer", rawType: "INTEGER", nullable: false }, "INTEGER PRIMARY KEY is not nullable");
    } finally {
      await conn.close();
    }
  });
});
