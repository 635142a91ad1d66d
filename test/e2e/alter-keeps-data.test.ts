/**
 * A change of length or type is an alteration that keeps every row, up and down, on every
 * dialect (TypeORM's own generator drops and re-adds such columns on PostgreSQL and MariaDB).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject, opCalls } from "../support/project";

const item = (length: number, qtyType: string) => `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("items")
export class Item {
  @PrimaryColumn({ type: "int" })
  id!: number;

  @Column({ type: "varchar", length: ${length} })
  name!: string;

  @Column({ type: "${qtyType}" })
  qty!: number;
}
`;

for (const dialect of DIALECTS) {
  describe(`column alterations on ${dialect}`, () => {
    it("varchar(50) -> varchar(100) and int -> bigint keep every row, upgraded and downgraded", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "item.ts": item(50, "int") });
        assert.equal((await p.cli("revision", "--autogenerate", "-m", "items")).code, 0);
        assert.equal((await p.cli("upgrade", "head")).code, 0);
        const rows = Array.from({ length: 20 }, (_, i) => `(${i}, 'name ${i} ${"x".repeat(40)}', ${i * 1000})`).join(", ");
        await queryUrl(db.url, `INSERT INTO items (id, name, qty) VALUES ${rows}`);
        const before = await queryUrl(db.url, "SELECT id, name, qty FROM items ORDER BY id");

        p.writeEntity("item.ts", item(100, "bigint"));
        let r = await p.cli("revision", "--autogenerate", "-m", "widen");
        assert.equal(r.code, 0, r.stderr);
        const source = p.read(p.migrationFiles().find((f) => f.includes("widen"))!);
        assert.deepEqual(opCalls(source, "upgrade"), ["alterColumn", "alterColumn"]);
        assert.deepEqual(opCalls(source, "downgrade"), ["alterColumn", "alterColumn"]);

        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        const widened = (await introspectUrl(db.url)).tables[0];
        assert.equal(widened.columns.find((c) => c.name === "name")?.length, 100);
        assert.match(widened.columns.find((c) => c.name === "qty")!.type, /bigint/);
        const norm = (rs: Record<string, unknown>[]) => rs.map((x) => ({ id: Number(x.id), name: x.name, qty: Number(x.qty) }));
        assert.deepEqual(norm(await queryUrl(db.url, "SELECT id, name, qty FROM items ORDER BY id")), norm(before));
        await queryUrl(db.url, `INSERT INTO items (id, name, qty) VALUES (99, '${"y".repeat(90)}', 5000000000)`);
        await queryUrl(db.url, "DELETE FROM items WHERE id = 99");

        r = await p.cli("downgrade", "-1");
        assert.equal(r.code, 0, r.stderr);
        const narrowed = (await introspectUrl(db.url)).tables[0];
        assert.equal(narrowed.columns.find((c) => c.name === "name")?.length, 50);
        assert.deepEqual(norm(await queryUrl(db.url, "SELECT id, name, qty FROM items ORDER BY id")), norm(before));
      });
    });
  });
}

describe("SQLite table rebuild through the runner", () => {
  it("altering a parent table keeps the child rows that reference it with ON DELETE CASCADE", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const parent = (nullable: boolean) => `import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from "typeorm";
import { Child } from "./child";

@Entity("parents")
export class Parent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 40, nullable: ${nullable} })
  name!: string;

  @OneToMany(() => Child, (c) => c.parent)
  children!: Child[];
}
`;
      const child = `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Parent } from "./parent";

@Entity("children")
export class Child {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 40 })
  label!: string;

  @ManyToOne(() => Parent, (p) => p.children, { onDelete: "CASCADE" })
  parent!: Parent;
}
`;
      const p = createProject(db, { "parent.ts": parent(false), "child.ts": child });
      assert.equal((await p.cli("revision", "--autogenerate", "-m", "family")).code, 0);
      assert.equal((await p.cli("upgrade", "head")).code, 0);
      await queryUrl(db.url, "INSERT INTO parents (id, name) VALUES (1, 'a'), (2, 'b')");
      await queryUrl(db.url, `INSERT INTO children (label, "parentId") VALUES ('x', 1), ('y', 1), ('z', 2)`);

      p.writeEntity("parent.ts", parent(true));
      assert.equal((await p.cli("revision", "--autogenerate", "-m", "nullable name")).code, 0);
      let r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      assert.equal((await queryUrl(db.url, "SELECT * FROM children")).length, 3);
      assert.equal((await introspectUrl(db.url)).tables.find((t) => t.name === "parents")!.columns[1].nullable, true);
      r = await p.cli("downgrade", "-1");
      assert.equal(r.code, 0, r.stderr);
      assert.equal((await queryUrl(db.url, "SELECT * FROM children")).length, 3);
      assert.equal((await introspectUrl(db.url)).tables.find((t) => t.name === "parents")!.columns[1].nullable, false);
    });
  });
});
