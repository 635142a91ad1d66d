/**
 * The MySQL/MariaDB kitchen sink (fixtures/kitchen-sink/mysql): native uuid keys and a nullable uuid
 * (MariaDB 10.7+), generated columns VIRTUAL and STORED, FULLTEXT and SPATIAL indexes, a CHECK, a
 * table comment, ENUM and SET, unsigned, zerofill and display widths, column charset/collation,
 * ON UPDATE CURRENT_TIMESTAMP(6), column comments, datetime precision, json, and foreign keys with
 * and without an index of their own. TypeORM is the oracle both ways; then one change per feature
 * is generated, upgraded, re-diffed and downgraded back to the start's catalog.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl, withoutRaw } from "../support/introspect";
import { createProject, fixtureEntities, opCalls, type TestProject } from "../support/project";
import { assertTables, FIXTURE_TABLES } from "../support/fixture-tables";

const KITCHEN_SINK = () => fixtureEntities("kitchen-sink/mysql");

/** What TypeORM's synchronize leaves out on MySQL/MariaDB: RdbmsSchemaBuilder.createNewChecks returns early for the MySQL family. */
const TYPEORM_SKIPS_CHECK = "ALTER TABLE `ks_author` ADD CONSTRAINT `chk_ks_author_age` CHECK (`age` >= 0 AND `age` < 200)";

/** The catalog as the introspector reads it, plus TypeORM's generated-column rows. */
async function catalog(url: string) {
  const schema = withoutRaw(await introspectUrl(url));
  const hasMetadata = (await queryUrl<{ n: number }>(url, "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'typeorm_metadata'"))[0].n;
  const rows = Number(hasMetadata) ? await queryUrl(url, "SELECT `table`, `name`, `value` FROM typeorm_metadata ORDER BY `table`, `name`") : [];
  return { schema, rows };
}

async function ok(p: TestProject, ...args: string[]) {
  const r = await p.cli(...args);
  assert.equal(r.code, 0, `athanor ${args.join(" ")}:\n${r.stdout}${r.stderr}`);
  return r;
}

async function initial(p: TestProject) {
  await ok(p, "revision", "--autogenerate", "-m", "initial");
  await ok(p, "upgrade", "head");
  await assertTables(p.db.url, FIXTURE_TABLES["kitchen-sink/mysql"], "the initial migration");
}

/** Generates the change, upgrades, proves TypeORM and athanor are satisfied, downgrades, proves the start is back. */
async function changeRoundTrip(p: TestProject, message: string): Promise<{ upgrade: string[]; downgrade: string[] }> {
  const start = await catalog(p.db.url);
  await ok(p, "revision", "--autogenerate", "-m", message);
  const file = p.migrationFiles().find((f) => f.includes(message.replaceAll(" ", "_")))!;
  const source = p.read(file);
  await ok(p, "upgrade", "head");
  assert.deepEqual(await p.typeorm("log"), [], "TypeORM's schema builder has nothing left to do after the change");
  const again = await p.cli("revision", "--autogenerate", "-m", "again");
  assert.match(again.stdout, /No changes in schema detected/, again.stdout + again.stderr);
  await ok(p, "downgrade", "-1");
  assert.deepEqual(await catalog(p.db.url), start, "downgrade returns to the start's catalog");
  return { upgrade: opCalls(source, "upgrade"), downgrade: opCalls(source, "downgrade") };
}

const edit = (source: string, pairs: [string, string][]): string =>
  pairs.reduce((s, [from, to]) => {
    assert.ok(s.includes(from), `fixture no longer contains ${from}`);
    return s.replace(from, to);
  }, source);

describe("kitchen sink on MySQL/MariaDB", () => {
  it("(a) after TypeORM's synchronize, athanor finds only the CHECK TypeORM never creates on MySQL, and nothing once it exists", async (t) => {
    const why = await unavailable("mysql");
    if (why) return t.skip(why);
    await withTestDatabase("mysql", async (db) => {
      const p = createProject(db, KITCHEN_SINK());
      await p.typeorm("sync");
      await assertTables(db.url, FIXTURE_TABLES["kitchen-sink/mysql"], "TypeORM's synchronize");
      assert.deepEqual(await p.typeorm("log"), [], "TypeORM reports nothing on its own schema");
      const r = await p.cli("check");
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^1 operation\(s\) needed/m);
      assert.match(r.stdout, /op\.addCheck\("chk_ks_author_age", "ks_author", "`age` >= 0 and `age` < 200"\)/);
      await queryUrl(db.url, TYPEORM_SKIPS_CHECK);
      await ok(p, "check");
      const rev = await p.cli("revision", "--autogenerate", "-m", "nothing");
      assert.match(rev.stdout, /No changes in schema detected/);
    });
  });

  it("(b) athanor's initial migration leaves TypeORM's log empty, (c) a second autogenerate is empty, downgrade base empties it", async (t) => {
    const why = await unavailable("mysql");
    if (why) return t.skip(why);
    await withTestDatabase("mysql", async (db) => {
      const p = createProject(db, KITCHEN_SINK());
      await initial(p);
      assert.deepEqual(await p.typeorm("log"), []);
      const rev = await p.cli("revision", "--autogenerate", "-m", "second");
      assert.match(rev.stdout, /No changes in schema detected/);
      const cat = await catalog(db.url);
      const author = cat.schema.tables.find((x) => x.name === "ks_author")!;
      const article = cat.schema.tables.find((x) => x.name === "ks_article")!;
      assert.deepEqual(
        author.columns.filter((c) => ["id", "externalId"].includes(c.name)).map((c) => [c.name, c.type, c.nullable]),
        [["id", "uuid", false], ["externalId", "uuid", true]],
        "uuid keys and a nullable uuid are MariaDB's native uuid, as TypeORM makes them",
      );
      assert.deepEqual(author.checks, [{ name: "chk_ks_author_age", expression: "`age` >= 0 and `age` < 200" }]);
      assert.equal(author.comment, "people who write; it's a comment");
      assert.deepEqual(article.indexes.filter((i) => i.method).map((i) => [i.name, i.method]), [["ft_ks_article_body", "fulltext"], ["sp_ks_article_place", "spatial"]]);
      assert.deepEqual(cat.rows, [
        { table: "ks_article", name: "label", value: "CONCAT(UPPER(title), ' x', quantity)" },
        { table: "ks_article", name: "total", value: "price * quantity" },
      ]);
      await ok(p, "downgrade", "base");
      assert.deepEqual((await catalog(db.url)).schema.tables, [], "downgrade base removes every table");
      assert.deepEqual((await catalog(db.url)).rows, [], "and TypeORM's generated-column rows");
    });
  });

  it("changes of generated columns, FULLTEXT/SPATIAL indexes, a CHECK, comments, charset/collation, enum/set, unsigned, precision, a new uuid: upgrade, re-diff empty, downgrade back", async (t) => {
    const why = await unavailable("mysql");
    if (why) return t.skip(why);
    await withTestDatabase("mysql", async (db) => {
      const start = KITCHEN_SINK();
      const p = createProject(db, start);
      await initial(p);
      p.writeEntity(
        "article.ts",
        edit(start["article.ts"], [
          ['asExpression: "price * quantity"', 'asExpression: "price * quantity * 2"'],
          ['generatedType: "STORED"', 'generatedType: "VIRTUAL"'],
          ['@Index("sp_ks_article_place", ["place"], { spatial: true })', ""],
          ['@Index("ft_ks_article_body", ["title", "body"], { fulltext: true })', '@Index("ft_ks_article_body", ["body"], { fulltext: true })'],
          [
            "  /** Foreign key without",
            '  @Column({ type: "decimal", precision: 10, scale: 2, asExpression: "price / 2", generatedType: "STORED" })\n  half!: string;\n\n  /** Foreign key without',
          ],
        ]),
      );
      p.writeEntity(
        "author.ts",
        edit(start["author.ts"], [
          ["`age` < 200", "`age` < 150"],
          ["it's a comment", "now another comment"],
          ['charset: "ascii"', 'charset: "latin1"'],
          ['enum: ["new", "active", "gone"], default: "new", comment: "life cycle"', 'enum: ["new", "active", "gone", "banned"], default: "new", comment: "life cycle, extended"'],
          ['type: "time", precision: 2', 'type: "time", precision: 3'],
          ['@Index("idx_ks_author_name_age")', '@Index("idx_ks_author_name_age", { fulltext: true })'],
          ['type: "int", unsigned: true, default: 18', 'type: "int", default: 18'],
          ['collation: "utf8mb4_bin"', 'collation: "utf8mb4_unicode_ci"'],
          ['enum: ["a", "b", "c"]', 'enum: ["a", "b", "c", "d"]'],
          ["  @Column({ type: \"time\"", '  @Column({ type: "uuid", nullable: true })\n  reviewerId!: string | null;\n\n  @Column({ type: "time"'],
        ]),
      );
      const { upgrade } = await changeRoundTrip(p, "many changes");
      assert.deepEqual(
        [...upgrade].sort(),
        [
          ...Array(8).fill("alterColumn"),
          ...["addColumn", "addColumn", "addCheck", "dropCheck", "setTableComment"],
          ...["createIndex", "createIndex", "dropIndex", "dropIndex", "dropIndex"],
        ].sort(),
      );
    });
  });

  it("changing a key's type moves the foreign keys out of the way and keeps every row", async (t) => {
    const why = await unavailable("mysql");
    if (why) return t.skip(why);
    await withTestDatabase("mysql", async (db) => {
      const start = KITCHEN_SINK();
      const p = createProject(db, start);
      await initial(p);
      await queryUrl(db.url, "INSERT INTO ks_owner (id, name) VALUES (1, 'ann'), (2, 'bob')");
      await queryUrl(db.url, "INSERT INTO ks_pet (name, ownerId) VALUES ('rex', 1), ('tom', 2), ('kit', 2)");
      const rows = async () => queryUrl(db.url, "SELECT p.name AS pet, o.name AS owner FROM ks_pet p JOIN ks_owner o ON o.id = p.ownerId ORDER BY p.id");
      const before = await rows();
      p.writeEntity("owner.ts", edit(start["owner.ts"], [['@PrimaryGeneratedColumn({ type: "int" })', '@PrimaryGeneratedColumn({ type: "bigint" })']]));
      const { upgrade, downgrade } = await changeRoundTrip(p, "bigint owner");
      assert.deepEqual(upgrade, ["dropForeignKey", "alterColumn", "alterColumn", "addForeignKey"]);
      assert.deepEqual(downgrade, ["dropForeignKey", "alterColumn", "alterColumn", "addForeignKey"]);
      assert.deepEqual(await rows(), before, "rows survive the downgrade");
      await ok(p, "upgrade", "head");
      assert.deepEqual(await rows(), before, "rows survive the upgrade");
      const pet = (await introspectUrl(db.url)).tables.find((x) => x.name === "ks_pet")!;
      assert.equal(pet.columns.find((c) => c.name === "ownerId")!.type, "bigint");
      assert.equal(pet.foreignKeys.length, 1);
    });
  });
});
