/**
 * One table, two mappings; and silence is not an answer. Against the real servers:
 * - a junction table declared both by `@JoinTable({ name })` and by an `@Entity` of that name is
 *   one table: identical declarations merge silently (and TypeORM converges), differing ones merge
 *   into what TypeORM's synchronize leaves, with a warning naming the table and what differs, and
 *   declarations with different primary keys stop with a typed error naming the table;
 * - a declared view, an entity in another schema or database and a PostgreSQL exclusion constraint
 *   are named in warnings (and `// NOTE:` lines), never hidden behind "No changes".
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase, type TestDialect } from "../support/databases";
import { introspectUrl } from "../support/introspect";
import { createProject, fixtureEntities, opCalls, type TestProject } from "../support/project";
import { assertTables, FIXTURE_TABLES } from "../support/fixture-tables";

/** How many `op.createTable` calls of a migration create `table`. */
const createTables = (source: string, table: string) => source.split(new RegExp(`op\\.createTable\\(\\{\\s*name: "${table}"`)).length - 1;
const warnings = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("warning: "));

async function initialRevision(p: TestProject): Promise<string> {
  const r = await p.cli("revision", "--autogenerate", "-m", "initial");
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const files = p.migrationFiles();
  assert.equal(files.length, 1, r.stdout + r.stderr);
  return p.read(files[0]);
}

async function upgrade(p: TestProject): Promise<void> {
  const r = await p.cli("upgrade", "head");
  assert.equal(r.code, 0, r.stdout + r.stderr);
}

for (const dialect of DIALECTS) {
  describe(`one table, two mappings on ${dialect}`, () => {
    it("identical @Entity and @JoinTable: one createTable, no warning, TypeORM has nothing left to do", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("mappings/common", "mappings/twin"));
        const source = await initialRevision(p);
        assert.equal(createTables(source, "post_tags"), 1, source);
        await upgrade(p);
        assert.deepEqual(await p.typeorm("log"), []);
        const r = await p.cli("check");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.deepEqual(warnings(r.stderr), []);
      });
    });

    it("identical @Entity and @JoinTable: TypeORM's synchronize, then check finds nothing and says nothing", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("mappings/common", "mappings/twin"));
        await p.typeorm("sync");
        await assertTables(db.url, FIXTURE_TABLES["mappings/common"], "TypeORM's synchronize");
        assert.deepEqual(await p.typeorm("log"), [], "TypeORM converges on identical twins");
        const r = await p.cli("check");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.deepEqual(warnings(r.stderr), []);
      });
    });

    it("differing @Entity and @JoinTable: one merged table that upgrades and converges, a warning naming what differs, and TypeORM's synchronize leaves the same table", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("mappings/common", "mappings/differing"));
        const r0 = await p.cli("revision", "--autogenerate", "-m", "initial");
        assert.equal(r0.code, 0, r0.stdout + r0.stderr);
        const [warning] = warnings(r0.stderr).filter((w) => w.includes('table "post_tags"'));
        assert.ok(warning, r0.stderr);
        for (const part of ["entity PostTag", "the @JoinTable of Post.tags", 'column "weight" only in entity PostTag: kept', "ON UPDATE CASCADE vs NO ACTION", "entity PostTag's definition is kept"]) {
          assert.ok(warning.includes(part), `${warning}\nshould mention ${part}`);
        }
        const source = p.read(p.migrationFiles()[0]);
        assert.equal(createTables(source, "post_tags"), 1, source);
        assert.ok(source.includes(`// NOTE: table "post_tags" is declared by entity PostTag and the @JoinTable of Post.tags`), source);
        await upgrade(p);

        const built = (await introspectUrl(db.url)).tables.find((x) => x.name === "post_tags")!;
        assert.deepEqual(built.columns.map((c) => c.name), ["postsId", "tagsId", "weight"]);
        assert.equal(built.indexes.length, 2);
        assert.deepEqual(built.foreignKeys.map((fk) => [fk.columns[0], fk.onDelete, fk.onUpdate]).sort(), [["postsId", "CASCADE", "NO ACTION"], ["tagsId", "NO ACTION", "NO ACTION"]]);

        let r = await p.cli("check");
        assert.equal(r.code, 0, `the merged table must converge:\n${r.stdout}${r.stderr}`);
        assert.ok(warnings(r.stderr).some((w) => w.includes('table "post_tags"')), r.stderr);
        r = await p.cli("revision", "--autogenerate", "-m", "again");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /No changes/);
        assert.equal(p.migrationFiles().length, 1);

        // TypeORM's synchronize on that table (it never settles: it rebuilds keys and indexes
        // every run) leaves what athanor built, so check still finds nothing to do.
        await p.typeorm("sync");
        r = await p.cli("check");
        assert.equal(r.code, 0, `after TypeORM's synchronize:\n${r.stdout}${r.stderr}`);
      });
    });

    it("differing @Entity and @JoinTable after TypeORM's synchronize: check proposes nothing (it used to drop each foreign key twice and re-add conflicting twins) and warns", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("mappings/common", "mappings/differing"));
        await p.typeorm("sync");
        await assertTables(db.url, FIXTURE_TABLES["mappings/common"], "TypeORM's synchronize");
        const r = await p.cli("check");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.ok(warnings(r.stderr).some((w) => w.includes('table "post_tags"')), r.stderr);
      });
    });

    it("a declared view is named in a warning and a note, never hidden behind No changes", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("mappings/common"));
        await initialRevision(p);
        await upgrade(p);
        p.writeEntity("tag-label.ts", fixtureEntities("mappings/view")["tag-label.ts"]);
        let r = await p.cli("check");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /No changes/);
        const [warning] = warnings(r.stderr);
        assert.match(warning ?? "", /a view is declared \(@ViewEntity\) but athanor does not manage views yet.*"tag_labels" \(entity TagLabel\)/, r.stderr);
        r = await p.cli("revision", "--autogenerate", "-m", "add view");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /No changes/);
        assert.ok(r.stderr.includes('"tag_labels" (entity TagLabel)'), r.stderr);
      });
    });

    it("an entity in another schema or database is left out of the diff, with its foreign keys, and named in a warning", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { ...fixtureEntities("mappings/common"), "audit-event.ts": elsewhereEntity(dialect) });
        const r = await p.cli("revision", "--autogenerate", "-m", "initial");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const source = p.read(p.migrationFiles()[0]);
        const code = source.split("\n").filter((l) => !l.trim().startsWith("//"));
        assert.ok(!code.some((l) => l.includes("audit_events")), `no op may touch the other schema's table:\n${source}`);
        assert.deepEqual(opCalls(source, "upgrade").filter((c) => c === "createTable").length, 4);
        const w = warnings(r.stderr);
        assert.ok(w.some((x) => /table lives in another schema or database/.test(x) && x.includes("audit_events") && x.includes("entity AuditEvent")), r.stderr);
        assert.ok(w.some((x) => /foreign key references a table in another schema or database/.test(x) && x.includes("entity Comment")), r.stderr);
        assert.ok(source.includes("// NOTE: an entity's table lives in another schema or database"), source);
        await upgrade(p);
        const check = await p.cli("check");
        assert.equal(check.code, 0, check.stdout + check.stderr);
        assert.ok(check.stderr.includes("audit_events"), check.stderr);
      });
    });
  });
}

/** An entity in another schema (PostgreSQL) or database (MariaDB, an attached SQLite file), and one referencing it. */
function elsewhereEntity(dialect: TestDialect): string {
  const where = dialect === "postgres" ? `schema: "audit"` : `database: "audit${dialect === "sqlite" ? ".sqlite" : ""}"`;
  return `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";

@Entity({ name: "audit_events", ${where} })
export class AuditEvent {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "varchar", length: 50 }) action!: string;
}

@Entity("comments")
export class Comment {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => AuditEvent, { nullable: true }) event!: AuditEvent | null;
}
`;
}

describe("one table, two mappings: different primary keys", () => {
  it("stop with a typed error naming the table and both keys, and write nothing", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, fixtureEntities("mappings/common", "mappings/conflict"));
      const r = await p.cli("revision", "--autogenerate", "-m", "initial");
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /table "post_tags" is mapped twice with different primary keys: \(id\) by entity PostTag, \(postsId, tagsId\) by the @JoinTable of Post\.tags/);
      assert.match(r.stderr, /synchronize: false/);
      assert.deepEqual(p.migrationFiles(), []);
    });
  });
});

describe("PostgreSQL exclusion constraints", () => {
  it("an @Exclusion added to an existing table (which athanor does not alter) is named in a warning and a note; one created with its table is not", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const booking = (exclusion: string) => `import { Column, Entity, Exclusion, PrimaryGeneratedColumn } from "typeorm";

@Entity("bookings")
${exclusion}
export class Booking {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "tsrange" }) during!: string;
}
`;
      const p = createProject(db, { "booking.ts": booking("") });
      await initialRevision(p);
      await upgrade(p);
      p.writeEntity("booking.ts", booking(`@Exclusion("ex_bookings_during", 'USING gist ("during" WITH &&)')`));
      const check = await p.cli("check");
      assert.equal(check.code, 0, check.stdout + check.stderr);
      assert.ok(warnings(check.stderr).some((w) => w.includes(`exclusion constraint "ex_bookings_during" on "bookings"`) && w.includes("athanor does not create")), check.stderr);
      const r = await p.cli("revision", "--autogenerate", "-m", "exclusion");
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.ok(warnings(r.stderr).some((w) => w.includes(`exclusion constraint "ex_bookings_during" on "bookings"`)), r.stderr);

      // Declared from the start, the exclusion is created with its table: nothing to say then.
      await withTestDatabase("postgres", async (db2) => {
        const q = createProject(db2, { "booking.ts": booking(`@Exclusion("ex_bookings_during", 'USING gist ("during" WITH &&)')`) });
        await initialRevision(q);
        await upgrade(q);
        const c = await q.cli("check");
        assert.equal(c.code, 0, c.stdout + c.stderr);
        assert.ok(!c.stderr.includes("ex_bookings_during"), c.stderr);
        assert.deepEqual(await q.typeorm("log"), []);
      });
    });
  });
});
