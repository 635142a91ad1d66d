/**
 * What the introspector reads of checks, table comments, exclusion constraints, index access
 * methods, expression keys, partial-index predicates and generated columns, on PostgreSQL itself.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { postgresDialect } from "../../../src/dialects/postgres";
import { unavailable, withTestDatabase } from "../../support/databases";
import { connectTo, read } from "./helpers";

test("checks (never NOT NULL), table comments, exclusions, index methods, expression keys and predicates read back normalised", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      await conn.query(`
        CREATE TABLE item (id int NOT NULL, name varchar(20) NOT NULL, deleted boolean NOT NULL DEFAULT false, tags text[], slot int4range,
          CONSTRAINT item_name_ok CHECK ("name" IN ('a', 'b')), CONSTRAINT item_slot_free EXCLUDE USING gist (slot WITH &&));
        COMMENT ON TABLE item IS 'it''s here';
        CREATE INDEX item_live ON item (name) WHERE "deleted" = false;
        CREATE INDEX item_tags ON item USING gin (tags);
        CREATE INDEX item_lower ON item (lower(name), id);`);
      const [item] = (await read(conn)).tables;
      assert.deepEqual(item?.checks, [{ name: "item_name_ok", expression: "name = ANY (ARRAY['a', 'b'])" }]);
      assert.equal(item?.comment, "it's here");
      assert.deepEqual(item?.unmodelled, [{ kind: "exclusion constraint", name: "item_slot_free", definition: "EXCLUDE USING gist (slot WITH &&)" }]);
      assert.deepEqual(item?.indexes, [
        { name: "item_live", columns: ["name"], unique: false, where: "deleted = FALSE" },
        { name: "item_lower", columns: ["lower(name)", "id"], unique: false },
        { name: "item_tags", columns: ["tags"], unique: false, method: "gin" },
      ]);
      assert.equal(postgresDialect.canonicalExpression(`"deleted" = false`, "where"), item?.indexes[0]?.where);
    } finally {
      await conn.close();
    }
  });
});

test("a generated column reads TypeORM's text when its metadata row means the same, else the catalog's expression normalised", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      await conn.query(`CREATE TABLE line (price numeric, qty int, total numeric GENERATED ALWAYS AS (price * qty) STORED, twice int GENERATED ALWAYS AS (qty * 2) STORED)`);
      const column = async (name: string) => (await read(conn)).tables[0]?.columns.find((c) => c.name === name);
      assert.deepEqual(await column("total"), { name: "total", type: "numeric", rawType: "numeric", nullable: true, asExpression: "price * qty", generatedType: "STORED" });
      await conn.query(`CREATE TABLE typeorm_metadata (type varchar NOT NULL, database varchar, schema varchar, "table" varchar, name varchar, value text)`);
      await conn.query(`INSERT INTO typeorm_metadata VALUES
        ('GENERATED_COLUMN', current_database(), current_schema(), 'line', 'total', '"price" * "qty"'),
        ('GENERATED_COLUMN', current_database(), current_schema(), 'line', 'twice', '"qty" * 3')`);
      const exclude = { exclude: ["typeorm_metadata"] };
      const [line] = (await postgresDialect.introspect(conn, exclude)).tables;
      assert.equal(line?.columns.find((c) => c.name === "total")?.asExpression, `"price" * "qty"`, "TypeORM's spelling of the same expression");
      assert.equal(line?.columns.find((c) => c.name === "twice")?.asExpression, "qty * 2", "a stale row is not believed");
      assert.equal(line?.columns.find((c) => c.name === "total")?.default, undefined, "the expression is no default");
    } finally {
      await conn.close();
    }
  });
});

function ddl(from: number, to: number): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    out.push(
      `CREATE TABLE g${i} (a int CHECK (a > 0), b int GENERATED ALWAYS AS (a + 1) STORED, r int4range, EXCLUDE USING gist (r WITH &&))`,
      `COMMENT ON TABLE g${i} IS 'g'`,
      `CREATE INDEX ix_g${i} ON g${i} (a) WHERE a > 1`,
    );
  }
  return out.join(";\n");
}

test("checks, comments, exclusions and generated columns keep introspection at a constant number of queries", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const conn = await connectTo(db);
    try {
      await conn.query(`CREATE TABLE typeorm_metadata (type varchar NOT NULL, database varchar, schema varchar, "table" varchar, name varchar, value text)`);
      const count = async () => {
        const before = conn.queryCount;
        const schema = await postgresDialect.introspect(conn, { exclude: ["typeorm_metadata"] });
        return { queries: conn.queryCount - before, tables: schema.tables.length };
      };
      await conn.query(ddl(0, 5));
      const five = await count();
      await conn.query(ddl(5, 50));
      const fifty = await count();
      assert.deepEqual([five.tables, fifty.tables], [5, 50]);
      assert.equal(fifty.queries, five.queries);
      // 4 catalog queries, 2 for generated columns' TypeORM rows, 2 to switch JIT off and back on.
      assert.ok(five.queries <= 8, `${five.queries} queries`);
    } finally {
      await conn.close();
    }
  });
});
