/**
 * The oracle is TypeORM itself: a schema `synchronize` created reads back exactly as the model
 * predicts, and a schema athanor's DDL created leaves TypeORM's schema builder nothing to do beyond its own noise.
 */
import "reflect-metadata";
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  Column,
  CreateDateColumn,
  DataSource,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from "typeorm";
import { postgresDialect } from "../../../src/dialects/postgres";
import { columnInput, type TypeormColumnLike, type TypeormDriverLike } from "../../../src/models/typeorm/column-input";
import type { Schema, Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase, type TestDatabase } from "../../support/databases";

@Entity("user")
class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
  @Column({ length: 50, unique: true }) email!: string;
  @Column({ type: "text", nullable: true }) bio!: string | null;
  @Column({ default: true }) active!: boolean;
  @Column({ type: "int", default: 0 }) loginCount!: number;
  @Column({ type: "smallint", nullable: true }) age!: number | null;
  @Column({ type: "bigint", default: -1 }) karma!: string;
  @Column({ type: "enum", enum: ["admin", "user"], default: "user" }) role!: string;
  @CreateDateColumn() createdAt!: Date;
  @Column({ type: "timestamptz", default: () => "CURRENT_TIMESTAMP" }) seenAt!: Date;
  @Column({ default: () => "'it''s'" }) motto!: string;
}

@Entity()
class Product {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @Column({ type: "decimal", precision: 10, scale: 2 }) price!: string;
  @Column({ type: "numeric", precision: 8 }) stock!: string;
  @Column({ type: "double precision" }) weight!: number;
  @Column("real") ratio!: number;
  @Column({ type: "float", nullable: true }) score!: number | null;
  @Column({ type: "date", nullable: true }) releasedOn!: string | null;
  @Column({ type: "jsonb", nullable: true }) attrs!: object | null;
  @Column({ type: "json", nullable: true }) meta!: object | null;
  @Column({ type: "uuid", nullable: true }) sku!: string | null;
  @Column("varchar", { array: true, nullable: true }) labels!: string[] | null;
  @Column({ type: "enum", enum: ["s", "m", "l"], enumName: "size_enum", nullable: true }) size!: string | null;
  @Column({ type: "numeric", precision: 5, scale: 2, default: 1.5 }) factor!: string;
}

@Entity()
class Category {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 100 }) name!: string;
  @Index({ unique: true }) @Column() slug!: string;
}

@Entity()
class Tag {
  @PrimaryGeneratedColumn("identity") id!: number;
  @Column({ unique: true }) name!: string;
}

@Entity()
@Index(["title", "author"])
class Post {
  @PrimaryGeneratedColumn({ type: "bigint" }) id!: string;
  @Column() title!: string;
  @ManyToOne(() => User, { onDelete: "CASCADE" }) author!: User;
  @ManyToOne(() => Category, { onDelete: "SET NULL", nullable: true }) category!: Category | null;
  @ManyToMany(() => Tag) @JoinTable() tags!: Tag[];
}

@Entity()
class Profile {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "text", default: "" }) about!: string;
  @OneToOne(() => User, { onDelete: "CASCADE" }) @JoinColumn() user!: User;
}

@Entity("order_line")
class OrderLine {
  @PrimaryColumn() orderId!: number;
  @PrimaryColumn() lineNo!: number;
  @Column("int") quantity!: number;
  @Column({ type: "timestamp", precision: 3, nullable: true }) shippedAt!: Date | null;
  @Column({ type: "time", nullable: true }) at!: string | null;
  @Column({ type: "char", length: 2, default: "NL" }) country!: string;
}

@Entity()
@Unique("UQ_setting_scope_priority", ["scope", "priority"])
class Setting {
  @PrimaryColumn("varchar", { length: 64 }) key!: string;
  @Column("text") value!: string;
  @Column({ default: "global" }) scope!: string;
  @Column({ type: "boolean", default: false }) secret!: boolean;
  @Column({ type: "integer", default: 42 }) priority!: number;
}

const ENTITIES = [User, Product, Category, Tag, Post, Profile, OrderLine, Setting];
const EXCLUDE = ["migrations", "typeorm_metadata"];

/**
 * TypeORM 1.1.1 is not quiet even about the schema it just synchronised: it writes the numeric
 * default 1.5 as '1.5', PostgreSQL stores 1.5, and TypeORM's reader re-quotes only integers
 * (PostgresQueryRunner.loadTables: `replace(/^(-?\d+)$/, "'$1'")`). That is its baseline noise.
 */
const TYPEORM_OWN_NOISE = [`ALTER TABLE "product" ALTER COLUMN "factor" SET DEFAULT '1.5'`];

async function synchronized(db: TestDatabase): Promise<{ ds: DataSource; schema: Schema }> {
  const ds = new DataSource({ ...(db.typeorm as { type: "postgres" }), entities: ENTITIES, synchronize: true });
  await ds.initialize();
  const own = (await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);
  assert.deepEqual(own, TYPEORM_OWN_NOISE, "TypeORM's view of its own synchronised schema");
  const conn = await postgresDialect.connect(connectOptions(db));
  try {
    return { ds, schema: await postgresDialect.introspect(conn, { exclude: EXCLUDE }) };
  } finally {
    await conn.close();
  }
}

function connectOptions(db: TestDatabase) {
  const o = db.typeorm as { host: string; port: number; username: string; password: string; database: string };
  return { host: o.host, port: o.port, user: o.username, password: o.password || undefined, database: o.database };
}

function withoutRawType(table: Table) {
  return table.columns.map(({ rawType, ...rest }) => rest);
}

test("synchronize-created schema introspects exactly as modelColumn predicts", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  await withTestDatabase("postgres", async (db) => {
    const { ds, schema } = await synchronized(db);
    try {
      const driver = ds.driver as unknown as TypeormDriverLike;
      assert.equal(schema.tables.length, ds.entityMetadatas.length, "one table per entity and junction");
      assert.deepEqual(schema.tables.map((x) => x.name), [...schema.tables.map((x) => x.name)].sort());
      for (const meta of ds.entityMetadatas) {
        const table = schema.tables.find((x) => x.name === meta.tableName);
        assert.ok(table, `table ${meta.tableName} introspected`);
        const actual = withoutRawType(table);
        const expected = meta.columns.map((c) => postgresDialect.modelColumn(columnInput(c as unknown as TypeormColumnLike, driver)));
        for (const want of expected) {
          assert.deepEqual(actual.find((c) => c.name === want.name), want, `${meta.tableName}.${want.name}`);
        }
        assert.equal(actual.length, expected.length, `${meta.tableName} column count`);

        const pkColumns = meta.primaryColumns.map((c) => c.databaseName);
        assert.deepEqual(table.primaryKey, {
          name: ds.namingStrategy.primaryKeyName(meta.tableName, pkColumns),
          columns: pkColumns,
        });
        const sortByName = <T extends { name: string }>(xs: T[]) => xs.sort((a, b) => (a.name < b.name ? -1 : 1));
        assert.deepEqual(
          table.indexes,
          sortByName(meta.indices.map((i) => ({ name: i.name, columns: i.columns.map((c) => c.databaseName), unique: i.isUnique }))),
          `${meta.tableName} indexes`,
        );
        assert.deepEqual(
          table.uniques,
          sortByName(meta.uniques.map((u) => ({ name: u.name, columns: u.columns.map((c) => c.databaseName) }))),
          `${meta.tableName} uniques`,
        );
        assert.deepEqual(
          table.foreignKeys,
          sortByName(
            meta.foreignKeys.map((fk) => ({
              name: fk.name,
              columns: fk.columnNames,
              referencedTable: fk.referencedTablePath,
              referencedColumns: fk.referencedColumnNames,
              onDelete: postgresDialect.modelForeignKeyAction(fk.onDelete),
              onUpdate: postgresDialect.modelForeignKeyAction(fk.onUpdate),
            })),
          ),
          `${meta.tableName} foreign keys`,
        );
      }
      // Spot checks that the comparison above is not vacuous.
      const user = schema.tables.find((x) => x.name === "user")!;
      const col = (name: string) => user.columns.find((c) => c.name === name);
      assert.equal(col("id")?.autoIncrement, "increment");
      assert.equal(col("id")?.default, undefined);
      assert.equal(col("motto")?.default, "'it''s'");
      assert.equal(col("seenAt")?.default, "now()");
      assert.equal(col("karma")?.default, "-1");
      assert.deepEqual(col("role")?.enumValues, ["admin", "user"]);
      assert.equal(col("role")?.enumName, "user_role_enum");
      assert.equal(schema.tables.find((x) => x.name === "tag")!.columns[0]!.autoIncrement, "identity");
      const product = schema.tables.find((x) => x.name === "product")!;
      assert.equal(product.columns.find((c) => c.name === "id")?.default, "uuid_generate_v4()");
      const junction = ds.entityMetadatas.find((m) => m.isJunction);
      assert.ok(junction && schema.tables.some((x) => x.name === junction.tableName && x.foreignKeys.length === 2));
    } finally {
      await ds.destroy();
    }
  });
});

/** Tables ordered so that every table comes after the tables its foreign keys reference. */
function dependencyOrder(tables: readonly Table[]): Table[] {
  const out: Table[] = [];
  const done = new Set<string>();
  const visit = (t: Table) => {
    if (done.has(t.name)) return;
    done.add(t.name);
    for (const fk of t.foreignKeys) {
      const parent = tables.find((x) => x.name === fk.referencedTable);
      if (parent) visit(parent);
    }
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

test("schema created by compile(createTable) leaves TypeORM's schema builder nothing to do beyond its own noise", async (t) => {
  const reason = await unavailable("postgres");
  if (reason) return t.skip(reason);
  const schema = await withTestDatabase("postgres", async (db) => {
    const { ds, schema } = await synchronized(db);
    await ds.destroy();
    return schema;
  });
  await withTestDatabase("postgres", async (db) => {
    const conn = await postgresDialect.connect(connectOptions(db));
    try {
      const ctx = { currentTable: async () => undefined };
      for (const table of dependencyOrder(schema.tables)) {
        for (const sql of await postgresDialect.compile({ kind: "createTable", table }, ctx)) await conn.query(sql);
      }
      assert.deepEqual(await postgresDialect.introspect(conn, { exclude: EXCLUDE }), schema, "re-introspection equals the original");
    } finally {
      await conn.close();
    }
    const ds = new DataSource({ ...(db.typeorm as { type: "postgres" }), entities: ENTITIES });
    await ds.initialize();
    try {
      const { upQueries } = await ds.driver.createSchemaBuilder().log();
      // Exactly what TypeORM reports against the schema it synchronised itself, nothing more.
      assert.deepEqual(upQueries.map((q) => q.query), TYPEORM_OWN_NOISE, "TypeORM would change nothing");
    } finally {
      await ds.destroy();
    }
  });
});
