/**
 * The PostgreSQL kitchen sink (fixtures/kitchen-sink/postgres): checks, table comments, generated
 * STORED columns, partial indexes, index access methods, an exclusion constraint, defaults of every
 * kind and timestamp precisions, with TypeORM as the oracle both ways.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { describe, it } from "node:test";
import { unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl, withoutRaw } from "../support/introspect";
import { createProject, fixtureEntities } from "../support/project";
import { assertTables, FIXTURE_TABLES } from "../support/fixture-tables";

const entities = () => fixtureEntities("kitchen-sink/postgres");


describe("PostgreSQL kitchen sink, TypeORM as the oracle", () => {
  it("(a) after TypeORM's synchronize, athanor check finds nothing to change", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, entities());
      await p.typeorm("sync");
      await assertTables(db.url, FIXTURE_TABLES["kitchen-sink/postgres"], "TypeORM's synchronize");
      const r = await p.cli("check");
      assert.equal(r.code, 0, `check found changes after synchronize:\n${r.stdout}${r.stderr}`);
      assert.deepEqual(await p.typeorm("log"), [], "TypeORM is silent on its own schema too");
    });
  });

  it("(b) athanor's initial migration leaves TypeORM's log empty, (c) a second autogenerate finds nothing, and downgrade empties the database", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, entities());
      let r = await p.cli("revision", "--autogenerate", "-m", "initial");
      assert.equal(r.code, 0, r.stderr);
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      await assertTables(db.url, FIXTURE_TABLES["kitchen-sink/postgres"], "the initial migration");
      assert.deepEqual(await p.typeorm("log"), []);
      r = await p.cli("revision", "--autogenerate", "-m", "again");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /No changes in schema detected/);
      r = await p.cli("downgrade", "base");
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual((await introspectUrl(db.url)).tables, []);
      // TypeORM's record of the generated columns goes with them.
      assert.deepEqual(await queryUrl(db.url, `SELECT name FROM typeorm_metadata WHERE type = 'GENERATED_COLUMN'`), []);
    });
  });
});

/** Edits of the kitchen sink, each `[before, after]` text of product.ts/ledger.ts. */
const PRODUCT_EDITS: readonly [string, string][] = [
  // checks: one dropped, one changed, one added
  ["@Check(`\"qty\" BETWEEN 0 AND 1000`)\n", ""],
  ["`\"price\" >= 0`", "`\"price\" >= 1`"],
  ["@Exclusion(", "@Check(`\"weight\" > 0`)\n@Exclusion("],
  // table comment changed
  ["comment: \"Things we sell; it's a kitchen sink\"", "comment: \"Things we sell\""],
  // generated columns: expression changed, one made plain, one added
  ["asExpression: `\"price\" * \"qty\"`", "asExpression: `\"price\" * \"qty\" * 2`"],
  ["asExpression: `lower(\"name\") || '-' || \"status\"`, generatedType: \"STORED\", ", ""],
  ["  @Column({ type: \"text\", array: true", "  @Column({ type: \"int\", asExpression: `\"qty\" + 1`, generatedType: \"STORED\", nullable: true })\n  nextQty!: number | null;\n\n  @Column({ type: \"text\", array: true"],
  // partial index predicate changed
  ["{ where: `\"deleted\" = false` }", "{ where: `\"deleted\" = false AND \"qty\" > 0` }"],
  // a default of each kind changed
  ["default: { b: 1, a: [\"x\", \"y\"], aa: \"it's\" }", "default: { a: [\"x\"] }"],
  ["default: [\"a\", \"b\"]", "default: { k: \"v\" }"],
  ["default: 2.5", "default: 3.25"],
  ["default: -5", "default: 7"],
  ["default: \"draft\"", "default: \"live\""],
  ["\"CURRENT_TIMESTAMP(3)\"", "\"CURRENT_TIMESTAMP\""],
  ["\"LOCALTIMESTAMP(6)\"", "\"LOCALTIMESTAMP(2)\""],
  ["default: () => \"CURRENT_DATE\"", "default: () => \"'2020-01-01'\""],
  ["default: false", "default: true"],
];
const LEDGER_EDITS: readonly [string, string][] = [
  ["comment: `The \"ledger\"`", "comment: \"\""],
  ["@Check(`\"amount\" <> 0`)\n", ""],
  ["@PrimaryGeneratedColumn()", "@PrimaryGeneratedColumn({ type: \"bigint\" })"],
  ["id!: number;", "id!: string;"],
];

/**
 * The catalog with columns in name order: a generated column whose expression changes is dropped
 * and added again, so it comes back last (PostgreSQL cannot reorder columns).
 */
async function catalog(url: string) {
  const schema = withoutRaw(await introspectUrl(url));
  return { tables: schema.tables.map((t) => ({ ...t, columns: [...t.columns].sort((a, b) => (a.name < b.name ? -1 : 1)) })) };
}

function edit(source: string, edits: readonly [string, string][]): string {
  for (const [from, to] of edits) {
    assert.ok(source.includes(from), `fixture has ${from}`);
    source = source.replace(from, to);
  }
  return source;
}

describe("PostgreSQL kitchen sink: changes", () => {
  it("checks, comments, generated columns, partial-index predicates, defaults of each kind and serial → bigint: generate, upgrade, re-diff empty, TypeORM silent, downgrade to the starting catalog", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const start = entities();
      const p = createProject(db, start);
      let r = await p.cli("revision", "--autogenerate", "-m", "initial");
      assert.equal(r.code, 0, r.stderr);
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      await queryUrl(db.url, `INSERT INTO ks_product (name, price, qty) VALUES ('a', 2, 3)`);
      await queryUrl(db.url, `INSERT INTO ks_ledger (amount) VALUES (5)`);
      const before = await catalog(db.url);

      p.writeEntity("product.ts", edit(start["product.ts"]!, PRODUCT_EDITS));
      p.writeEntity("ledger.ts", edit(start["ledger.ts"]!, LEDGER_EDITS));
      r = await p.cli("revision", "--autogenerate", "-m", "change everything");
      assert.equal(r.code, 0, r.stderr);
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
      assert.deepEqual(await p.typeorm("log"), [], "TypeORM wants nothing after the change");
      r = await p.cli("check");
      assert.equal(r.code, 0, `check after the change:\n${r.stdout}${r.stderr}`);
      const [row] = await queryUrl<{ total: string; nextQty: number; slug: string | null }>(db.url, `SELECT total, "nextQty", slug FROM ks_product`);
      assert.deepEqual(row, { total: "12.00", nextQty: 4, slug: "a-draft" }, "generated values recomputed; the plain column kept its value");
      const [seq] = await queryUrl<{ type: string }>(db.url, `SELECT format_type(seqtypid, NULL) AS type FROM pg_sequence WHERE seqrelid = 'ks_ledger_id_seq'::regclass`);
      assert.equal(seq?.type, "bigint", "the serial's sequence follows its column to bigint");

      r = await p.cli("downgrade", "-1");
      assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
      assert.deepEqual(await catalog(db.url), before, "downgrade restores the starting catalog");
      const [back] = await queryUrl<{ type: string }>(db.url, `SELECT format_type(seqtypid, NULL) AS type FROM pg_sequence WHERE seqrelid = 'ks_ledger_id_seq'::regclass`);
      assert.equal(back?.type, "integer");
      p.writeEntity("product.ts", start["product.ts"]!);
      p.writeEntity("ledger.ts", start["ledger.ts"]!);
      assert.deepEqual(await p.typeorm("log"), [], "TypeORM is silent on the restored schema");
      // Without the change's revision, the restored database is at head and matches the start.
      rmSync(p.migrationFiles().find((f) => f.includes("change_everything"))!);
      r = await p.cli("check");
      assert.equal(r.code, 0, `check after downgrade:\n${r.stdout}${r.stderr}`);
    });
  });

  it("a generated expression spelt differently only rewrites TypeORM's row: values kept, TypeORM and athanor silent", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const start = entities();
      const p = createProject(db, start);
      let r = await p.cli("revision", "--autogenerate", "-m", "initial");
      assert.equal(r.code, 0, r.stderr);
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      await queryUrl(db.url, `INSERT INTO ks_product (name, price, qty) VALUES ('a', 2, 3)`);
      const [{ ctid }] = await queryUrl<{ ctid: string }>(db.url, `SELECT ctid::text FROM ks_product`);
      p.writeEntity("product.ts", edit(start["product.ts"]!, [["asExpression: `lower(\"name\") || '-' || \"status\"`", "asExpression: `LOWER(name) || '-' || (status)`"]]));
      r = await p.cli("revision", "--autogenerate", "-m", "respell");
      assert.equal(r.code, 0, r.stderr);
      r = await p.cli("upgrade", "head", "--sql");
      assert.equal(r.code, 0, r.stderr);
      const respell = r.stdout.slice(r.stdout.indexOf("respell"));
      assert.match(respell, /INSERT INTO "typeorm_metadata" .*'LOWER\(name\) \|\| ''-'' \|\| \(status\)'/, "TypeORM's row gets the new text");
      assert.doesNotMatch(respell, /DROP COLUMN|ADD COLUMN/, "no recompute for the same expression");
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
      assert.deepEqual(await p.typeorm("log"), []);
      r = await p.cli("check");
      assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
      const [row] = await queryUrl<{ ctid: string; slug: string }>(db.url, `SELECT ctid::text, slug FROM ks_product`);
      assert.deepEqual(row, { ctid, slug: "a-draft" }, "the row was not rewritten");
    });
  });
});
