/**
 * PostgreSQL types kitchen sink (fixtures/kitchen-sink/postgres-types): enum types (own, shared by
 * two tables through `enumName`, arrays of enums), arrays of int/varchar(n)/text, IDENTITY and
 * SERIAL keys, column collations and deferrable foreign keys, proven by TypeORM both ways, then one
 * change at a time: generate, upgrade, TypeORM content, re-diff empty, downgrade back to the
 * catalog of the start with the rows kept.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { describe, it } from "node:test";
import { unavailable, withTestDatabase, type TestDatabase } from "../support/databases";
import { introspectUrl, queryUrl, withoutRaw } from "../support/introspect";
import { createProject, fixtureEntities, opCalls, type TestProject } from "../support/project";
import { assertTables, FIXTURE_TABLES } from "../support/fixture-tables";

const FIXTURE = "kitchen-sink/postgres-types";

/** What the catalog holds beyond the IR that these changes touch: enum types and sequences. */
async function catalog(db: TestDatabase): Promise<unknown> {
  const enums = await queryUrl(
    db.url,
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE t.typnamespace = current_schema()::regnamespace GROUP BY t.typname ORDER BY t.typname`,
  );
  const sequences = await queryUrl(db.url, `SELECT relname FROM pg_class WHERE relkind = 'S' AND relnamespace = current_schema()::regnamespace ORDER BY relname`);
  return { schema: withoutRaw(await introspectUrl(db.url)), enums, sequences };
}

async function ok(p: TestProject, ...args: string[]): Promise<string> {
  const r = await p.cli(...args);
  assert.equal(r.code, 0, `athanor ${args.join(" ")}:\n${r.stdout}${r.stderr}`);
  return r.stdout + r.stderr;
}

const ROWS = `
INSERT INTO ks_author (name, status) VALUES ('ann', 'live'), ('bob', 'gone');
INSERT INTO ks_article (status, priority, colours, scores, labels, notes, slug, body, "authorId", "editorId")
  VALUES ('draft', 'low', '{red,blue}', '{1,2}', '{a,b}', '{x}', 'first', 'text', 1, 2),
         ('gone', NULL, '{}', NULL, '{}', NULL, 'second', NULL, 2, NULL);
INSERT INTO ks_counter (direction) VALUES ('out');
INSERT INTO ks_ledger (step, directions) VALUES (3, '{in,out}');`;

const ARTICLE_ROWS = `SELECT id, status::text, priority::text, colours::text, scores::bigint[]::text AS scores, labels::text, notes, slug, body, "authorId", "editorId" FROM ks_article ORDER BY id`;
const AUTHOR_ROWS = `SELECT id, name, status::text FROM ks_author ORDER BY id`;

async function rows(db: TestDatabase): Promise<unknown> {
  return { articles: await queryUrl(db.url, ARTICLE_ROWS), authors: await queryUrl(db.url, AUTHOR_ROWS) };
}

/** A project at the fixture's schema, upgraded by athanor, with rows in it. */
async function baseline(db: TestDatabase): Promise<TestProject> {
  const p = createProject(db, fixtureEntities(FIXTURE));
  await ok(p, "revision", "--autogenerate", "-m", "initial");
  await ok(p, "upgrade", "head");
  await assertTables(db.url, FIXTURE_TABLES["kitchen-sink/postgres-types"], "the initial migration");
  await queryUrl(db.url, ROWS);
  return p;
}

/**
 * Rewrites one fixture file, autogenerates and upgrades, checks TypeORM and athanor agree, runs
 * `during` on the changed database, downgrades, and checks the catalog and the rows of the start.
 * The change's migration file is removed afterwards so the next change starts from the baseline.
 */
async function change(
  p: TestProject,
  file: string,
  edit: (source: string) => string,
  expectOps: string[],
  during?: () => Promise<void>,
): Promise<string> {
  const db = p.db;
  const original = fixtureEntities(FIXTURE)[file]!;
  const edited = edit(original);
  assert.notEqual(edited, original, `the edit of ${file} changes something`);
  const start = await catalog(db);
  const startRows = await rows(db);
  p.writeEntity(file, edited);
  await ok(p, "revision", "--autogenerate", "-m", "change");
  const migration = p.migrationFiles().find((f) => f.includes("change"))!;
  const source = p.read(migration);
  assert.deepEqual(opCalls(source, "upgrade"), expectOps, source);
  await ok(p, "upgrade", "head");
  assert.deepEqual(await p.typeorm("log"), [], "TypeORM's schema builder has nothing left to do");
  const again = await p.cli("check");
  assert.equal(again.code, 0, `re-diff after upgrade:\n${again.stdout}${again.stderr}`);
  await during?.();
  await ok(p, "downgrade", "-1");
  assert.deepEqual(await catalog(db), start, "downgrade returns to the catalog of the start");
  assert.deepEqual(await rows(db), startRows, "rows kept");
  rmSync(migration);
  p.writeEntity(file, original);
  return source;
}

describe("PostgreSQL types kitchen sink", () => {
  it("(a) a schema built by TypeORM's synchronize autogenerates no changes", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, fixtureEntities(FIXTURE));
      await p.typeorm("sync");
      await assertTables(db.url, FIXTURE_TABLES["kitchen-sink/postgres-types"], "TypeORM's synchronize");
      const r = await p.cli("check");
      assert.equal(r.code, 0, `check found changes after synchronize:\n${r.stdout}${r.stderr}`);
      const schema = await introspectUrl(db.url);
      const article = schema.tables.find((x) => x.name === "ks_article")!;
      assert.deepEqual(
        Object.fromEntries(article.foreignKeys.map((fk) => [fk.columns.join(), fk.deferrable])),
        { authorId: "INITIALLY DEFERRED", editorId: "INITIALLY IMMEDIATE" },
        "TypeORM's deferrable keys read back",
      );
      assert.equal(article.columns.find((c) => c.name === "slug")?.collation, "C", "the comparison is not vacuous");
    });
  });

  it("(b) athanor's initial migration leaves TypeORM nothing to do, re-diffs empty, and downgrades to nothing", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, fixtureEntities(FIXTURE));
      await ok(p, "revision", "--autogenerate", "-m", "initial");
      await ok(p, "upgrade", "head");
      await assertTables(db.url, FIXTURE_TABLES["kitchen-sink/postgres-types"], "the initial migration");
      assert.deepEqual(await p.typeorm("log"), []);
      const r = await p.cli("revision", "--autogenerate", "-m", "again");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /No changes in schema detected/);
      await queryUrl(db.url, ROWS);
      assert.deepEqual(await queryUrl(db.url, `SELECT typname FROM pg_type WHERE typname = 'ks_status'`), [{ typname: "ks_status" }], "one shared type");
      await ok(p, "downgrade", "base");
      assert.deepEqual(await catalog(db), { schema: { tables: [] }, enums: [], sequences: [] }, "no table, enum type or sequence left");
    });
  });

  it("enum changes: a value added to the shared type moves both tables; a held value blocks its removal until the rows change", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = await baseline(db);
      await change(p, "status.ts", (s) => s.replace(`Gone = "gone",`, `Gone = "gone",\n  Archived = "archived",`), ["alterColumn", "alterColumn"], async () => {
        await queryUrl(db.url, `INSERT INTO ks_author (name, status) VALUES ('cy', 'archived')`);
        await queryUrl(db.url, `DELETE FROM ks_author WHERE name = 'cy'`);
      });
      await change(p, "article.ts", (s) => s.replace(`enum: ["low", "high"]`, `enum: ["low", "medium", "high"]`).replace(`enum: ["red", "green", "blue"]`, `enum: ["red", "blue"]`), [
        "alterColumn",
        "alterColumn",
      ]);

      // Removing "gone" while rows hold it: the upgrade stops, says why, and changes nothing.
      const before = await catalog(db);
      p.writeEntity("status.ts", fixtureEntities(FIXTURE)["status.ts"]!.replace(`  Gone = "gone",\n`, ""));
      await ok(p, "revision", "--autogenerate", "-m", "drop gone");
      const failed = await p.cli("upgrade", "head");
      assert.notEqual(failed.code, 0);
      assert.match(
        failed.stdout + failed.stderr,
        /1 row of "ks_article" holds a value in "ks_article"\."status" that enum ks_status\(draft, live, gone\) → enum ks_status\(draft, live\) would lose or alter; stopped before altering the column/,
      );
      assert.match(failed.stdout + failed.stderr, /rolled back/);
      assert.deepEqual(await catalog(db), before, "nothing changed");
      assert.deepEqual(await queryUrl(db.url, `SELECT count(*)::int AS n FROM ks_article WHERE status = 'gone'`), [{ n: 1 }]);
      await queryUrl(db.url, `UPDATE ks_author SET status = 'live' WHERE status = 'gone'; UPDATE ks_article SET status = 'draft' WHERE status = 'gone'`);
      await ok(p, "upgrade", "head");
      assert.deepEqual(await p.typeorm("log"), []);
      assert.equal((await p.cli("check")).code, 0);
      await ok(p, "downgrade", "-1");
      assert.deepEqual((await catalog(db) as { enums: unknown }).enums, (before as { enums: unknown }).enums);
    });
  });

  it("array changes: element type and length altered, an array column added and one dropped, rows kept", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = await baseline(db);
      await change(
        p,
        "article.ts",
        (s) =>
          s
            .replace(`type: "varchar", length: 30, array: true`, `type: "varchar", length: 60, array: true`)
            .replace(`type: "int", array: true`, `type: "bigint", array: true`),
        ["alterColumn", "alterColumn"],
      );
      await change(
        p,
        "ledger.ts",
        (s) => s.replace(`  @Column({ type: "smallint", default: 0 })`, `  @Column({ type: "text", array: true, default: ["a", "b"] })\n  tags!: string[];\n\n  @Column({ type: "smallint", default: 0 })`),
        ["addColumn"],
      );
      // The enum array leaves the shared type "ks_direction", which ks_counter still uses.
      await change(p, "ledger.ts", (s) => s.replace(/  @Column\(\{ type: "enum", enum: \["in", "out"\], enumName: "ks_direction", array: true[^\n]*\n[^\n]*\n/, ""), ["dropColumn"], async () => {
        assert.deepEqual(await queryUrl(db.url, `SELECT typname FROM pg_type WHERE typname = 'ks_direction'`), [{ typname: "ks_direction" }]);
      });
    });
  });

  it("an enum column moved off a shared type to its own keeps the shared type for the other column", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = await baseline(db);
      await change(p, "ledger.ts", (s) => s.replace(`enumName: "ks_direction", default: "in"`, `default: "in"`), ["alterColumn"], async () => {
        const types = await queryUrl<{ typname: string }>(db.url, `SELECT typname FROM pg_type WHERE typname IN ('ks_direction', 'ks_counter_direction_enum') ORDER BY 1`);
        assert.deepEqual(types.map((r) => r.typname), ["ks_counter_direction_enum", "ks_direction"]);
        assert.deepEqual(await queryUrl(db.url, `SELECT direction::text FROM ks_counter`), [{ direction: "out" }]);
      });
    });
  });

  it("serial and identity keys switch both ways, keeping rows and the next id", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = await baseline(db);
      await change(
        p,
        "author.ts",
        (s) => s.replace(`@PrimaryGeneratedColumn()`, `@PrimaryGeneratedColumn("identity")`),
        ["alterColumn"],
        async () => {
          const [row] = await queryUrl<{ id: number }>(db.url, `INSERT INTO ks_author (name) VALUES ('dee') RETURNING id`);
          assert.equal(row?.id, 3, "numbering continues after the serial's last value");
          await queryUrl(db.url, `DELETE FROM ks_author WHERE id = 3`);
        },
      );
      await change(p, "article.ts", (s) => s.replace(`@PrimaryGeneratedColumn("identity")`, `@PrimaryGeneratedColumn()`), ["alterColumn"], async () => {
        const [row] = await queryUrl<{ id: number }>(db.url, `INSERT INTO ks_article (slug, "authorId") VALUES ('third', 1) RETURNING id`);
        assert.equal(row?.id, 3);
        await queryUrl(db.url, `DELETE FROM ks_article WHERE id = 3`);
      });
    });
  });

  it("collation and deferrable changes alter in place and come back", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = await baseline(db);
      await change(
        p,
        "article.ts",
        (s) => s.replace(`length: 64, collation: "C"`, `length: 64`).replace(`collation: "POSIX"`, `collation: "C"`),
        ["alterColumn", "alterColumn"],
      );
      await change(p, "author.ts", (s) => s.replace(`length: 80, collation: "C"`, `length: 80, collation: "POSIX"`), ["alterColumn"]);
      const source = await change(
        p,
        "article.ts",
        (s) => s.replace(`deferrable: "INITIALLY DEFERRED", `, "").replace(`deferrable: "INITIALLY IMMEDIATE"`, `deferrable: "INITIALLY DEFERRED"`),
        ["dropForeignKey", "dropForeignKey", "addForeignKey", "addForeignKey"],
      );
      assert.match(source, /deferrable: "INITIALLY DEFERRED"/, "the migration says which keys are deferrable");
    });
  });
});
