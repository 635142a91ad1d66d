/**
 * Identifiers and literals that need quoting survive generate -> upgrade -> re-diff empty ->
 * downgrade: a table named `order`, columns with a space and quotes in their names, and a
 * default that would inject SQL if it were pasted into a statement unescaped.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject } from "../support/project";

const ORDER = `import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity("order")
@Index("idx order's \\"note\\"", ["unitPrice", "oClock"])
export class Order {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: "unit price", type: "int", default: 0 })
  unitPrice!: number;

  @Column({ name: "o'clock", type: "varchar", length: 20, nullable: true })
  oClock!: string | null;

  @Column({ name: 'say "hi"', type: "varchar", length: 60, default: "'; drop table x; --" })
  note!: string;

  @Column({ name: "select", type: "varchar", length: 10, default: "back\\\\slash" })
  keyword!: string;
}
`;

for (const dialect of DIALECTS) {
  describe(`quoting on ${dialect}`, () => {
    it("a table named order, quoted column names and an injection-shaped default round-trip", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "order.ts": ORDER });
        let r = await p.cli("revision", "--autogenerate", "-m", "order table");
        assert.equal(r.code, 0, r.stderr);
        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        const table = (await introspectUrl(db.url)).tables.find((x) => x.name === "order");
        assert.ok(table, "table order exists");
        assert.deepEqual(table.columns.map((c) => c.name), ["id", "unit price", "o'clock", 'say "hi"', "select"]);
        assert.deepEqual(table.indexes.map((i) => i.name), [`idx order's "note"`]);
        // The default is data, not SQL: a row inserted without it gets the literal text.
        const q = dialect === "mysql" ? "`" : '"';
        await queryUrl(db.url, `INSERT INTO ${q}order${q} (${q}o'clock${q}) VALUES ('noon')`);
        const rows = await queryUrl<Record<string, string>>(db.url, `SELECT * FROM ${q}order${q}`);
        assert.equal(rows[0]['say "hi"'], "'; drop table x; --");
        assert.equal(rows[0].select, "back\\slash");
        await queryUrl(db.url, `DELETE FROM ${q}order${q}`);

        r = await p.cli("check");
        assert.equal(r.code, 0, `re-diff after upgrade is not empty:\n${r.stdout}${r.stderr}`);
        r = await p.cli("downgrade", "base");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual((await introspectUrl(db.url)).tables, []);
      });
    });
  });
}
