/**
 * TypeORM is the oracle, both ways, on a fixture of ten entities (inferred and explicit types,
 * nullable columns, defaults, a composite key, unique columns, multi-column indexes, ManyToOne,
 * OneToOne and ManyToMany) plus the dialect's own column types:
 *  (a) after TypeORM's synchronize builds the schema, athanor finds no changes;
 *  (b) from an empty database, athanor's initial migration, upgraded, leaves TypeORM's schema
 *      builder with no queries to run.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl } from "../support/introspect";
import { createProject, fixtureEntities } from "../support/project";
import { assertTables, FIXTURE_TABLES } from "../support/fixture-tables";

for (const dialect of DIALECTS) {
  describe(`TypeORM oracle on ${dialect}`, () => {
    it("(a) a schema built by TypeORM's synchronize autogenerates no changes", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("oracle/common", `oracle/${dialect}`));
        await p.typeorm("sync");
        await assertTables(db.url, [...FIXTURE_TABLES["oracle/common"], ...FIXTURE_TABLES[`oracle/${dialect}`]], "TypeORM's synchronize");
        const r = await p.cli("check");
        assert.equal(r.code, 0, `check found changes after synchronize:\n${r.stdout}${r.stderr}`);
        const rev = await p.cli("revision", "--autogenerate", "-m", "nothing");
        assert.match(rev.stdout, /No changes in schema detected/);
        assert.equal(p.migrationFiles().length, 0);
      });
    });

    it("(b) athanor's initial migration leaves TypeORM's schema builder nothing to do", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("oracle/common", `oracle/${dialect}`));
        let r = await p.cli("revision", "--autogenerate", "-m", "initial");
        assert.equal(r.code, 0, r.stderr);
        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        await assertTables(db.url, [...FIXTURE_TABLES["oracle/common"], ...FIXTURE_TABLES[`oracle/${dialect}`]], "the initial migration");
        assert.deepEqual(await p.typeorm("log"), []);
        r = await p.cli("check");
        assert.equal(r.code, 0, `check after upgrade:\n${r.stdout}${r.stderr}`);
        r = await p.cli("downgrade", "base");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual((await introspectUrl(db.url)).tables.map((t) => t.name), [], "downgrade base removes every table");
      });
    });
  });
}
