/**
 * SQLite zero-noise, proven by TypeORM itself on the kitchen-sink fixture (CHECKs, generated
 * columns, every default form, a collation, a partial index, an entity comment, type affinity,
 * AUTOINCREMENT and plain rowid keys):
 *  (a) after TypeORM's synchronize, `athanor check` finds nothing;
 *  (b) from an empty database, athanor's initial migration leaves TypeORM's log() empty;
 *  (c) a second autogenerate finds nothing.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withTestDatabase } from "../support/databases";
import { introspectUrl } from "../support/introspect";
import { createProject, fixtureEntities } from "../support/project";

const FIXTURE = () => fixtureEntities("kitchen-sink/sqlite");

describe("kitchen sink on SQLite", () => {
  it("(a) a schema TypeORM synchronized is clean to `athanor check`", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, FIXTURE());
      await p.typeorm("sync");
      assert.deepEqual(await p.typeorm("log"), [], "TypeORM itself is clean after its own synchronize");
      const r = await p.cli("check");
      assert.equal(r.code, 0, `check found changes after synchronize:\n${r.stdout}${r.stderr}`);
    });
  });

  it("(b) athanor's initial migration leaves TypeORM's log() empty and (c) a second autogenerate is empty", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, FIXTURE());
      let r = await p.cli("revision", "--autogenerate", "-m", "initial");
      assert.equal(r.code, 0, r.stderr);
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await p.typeorm("log"), []);
      r = await p.cli("revision", "--autogenerate", "-m", "again");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /No changes in schema detected/);
      assert.equal(p.migrationFiles().length, 1);
      r = await p.cli("downgrade", "base");
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual((await introspectUrl(db.url)).tables.map((t) => t.name), []);
    });
  });
});
