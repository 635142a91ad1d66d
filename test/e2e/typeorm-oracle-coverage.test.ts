/**
 * The oracle on what else TypeORM can declare: nested-set and materialized-path trees, version /
 * create / update / delete-date columns, explicit constraint names (primary key, unique, index,
 * foreign key), @Unique over two columns, a relation with `createForeignKeyConstraints: false`,
 * and an EntitySchema definition. Both ways, on every dialect.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl } from "../support/introspect";
import { createProject, fixtureEntities } from "../support/project";

for (const dialect of DIALECTS) {
  describe(`TypeORM oracle on ${dialect}: trees, dated columns, named constraints, EntitySchema`, () => {
    it("(a) TypeORM's synchronize then autogenerate: no changes", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("oracle/coverage"));
        await p.typeorm("sync");
        assert.deepEqual((await introspectUrl(db.url)).tables.map((x) => x.name), ["documents", "notes", "regions", "topics"]);
        const r = await p.cli("check");
        assert.equal(r.code, 0, `check found changes after synchronize:\n${r.stdout}${r.stderr}`);
      });
    });

    it("(b) athanor's initial migration leaves TypeORM nothing to do, and (c) a second autogenerate finds nothing", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("oracle/coverage"));
        let r = await p.cli("revision", "--autogenerate", "-m", "initial");
        assert.equal(r.code, 0, r.stderr);
        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(await p.typeorm("log"), []);
        const tables = (await introspectUrl(db.url)).tables;
        const documents = tables.find((x) => x.name === "documents")!;
        assert.deepEqual(documents.foreignKeys.map((fk) => fk.name), dialect === "sqlite" ? [documents.foreignKeys[0]?.name] : ["fk_documents_region"], "one foreign key: the loose relation has none");
        assert.deepEqual(documents.foreignKeys.map((fk) => fk.columns), [["region_id"]]);
        assert.ok(tables.find((x) => x.name === "regions")!.columns.some((c) => c.name === "nsleft"));
        assert.ok(tables.find((x) => x.name === "topics")!.columns.some((c) => c.name === "mpath"));
        r = await p.cli("revision", "--autogenerate", "-m", "again");
        assert.match(r.stdout, /No changes/);
      });
    });
  });
}
