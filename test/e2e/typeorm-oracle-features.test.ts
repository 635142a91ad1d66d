/**
 * The oracle again, on what TypeORM's metadata adds beyond plain entities: single-table
 * inheritance, embedded columns (with a prefix), a closure-table tree, an entity with
 * `synchronize: false` (never created, never dropped), and a project naming strategy.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject, fixtureEntities, REPO } from "../support/project";
import { assertTables, FIXTURE_TABLES } from "../support/fixture-tables";

const naming = {
  files: { "snake-naming.ts": readFileSync(join(REPO, "fixtures", "oracle", "naming", "snake-naming.ts"), "utf8") },
  imports: 'import { SnakeNamingStrategy } from "./snake-naming";',
  dataSourceOptions: "namingStrategy: new SnakeNamingStrategy()",
};

for (const dialect of DIALECTS) {
  describe(`TypeORM oracle on ${dialect}: inheritance, embeddeds, trees, synchronize: false, naming strategy`, () => {
    it("(a) TypeORM's synchronize then autogenerate: no changes", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("oracle/features"), naming);
        await p.typeorm("sync");
        await assertTables(db.url, FIXTURE_TABLES["oracle/features"], "TypeORM's synchronize");
        const r = await p.cli("check");
        assert.equal(r.code, 0, `check found changes after synchronize:\n${r.stdout}${r.stderr}`);
      });
    });

    it("(b) athanor's initial migration leaves TypeORM nothing to do, and never creates the synchronize: false table", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("oracle/features"), naming);
        let r = await p.cli("revision", "--autogenerate", "-m", "initial");
        assert.equal(r.code, 0, r.stderr);
        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(await p.typeorm("log"), []);
        const tables = (await introspectUrl(db.url)).tables;
        assert.deepEqual(tables.map((x) => x.name), ["account_events", "contents", "customers", "folders", "folders_closure"]);
        assert.deepEqual(
          tables.find((x) => x.name === "customers")!.columns.map((c) => c.name),
          ["id", "address_street", "address_city", "bill_street", "bill_city"],
        );
        assert.ok(tables.find((x) => x.name === "contents")!.columns.some((c) => c.name === "kind"));
        assert.ok(tables.find((x) => x.name === "account_events")!.columns.some((c) => c.name === "retry_count"));

        // The synchronize: false entity's table, made by hand, is left alone: no drop.
        await queryUrl(db.url, "CREATE TABLE legacy_report (id int PRIMARY KEY, payload text, extra int)");
        r = await p.cli("check");
        assert.equal(r.code, 0, `a synchronize: false table must never be diffed:\n${r.stdout}${r.stderr}`);
      });
    });
  });
}
