/**
 * Renames meet enum types named after their table and column (TypeORM's `<table>_<column>_enum`):
 * after `--rename-table` / `--rename-column` the column moves to the type its new name implies,
 * the old type goes, rows stay, and TypeORM agrees; the downgrade restores the old names.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unavailable, withTestDatabase } from "../support/databases";
import { queryUrl } from "../support/introspect";
import { createProject } from "../support/project";

const entity = (table: string, column: string) => `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("${table}")
export class Thing {
  @PrimaryColumn()
  id!: number;

  @Column({ name: "${column}", type: "enum", enum: ["low", "high"], default: "low" })
  level!: string;
}
`;

async function enumTypes(url: string): Promise<string[]> {
  return (await queryUrl<{ typname: string }>(url, `SELECT typname FROM pg_type WHERE typtype = 'e' ORDER BY typname`)).map((r) => r.typname);
}

describe("PostgreSQL enum types named after their table and column", () => {
  it("follow a table rename and a column rename, keeping rows, and come back on downgrade", async (t) => {
    const why = await unavailable("postgres");
    if (why) return t.skip(why);
    await withTestDatabase("postgres", async (db) => {
      const p = createProject(db, { "thing.ts": entity("thing", "level") });
      const ok = async (...args: string[]) => {
        const r = await p.cli(...args);
        assert.equal(r.code, 0, `athanor ${args.join(" ")}:\n${r.stdout}${r.stderr}`);
      };
      await ok("revision", "--autogenerate", "-m", "initial");
      await ok("upgrade", "head");
      await queryUrl(db.url, `INSERT INTO thing (id, level) VALUES (1, 'high'), (2, 'low')`);
      assert.deepEqual(await enumTypes(db.url), ["thing_level_enum"]);

      p.writeEntity("thing.ts", entity("gadget", "grade"));
      await ok("revision", "--autogenerate", "-m", "renames", "--rename-table", "thing:gadget", "--rename-column", "gadget.level:grade");
      await ok("upgrade", "head");
      assert.deepEqual(await enumTypes(db.url), ["gadget_grade_enum"]);
      assert.deepEqual(await p.typeorm("log"), []);
      assert.equal((await p.cli("check")).code, 0);
      assert.deepEqual(await queryUrl(db.url, `SELECT id, grade::text FROM gadget ORDER BY id`), [{ id: 1, grade: "high" }, { id: 2, grade: "low" }]);

      await ok("downgrade", "-1");
      assert.deepEqual(await enumTypes(db.url), ["thing_level_enum"]);
      assert.deepEqual(await queryUrl(db.url, `SELECT id, level::text FROM thing ORDER BY id`), [{ id: 1, level: "high" }, { id: 2, level: "low" }]);
    });
  });
});
