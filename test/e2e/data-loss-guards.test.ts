/**
 * A migration never loses rows silently: a narrowing change, SET NOT NULL, a NOT NULL column
 * without a default and the downgrade that re-adds a dropped NOT NULL column each stop BEFORE
 * changing anything when existing rows would not survive, with a message naming the table, the
 * column and the count of rows; once the rows are fixed, the same migration runs.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { migrate } from "../../src/api/migrate";
import { createRevision } from "../../src/api/revision";
import { MigrationFailedError } from "../../src/errors";
import type { Column } from "../../src/schema/types";
import { DIALECTS, unavailable, withTestDatabase, type TestDatabase, type TestDialect } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject } from "../support/project";
import { writeVersion } from "../support/in-process-project";

const ENUM = (d: TestDialect) => (d === "sqlite" ? "simple-enum" : "enum");

/** An entity `posts` with an int primary key `id` and `members`. */
const posts = (members: string) => `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("posts")
export class Post {
  @PrimaryColumn({ type: "int" })
  id!: number;

${members}
}
`;

interface Guarded {
  /** Column declarations before and after. */
  readonly before: string;
  readonly after: string;
  /** INSERT statements run between the two versions. */
  readonly rows: readonly string[];
  /** What the error message must say besides table and column ("1 row"…). */
  readonly message: RegExp;
  /** The column the check is about. */
  readonly column: string;
  /** Statements that make every row fit; then the same upgrade succeeds. */
  readonly fix: readonly string[];
  /** The column as it must still be after the refused upgrade. */
  readonly unchanged: (c: Column | undefined) => void;
}

/** Upgrades to `before` (athanor creates it), inserts rows, autogenerates `after`, upgrades. */
async function refusedThenFixed(db: TestDatabase, g: Guarded): Promise<void> {
  const v1 = writeVersion(db, "v1", { "post.ts": posts(g.before) });
  await createRevision(v1.project, { message: "posts", autogenerate: true, revisionId: "r1" });
  await migrate(v1.project, "upgrade", "head");
  for (const sql of g.rows) await queryUrl(db.url, sql);
  const rowsBefore = await queryUrl(db.url, "SELECT * FROM posts ORDER BY id");

  const v2 = writeVersion(db, "v2", { "post.ts": posts(g.after) });
  const rev = await createRevision(v2.project, { message: "change", autogenerate: true, revisionId: "r2" });
  assert.ok(rev.ops.length > 0, "the change autogenerates nothing");
  const error = await migrate(v2.project, "upgrade", "head").then(
    () => assert.fail("the upgrade ran although rows would not survive it"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof MigrationFailedError, String(error));
  assert.match(error.message, /"posts"/);
  assert.match(error.message, new RegExp(`"${g.column}"`));
  assert.match(error.message, g.message);
  assert.match(error.message, /None of its statements ran|Nothing of this migration remains/);
  assert.ok(error.hint && error.hint.length > 0, "the error says what to do");

  const table = (await introspectUrl(db.url)).tables.find((t) => t.name === "posts");
  g.unchanged(table?.columns.find((c) => c.name === g.column));
  assert.deepEqual(await queryUrl(db.url, "SELECT * FROM posts ORDER BY id"), rowsBefore, "the rows changed although the upgrade stopped");
  assert.deepEqual(
    (await queryUrl<{ version_num: string }>(db.url, "SELECT version_num FROM athanor_version")).map((r) => r.version_num),
    ["r1"],
  );

  for (const sql of g.fix) await queryUrl(db.url, sql);
  await migrate(v2.project, "upgrade", "head");
  assert.deepEqual(
    (await queryUrl<{ version_num: string }>(db.url, "SELECT version_num FROM athanor_version")).map((r) => r.version_num),
    ["r2"],
  );
}

const long = "x".repeat(110);

for (const dialect of DIALECTS) {
  describe(`data-loss guards on ${dialect}`, () => {
    const run = (name: string, only: readonly TestDialect[] | undefined, body: (db: TestDatabase) => Promise<void>) => {
      if (only && !only.includes(dialect)) return;
      it(name, async (t) => {
        const why = await unavailable(dialect);
        if (why) return t.skip(why);
        await withTestDatabase(dialect, body);
      });
    };

    if (dialect === "sqlite") {
      run("varchar(120) -> varchar(80) keeps a 110-character row whole (SQLite enforces no length)", undefined, async (db) => {
        const v1 = writeVersion(db, "v1", { "post.ts": posts(`  @Column({ type: "varchar", length: 120 }) title!: string;`) });
        await createRevision(v1.project, { message: "posts", autogenerate: true, revisionId: "r1" });
        await migrate(v1.project, "upgrade", "head");
        await queryUrl(db.url, `INSERT INTO posts (id, title) VALUES (1, '${long}')`);
        const v2 = writeVersion(db, "v2", { "post.ts": posts(`  @Column({ type: "varchar", length: 80 }) title!: string;`) });
        await createRevision(v2.project, { message: "change", autogenerate: true, revisionId: "r2" });
        await migrate(v2.project, "upgrade", "head");
        assert.deepEqual(await queryUrl(db.url, "SELECT title FROM posts"), [{ title: long }]);
      });
    } else {
      run("varchar(120) -> varchar(80) stops on a 110-character row, then runs once it is shortened", undefined, (db) =>
        refusedThenFixed(db, {
          before: `  @Column({ type: "varchar", length: 120 }) title!: string;`,
          after: `  @Column({ type: "varchar", length: 80 }) title!: string;`,
          rows: [`INSERT INTO posts (id, title) VALUES (1, '${long}'), (2, 'short')`],
          column: "title",
          message: /\b1 row\b.*varchar\(120\) → varchar\(80\)/,
          fix: [`UPDATE posts SET title = 'shortened' WHERE id = 1`],
          unchanged: (c) => assert.equal(c?.length, 120),
        }),
      );
    }

    run("a refused op later in a migration stops it before its earlier ops run (MySQL commits each DDL statement)", ["postgres", "mysql"], (db) =>
      refusedThenFixed(db, {
        before: `  @Column({ type: "varchar", length: 10, nullable: true }) note!: string | null;\n  @Column({ type: "varchar", length: 120 }) title!: string;`,
        after: `  @Column({ type: "varchar", length: 20, nullable: true }) note!: string | null;\n  @Column({ type: "varchar", length: 80 }) title!: string;`,
        rows: [`INSERT INTO posts (id, note, title) VALUES (1, 'n', '${long}')`],
        column: "title",
        message: /\b1 row\b.*varchar\(120\) → varchar\(80\)/,
        fix: [`UPDATE posts SET title = 'shortened' WHERE id = 1`],
        unchanged: (c) => assert.equal(c?.length, 120),
      }),
    );

    run("bigint -> int stops on a value out of range", ["postgres", "mysql"], (db) =>
      refusedThenFixed(db, {
        before: `  @Column({ type: "bigint" }) qty!: string;`,
        after: `  @Column({ type: "int" }) qty!: number;`,
        rows: [`INSERT INTO posts (id, qty) VALUES (1, 5000000000), (2, 7), (3, -6000000000)`],
        column: "qty",
        message: /\b2 rows\b/,
        fix: [`UPDATE posts SET qty = 5 WHERE id IN (1, 3)`],
        unchanged: (c) => assert.equal(c?.type, "bigint"),
      }),
    );

    run("decimal(10,2) -> decimal(10,1) stops on a value with two decimals", ["postgres", "mysql"], (db) =>
      refusedThenFixed(db, {
        before: `  @Column({ type: "decimal", precision: 10, scale: 2 }) price!: string;`,
        after: `  @Column({ type: "decimal", precision: 10, scale: 1 }) price!: string;`,
        rows: [`INSERT INTO posts (id, price) VALUES (1, 1.25), (2, 1.50)`],
        column: "price",
        message: /\b1 row\b/,
        fix: [`UPDATE posts SET price = 1.2 WHERE id = 1`],
        unchanged: (c) => assert.equal(c?.scale, 2),
      }),
    );

    run("an enum value removed stops on a row holding it", undefined, (db) =>
      refusedThenFixed(db, {
        before: `  @Column({ type: "${ENUM(dialect)}", enum: ["a", "b", "c"]${dialect === "postgres" ? `, enumName: "post_kind"` : ""} }) kind!: string;`,
        after: `  @Column({ type: "${ENUM(dialect)}", enum: ["a", "b"]${dialect === "postgres" ? `, enumName: "post_kind"` : ""} }) kind!: string;`,
        rows: [`INSERT INTO posts (id, kind) VALUES (1, 'c'), (2, 'a'), (3, 'c')`],
        column: "kind",
        message: /\b2 rows\b/,
        fix: [`UPDATE posts SET kind = 'b' WHERE kind = 'c'`],
        unchanged: (c) => assert.deepEqual(c?.enumValues, ["a", "b", "c"]),
      }),
    );

    run("SET NOT NULL stops on a column holding NULLs", undefined, (db) =>
      refusedThenFixed(db, {
        before: `  @Column({ type: "varchar", length: 40, nullable: true }) note!: string | null;`,
        after: `  @Column({ type: "varchar", length: 40 }) note!: string;`,
        rows: [`INSERT INTO posts (id, note) VALUES (1, NULL), (2, 'x')`],
        column: "note",
        message: /\b1 row\b.*NULL/,
        fix: [`UPDATE posts SET note = '' WHERE note IS NULL`],
        unchanged: (c) => assert.equal(c?.nullable, true),
      }),
    );

    run("a NOT NULL column without a default stops on a table with rows (MySQL would fill it silently)", undefined, (db) =>
      refusedThenFixed(db, {
        before: `  @Column({ type: "varchar", length: 40 }) title!: string;`,
        after: `  @Column({ type: "varchar", length: 40 }) title!: string;\n  @Column({ type: "int" }) score!: number;`,
        rows: [`INSERT INTO posts (id, title) VALUES (1, 'a'), (2, 'b')`],
        column: "score",
        message: /\b2 rows\b/,
        fix: [`DELETE FROM posts`],
        unchanged: (c) => assert.equal(c, undefined),
      }),
    );

    run("the downgrade of a dropped NOT NULL column stops on a table with rows, changing nothing", undefined, async (db) => {
      const v1 = writeVersion(db, "v1", { "post.ts": posts(`  @Column({ type: "varchar", length: 40 }) title!: string;\n  @Column({ type: "int" }) score!: number;`) });
      await createRevision(v1.project, { message: "posts", autogenerate: true, revisionId: "r1" });
      await migrate(v1.project, "upgrade", "head");
      await queryUrl(db.url, "INSERT INTO posts (id, title, score) VALUES (1, 'a', 3)");
      const v2 = writeVersion(db, "v2", { "post.ts": posts(`  @Column({ type: "varchar", length: 40 }) title!: string;`) });
      await createRevision(v2.project, { message: "drop score", autogenerate: true, revisionId: "r2" });
      const source = readFileSync(join(v2.project.migrationsDir, "versions", "r2_drop_score.ts"), "utf8");
      const downgrade = source.slice(source.indexOf("export async function downgrade"));
      assert.match(downgrade, /\/\/ re-creates "posts"\."score" empty: the data the upgrade dropped cannot be brought back/);
      assert.match(downgrade, /\/\/ NOT NULL without a default: stops before adding if "posts" has rows\n\s*await op\.addColumn\("posts"/);
      await migrate(v2.project, "upgrade", "head");
      const before = await introspectUrl(db.url);
      const rows = await queryUrl(db.url, "SELECT * FROM posts ORDER BY id");

      const error = await migrate(v2.project, "downgrade", "-1").then(
        () => assert.fail("the downgrade re-added a NOT NULL column to a table with rows"),
        (e: unknown) => e,
      );
      assert.ok(error instanceof MigrationFailedError, String(error));
      assert.match(error.message, /"posts"\."score".*\b1 row\b/);
      assert.deepEqual(await introspectUrl(db.url), before, "the downgrade changed the schema although it stopped");
      assert.deepEqual(await queryUrl(db.url, "SELECT * FROM posts ORDER BY id"), rows);
      assert.deepEqual((await queryUrl<{ version_num: string }>(db.url, "SELECT version_num FROM athanor_version")).map((r) => r.version_num), ["r2"]);
    });

    run("the CLI reports the stop in a few lines, without a stack trace, exit code 2", undefined, async (db) => {
      const p = createProject(db, { "post.ts": posts(`  @Column({ type: "varchar", length: 40, nullable: true }) note!: string | null;`) });
      assert.equal((await p.cli("revision", "--autogenerate", "-m", "posts")).code, 0);
      assert.equal((await p.cli("upgrade", "head")).code, 0);
      await queryUrl(db.url, "INSERT INTO posts (id, note) VALUES (1, NULL), (2, NULL), (3, 'x')");
      p.writeEntity("post.ts", posts(`  @Column({ type: "varchar", length: 40 }) note!: string;`));
      assert.equal((await p.cli("revision", "--autogenerate", "-m", "required note")).code, 0);
      const source = p.read(p.migrationFiles().find((f) => f.includes("required_note"))!);
      assert.match(source, /\/\/ sets NOT NULL: stops before altering if "posts"\."note" holds NULLs\n\s*await op\.alterColumn\("posts", "note"/);
      const r = await p.cli("upgrade", "head");
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /2 rows of "posts" hold NULL in "posts"\."note", which this op makes NOT NULL/);
      assert.match(r.stderr, /op\.execute/);
      assert.doesNotMatch(r.stderr, /^\s+at /m, `a stack trace:\n${r.stderr}`);
      assert.ok(r.stderr.trim().split("\n").length <= 8, `too long:\n${r.stderr}`);

      // Offline, the check is written for whoever runs the script, right before the alteration.
      const sql = await p.cli("upgrade", "head", "--sql");
      assert.equal(sql.code, 0, sql.stderr);
      const q = (n: string) => (dialect === "mysql" ? `\`${n}\`` : `"${n}"`);
      const lines = sql.stdout.split("\n");
      const at = lines.indexOf(`-- athanor: stop unless this returns 0 (sets NOT NULL): SELECT count(*) AS n FROM ${q("posts")} WHERE ${q("note")} IS NULL`);
      assert.ok(at >= 0, sql.stdout);
      assert.ok(lines.slice(at + 1).some((l) => /^ALTER TABLE|^CREATE TABLE .*__athanor_rebuild/.test(l)), `no alteration after the check:\n${sql.stdout}`);
    });
  });
}
