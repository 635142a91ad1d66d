/**
 * The PostgreSQL kitchen sink (fixtures/kitchen-sink/postgres): checks, table comments, generated
 * STORED columns, partial indexes, index access methods, an exclusion constraint, defaults of every
 * kind and timestamp precisions, with TypeORM as the oracle both ways.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl, withoutRaw } from "../support/introspect";
import { createProject, fixtureEntities } from "../support/project";

const entities = () => fixtureEntities("kitchen-sink/postgres");


describe("PostgreSQL kitchen sink, TypeORM as the oracle", () => {
  it("(a) after TypeORM's synchronize, athanor check finds nothing to change", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, entities());
      await p.typeorm("sync");
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

export { withoutRaw };
