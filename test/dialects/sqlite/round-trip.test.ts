import { test } from "node:test";
import assert from "node:assert/strict";
import { DataSource } from "typeorm";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import type { Column, Schema, Table } from "../../../src/schema/types";
import { columnInput } from "../../../src/models/typeorm/column-input";
import { unavailable, withTestDatabase } from "../../support/databases";
import { ENTITIES } from "./entities";

const EXCLUDE = { exclude: ["migrations", "typeorm_metadata"] };
const noRaw = ({ rawType: _r, ...c }: Column) => c;

async function synchronizedSchema(typeorm: Record<string, unknown>): Promise<{ ds: DataSource; schema: Schema }> {
  const ds = new DataSource({ ...(typeorm as { type: "better-sqlite3"; database: string }), entities: ENTITIES, synchronize: true });
  await ds.initialize();
  await ds.destroy();
  const conn = await sqliteDialect.connect({ filename: typeorm.database as string });
  try {
    return { ds, schema: await sqliteDialect.introspect(conn, EXCLUDE) };
  } finally {
    await conn.close();
  }
}

/** Parents before children, so each createTable's foreign keys point at existing tables. */
function dependencyOrder(tables: readonly Table[]): Table[] {
  const out: Table[] = [];
  const visit = (t: Table, seen: Set<string>) => {
    if (out.includes(t) || seen.has(t.name)) return;
    seen.add(t.name);
    for (const fk of t.foreignKeys) {
      const parent = tables.find((p) => p.name === fk.referencedTable);
      if (parent && parent !== t) visit(parent, seen);
    }
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

test("what TypeORM synchronize creates introspects equal to modelColumn of its metadata", async (t) => {
  const skip = await unavailable("sqlite");
  if (skip) return t.skip(skip);
  await withTestDatabase("sqlite", async (db) => {
    const { ds, schema } = await synchronizedSchema(db.typeorm);
    const tables = new Map(schema.tables.map((tb) => [tb.name, tb]));
    assert.equal(schema.tables.length, ds.entityMetadatas.length, "one table per entity and junction");
    assert.deepEqual(schema.tables.map((tb) => tb.name), [...schema.tables.map((tb) => tb.name)].sort());
    for (const meta of ds.entityMetadatas) {
      const table = tables.get(meta.tableName);
      assert.ok(table, `table ${meta.tableName} introspected`);
      assert.deepEqual(table.columns.map((c) => c.name), meta.columns.map((c) => c.databaseName), `${meta.tableName} column order`);
      for (const col of meta.columns) {
        const want = sqliteDialect.modelColumn(columnInput(col as never, ds.driver as never));
        const got: Column = table.columns.find((c) => c.name === col.databaseName)!;
        assert.deepEqual(noRaw(got), noRaw(want), `${meta.tableName}.${col.databaseName}`);
      }
      // SQLite stores no primary key name (TypeORM writes none): columns only.
      assert.deepEqual(table.primaryKey, { columns: meta.primaryColumns.map((c) => c.databaseName) }, `${meta.tableName} pk`);
      assert.deepEqual(
        table.indexes.map((i) => [i.name, i.columns, i.unique]),
        meta.indices.map((i) => [i.name, i.columns.map((c) => c.databaseName), i.isUnique]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
        `${meta.tableName} indexes`,
      );
      assert.deepEqual(
        table.uniques.map((u) => [u.name, u.columns]),
        meta.uniques.map((u) => [u.name, u.columns.map((c) => c.databaseName)]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
        `${meta.tableName} uniques`,
      );
      assert.deepEqual(
        table.foreignKeys.map((f) => [f.name, f.columns, f.referencedTable, f.referencedColumns, f.onDelete, f.onUpdate]),
        meta.foreignKeys
          .map((f) => [
            f.name, f.columnNames, f.referencedTablePath, f.referencedColumnNames,
            sqliteDialect.modelForeignKeyAction(f.onDelete), sqliteDialect.modelForeignKeyAction(f.onUpdate),
          ])
          .sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
        `${meta.tableName} foreign keys`,
      );
    }
    const junction = ds.entityMetadatas.find((m) => m.tableType === "junction");
    assert.ok(junction && tables.get(junction.tableName)!.foreignKeys.length === 2, "junction table and its two FKs");
    const users = tables.get("users")!;
    assert.deepEqual(noRaw(users.columns.find((c) => c.name === "id")!), { name: "id", type: "integer", nullable: false, autoIncrement: "increment" });
    assert.equal(users.columns.find((c) => c.name === "motto")!.default, "'it''s'");
    assert.deepEqual(users.columns.find((c) => c.name === "role")!.enumValues, ["admin", "user"]);
  });
});

test("tables compiled from the IR make TypeORM's schema builder report no queries", async (t) => {
  const skip = await unavailable("sqlite");
  if (skip) return t.skip(skip);
  let schema!: Schema;
  await withTestDatabase("sqlite", async (db) => {
    schema = (await synchronizedSchema(db.typeorm)).schema;
  });
  await withTestDatabase("sqlite", async (db) => {
    const conn = await sqliteDialect.connect({ filename: db.database });
    try {
      const ctx = { currentTable: async () => undefined };
      for (const table of dependencyOrder(schema.tables)) {
        for (const sql of await sqliteDialect.compile({ kind: "createTable", table }, ctx)) await conn.query(sql);
      }
      assert.deepEqual(await sqliteDialect.introspect(conn, EXCLUDE), schema, "re-introspection equals the source IR");
    } finally {
      await conn.close();
    }
    const ds = new DataSource({ ...(db.typeorm as { type: "better-sqlite3"; database: string }), entities: ENTITIES });
    await ds.initialize();
    try {
      const log = await ds.driver.createSchemaBuilder().log();
      assert.deepEqual(log.upQueries.map((q) => q.query), [], "TypeORM wants no changes");
    } finally {
      await ds.destroy();
    }
  });
});
