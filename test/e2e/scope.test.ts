/**
 * Scope on real servers: a database that holds more than the entities map (tables owned by another
 * part of the application, a leftover table with rows and a foreign key, hand-made indexes, on
 * PostgreSQL an undeclared expression index and an unused enum type).
 *
 * - Without scope rules, the unmapped tables and the undeclared index are proposed for dropping,
 *   listed together and loudly with the flags and config lines that keep them; those, used as
 *   printed, make the diff empty.
 * - Excluded by config (glob form and includeObject form), `check` exits 0 and autogenerate
 *   writes nothing.
 * - An include rule limits the diff to the included tables.
 * - `@Index(name, { synchronize: false })` names an index made by hand: it is never dropped nor
 *   re-created, as TypeORM leaves it.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase, type TestDatabase, type TestDialect } from "../support/databases";
import { queryUrl } from "../support/introspect";
import { createProject, type TestProject } from "../support/project";

const user = (extra = "") => `import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity("users")
@Index("idx_users_name_hand", { synchronize: false })
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 100 })
  name!: string;

  @Column({ type: "varchar", length: 10 })
  birthday!: string;
${extra}}
`;

const post = (extra = "") => `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("posts")
export class Post {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 200 })
  title!: string;
${extra}}
`;

const CONFIG_HEAD = `dataSource: "./src/data-source.ts", migrations: "./migrations"`;

/** The name `schema.table` patterns use on each dialect for the test's database. */
function schemaName(db: TestDatabase): string {
  return db.dialect === "postgres" ? "public" : db.dialect === "mysql" ? db.database : "main";
}

/** What the rest of the application made by hand around the entities' tables. */
async function addUnmappedObjects(db: TestDatabase): Promise<void> {
  const statements = [
    "CREATE TABLE audit_events (id integer PRIMARY KEY, message varchar(200))",
    "INSERT INTO audit_events (id, message) VALUES (1, 'kept')",
    "CREATE INDEX idx_audit_events_message ON audit_events (message)",
    "CREATE TABLE legacy_orders (id integer PRIMARY KEY, user_id integer, CONSTRAINT fk_legacy_orders_user FOREIGN KEY (user_id) REFERENCES users (id))",
    "INSERT INTO users (name, birthday) VALUES ('ann', '1990-05-17')",
    "INSERT INTO legacy_orders (id, user_id) VALUES (1, 1)",
    ...(db.dialect === "postgres"
      ? [
          // A GIN index written by hand in a migration, which the entity names with synchronize: false.
          "CREATE INDEX idx_users_name_hand ON users USING gin (to_tsvector('simple', name))",
          // An expression index no entity declares.
          "CREATE INDEX idx_users_birthday_md ON users (substr(birthday, 6, 5))",
          "CREATE TYPE mood AS ENUM ('happy', 'sad')",
        ]
      : ["CREATE INDEX idx_users_name_hand ON users (name)"]),
  ];
  for (const sql of statements) await queryUrl(db.url, sql);
}

function writeConfig(p: TestProject, body: string): void {
  writeFileSync(join(p.dir, "athanor.config.ts"), `export default { ${CONFIG_HEAD}, ${body} };\n`);
}

interface CheckJson {
  upToDate: boolean;
  operations: { kind: string; table?: string | { name: string }; index?: { name: string }; column?: { name: string } }[];
  unmappedDrops: { kind: string; table: string; name: string; keepFlag?: string; keepDeclaration?: string; keepConfig: string[] }[];
}

async function checkJson(p: TestProject, ...args: string[]): Promise<{ code: number; json: CheckJson; stderr: string }> {
  const r = await p.cli("check", "--json", ...args);
  assert.ok(r.code === 0 || r.code === 1, `check failed (${r.code}): ${r.stderr}`);
  return { code: r.code, json: JSON.parse(r.stdout) as CheckJson, stderr: r.stderr };
}

async function skipUnless(dialect: TestDialect, t: { skip(why: string): void }): Promise<boolean> {
  const why = await unavailable(dialect);
  if (why) t.skip(why);
  return why === undefined;
}

for (const dialect of DIALECTS) {
  describe(`scope on ${dialect}`, () => {
    it("lists drops of unmapped tables and undeclared indexes loudly, and the printed flag and config lines keep them", async (t) => {
      if (!(await skipUnless(dialect, t))) return;
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "user.ts": user() });
        await p.typeorm("sync");
        let r = await p.cli("check");
        assert.equal(r.code, 0, `a synchronize: false index is never created either:\n${r.stdout}${r.stderr}`);
        await addUnmappedObjects(db);
        assert.deepEqual(await p.typeorm("log"), [], "TypeORM itself has nothing to do: it never sees unmapped tables, and leaves the synchronize: false index");

        r = await p.cli("check");
        assert.equal(r.code, 1, r.stderr);
        const warning = r.stdout.slice(r.stdout.indexOf("WARNING"));
        assert.match(warning, /^WARNING: this drops 2 table\(s\) that no entity maps \(their rows are lost\)/);
        assert.match(warning, /\n {2}table audit_events\n {2}table legacy_orders\n/);
        if (dialect === "postgres") assert.match(warning, /index idx_users_birthday_md on users/);
        assert.doesNotMatch(r.stdout, /idx_users_name_hand/, "the synchronize: false index is never touched");
        assert.doesNotMatch(r.stdout, /mood/, "an unused enum type is nothing athanor drops");
        const flagLine = warning.split("\n").find((l) => l.includes("--exclude-table"))!;
        assert.equal(flagLine.trim(), "--exclude-table audit_events --exclude-table legacy_orders");

        const { json } = await checkJson(p);
        assert.deepEqual(
          json.unmappedDrops.map((d) => `${d.kind}:${d.name}:${d.keepFlag ?? d.keepDeclaration}`),
          [
            "table:audit_events:--exclude-table audit_events",
            "table:legacy_orders:--exclude-table legacy_orders",
            ...(dialect === "postgres" ? ['index:idx_users_birthday_md:@Index("idx_users_birthday_md", { synchronize: false })'] : []),
          ],
        );

        r = await p.cli("revision", "--autogenerate", "-m", "leftovers");
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /WARNING: this drops 2 table\(s\)/);
        const file = p.migrationFiles()[0];
        const source = p.read(file);
        const upgrade = source.slice(source.indexOf("export async function upgrade"), source.indexOf("await op."));
        assert.match(upgrade, /\/\*\n\s+\* WARNING: this drops 2 table/, "a block comment opens upgrade");
        assert.match(upgrade, /\* {3}--exclude-table audit_events --exclude-table legacy_orders\n/);
        rmSync(file); // not applied: the database must stay at head for the next checks

        // The printed flags, used as printed, keep the tables.
        const flagged = await checkJson(p, ...flagLine.trim().split(" "));
        if (dialect === "postgres") {
          assert.deepEqual(flagged.json.operations.map((op) => `${op.kind}:${op.index?.name}`), ["dropIndex:idx_users_birthday_md"]);
        } else {
          assert.equal(flagged.code, 0, JSON.stringify(flagged.json.operations));
        }

        // The printed config lines, pasted into athanor.config.ts, keep everything listed.
        const configStart = warning.split("\n").findIndex((l) => l.startsWith("or in athanor.config.ts"));
        const configLines = warning.split("\n").slice(configStart + 1).filter((l) => l.trim() !== "");
        assert.equal(configLines.length, dialect === "postgres" ? 2 : 1);
        writeConfig(p, configLines.join("\n"));
        r = await p.cli("check");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.equal((await queryUrl(db.url, "SELECT id FROM legacy_orders")).length, 1, "reading never writes");
      });
    });

    it("excluded by glob patterns (plain and schema.table), check exits 0 and autogenerate writes nothing", async (t) => {
      if (!(await skipUnless(dialect, t))) return;
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "user.ts": user() });
        await p.typeorm("sync");
        await addUnmappedObjects(db);
        const keepIndex = dialect === "postgres" ? `includeObject: (o: { kind: string; name: string }) => !(o.kind === "index" && o.name === "idx_users_birthday_md"),` : "";
        writeConfig(p, `exclude: ["audit_*", "${schemaName(db)}.legacy_?rders"], ${keepIndex}`);
        let r = await p.cli("check");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        r = await p.cli("revision", "--autogenerate", "-m", "nothing");
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /No changes/);
        assert.deepEqual(p.migrationFiles(), []);

        // The same pattern under another schema's name matches nothing: the tables are dropped again.
        writeConfig(p, `exclude: ["audit_*", "elsewhere.legacy_?rders"], ${keepIndex}`);
        const { json } = await checkJson(p);
        assert.deepEqual(json.unmappedDrops.map((d) => d.name), ["legacy_orders"]);
      });
    });

    it("excluded by an includeObject function (Alembic's include_object), check exits 0; it is asked about both sides", async (t) => {
      if (!(await skipUnless(dialect, t))) return;
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "user.ts": user() });
        await p.typeorm("sync");
        await addUnmappedObjects(db);
        const log = join(p.dir, "asked.jsonl");
        writeConfig(
          p,
          `includeObject: (o: any) => {
            require("node:fs").appendFileSync(${JSON.stringify(log)}, JSON.stringify({ ...o, compareTo: o.compareTo !== undefined, object: o.object !== undefined }) + "\\n");
            // Leave alone whatever the entities do not declare (tables and indexes only the database has).
            return !((o.kind === "table" || o.kind === "index") && o.reflected && o.compareTo === undefined);
          },`,
        );
        const r = await p.cli("check");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const asked = readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
        const find = (q: Record<string, unknown>) => asked.find((a) => Object.entries(q).every(([k, v]) => a[k] === v));
        const schema = schemaName(db);
        assert.deepEqual(find({ kind: "table", name: "audit_events" }), { kind: "table", name: "audit_events", schema, reflected: true, compareTo: false, object: true });
        assert.deepEqual(find({ kind: "table", name: "users", reflected: false }), { kind: "table", name: "users", schema, reflected: false, compareTo: true, object: true });
        assert.ok(find({ kind: "table", name: "users", reflected: true, compareTo: true }));
        assert.ok(find({ kind: "column", name: "birthday", table: "users", reflected: true, compareTo: true }));
        assert.ok(find({ kind: "column", name: "birthday", table: "users", reflected: false, compareTo: true }));
        assert.ok(find({ kind: "foreignKey", table: "legacy_orders" }) === undefined, "nothing inside a left-out table is asked about");
        assert.ok(!asked.some((a) => a.name === "idx_users_name_hand"), "a synchronize: false index is out of the diff before includeObject");
        if (dialect === "postgres") assert.ok(find({ kind: "index", name: "idx_users_birthday_md", reflected: true, compareTo: false }));
      });
    });

    it("an include rule (flag or config, plain or schema.table) limits the diff to the included tables", async (t) => {
      if (!(await skipUnless(dialect, t))) return;
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "user.ts": user(), "post.ts": post() });
        await p.typeorm("sync");
        await addUnmappedObjects(db);
        p.writeEntity("user.ts", user(`\n  @Column({ type: "varchar", length: 40, nullable: true })\n  nickname!: string | null;\n`));
        p.writeEntity("post.ts", post(`\n  @Column({ type: "int", nullable: true })\n  score!: number | null;\n`));

        const describeOps = (json: CheckJson) =>
          json.operations.map((op) => `${op.kind}:${typeof op.table === "string" ? op.table : op.table?.name}${op.column ? `.${op.column.name}` : ""}`);
        let { json } = await checkJson(p, "--include-table", "posts");
        assert.deepEqual(describeOps(json), ["addColumn:posts.score"]);
        assert.deepEqual(json.unmappedDrops, []);

        writeConfig(p, `include: ["${schemaName(db)}.p*"]`);
        ({ json } = await checkJson(p));
        assert.deepEqual(describeOps(json), ["addColumn:posts.score"]);

        // A flag adds to the config's include.
        ({ json } = await checkJson(p, "--include-table", "users"));
        assert.deepEqual(
          describeOps(json).sort(),
          ["addColumn:posts.score", "addColumn:users.nickname", ...(dialect === "postgres" ? ["dropIndex:users"] : [])],
          "users is in scope again, with its undeclared expression index",
        );

        const r = await p.cli("revision", "--autogenerate", "-m", "score");
        assert.equal(r.code, 0, r.stderr);
        const source = p.read(p.migrationFiles()[0]);
        assert.match(source, /op\.addColumn\("posts"/);
        assert.doesNotMatch(source, /"users"|audit_events|legacy_orders/);
      });
    });
  });
}

describe("scope configuration errors", () => {
  it("a bad pattern or config value stops with a ConfigError (exit 2) saying what to write", async (t) => {
    if (!(await skipUnless("sqlite", t))) return;
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "user.ts": user() });
      let r = await p.cli("check", "--exclude-table", "audit_[0-9]*");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--exclude-table: the pattern "audit_\[0-9\]\*" uses "\["/);
      assert.match(r.stderr, /Only `\*` \(any characters\) and `\?` \(one character\) are wildcards/);

      writeConfig(p, `exclude: "audit_*"`);
      r = await p.cli("check");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /athanor\.config\.ts exclude must be a list of table patterns/);
      assert.match(r.stderr, /Write exclude: \["audit_\*", "legacy_orders"\]/);

      writeConfig(p, `includeObject: "yes"`);
      r = await p.cli("revision", "--autogenerate", "-m", "x");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /includeObject must be a function/);
      assert.deepEqual(p.migrationFiles(), []);
    });
  });
});
