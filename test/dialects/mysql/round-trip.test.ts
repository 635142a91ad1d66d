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
import { mysqlDialect } from "../../../src/dialects/mysql";
import { columnInput } from "../../../src/models/typeorm/column-input";
import type { Column as IrColumn, Schema, Table } from "../../../src/schema/types";
import { unavailable, withTestDatabase } from "../../support/databases";

@Entity("rt_author")
class Author {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
  @Column({ length: 50, unique: true }) email!: string;
  @Column({ type: "text", nullable: true }) bio!: string | null;
  @Column({ default: true }) active!: boolean;
  @Column({ type: "int", default: 0 }) score!: number;
  @Column({ type: "bigint", nullable: true }) big!: string | null;
  @Column({ type: "smallint", unsigned: true, default: 1 }) small!: number;
  // TypeORM writes string defaults verbatim between quotes: a quote must be written doubled.
  @Column({ default: "it''s" }) motto!: string;
  @CreateDateColumn() createdAt!: Date;
}

@Entity("rt_category")
class Category {
  @PrimaryGeneratedColumn() id!: number;
  @Index("IDX_rt_category_name", { unique: true }) @Column({ length: 80 }) name!: string;
  @Column({ type: "char", nullable: true }) flag!: string | null;
  @Column("varchar") code!: string;
}

@Entity("rt_product")
class Product {
  @PrimaryGeneratedColumn({ type: "bigint", unsigned: true }) id!: string;
  @Column({ type: "decimal", precision: 10, scale: 2, default: 1.5 }) price!: string;
  @Column({ type: "decimal" }) plain!: string;
  @Column({ type: "float", nullable: true }) ratio!: number | null;
  @Column({ type: "double", precision: 8, scale: 3, nullable: true }) weight!: number | null;
  @Column({ type: "double precision", nullable: true }) dp!: number | null;
  @Column({ type: "date", nullable: true }) releasedOn!: string | null;
  @Column({ type: "datetime", nullable: true }) seenAt!: Date | null;
  @Column({ type: "timestamp", precision: 6, default: () => "CURRENT_TIMESTAMP(6)" }) stampedAt!: Date;
  // No quote in enum values here: TypeORM's own reader splits `'it''s'` wrongly and would churn.
  @Column({ type: "enum", enum: ["new", "used"], default: "new" }) state!: string;
  @Column({ type: "json", nullable: true }) attrs!: unknown;
  @Column({ type: "boolean", default: false }) hidden!: boolean;
}

@Entity("rt_tag")
class Tag {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @Column({ length: 30 }) label!: string;
}

@Entity("rt_order_line")
class OrderLine {
  @PrimaryColumn() orderId!: number;
  @PrimaryColumn() lineNo!: number;
  @Column({ default: 1 }) qty!: number;
}

@Entity("rt_post")
@Index(["title", "authorId"])
@Unique("UQ_rt_post_slug_author", ["slug", "authorId"])
class Post {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 120 }) title!: string;
  @Column({ length: 120 }) slug!: string;
  @Column() authorId!: number;
  @ManyToOne(() => Author, { onDelete: "CASCADE" }) @JoinColumn({ name: "authorId" }) author!: Author;
  @ManyToOne(() => Category, { nullable: true, onDelete: "SET NULL" }) category!: Category | null;
  @ManyToMany(() => Tag) @JoinTable({ name: "rt_post_tags" }) tags!: Tag[];
}

@Entity("rt_profile")
class Profile {
  @PrimaryGeneratedColumn() id!: number;
  @OneToOne(() => Author, { onDelete: "CASCADE" }) @JoinColumn() author!: Author;
  @Column({ nullable: true }) website!: string;
}

@Entity("rt_setting")
class Setting {
  @PrimaryColumn({ length: 40 }) key!: string;
  @Column({ type: "mediumint", nullable: true }) n!: number | null;
  @Column({ type: "varchar", length: 200, default: "''; drop table x; --" }) note!: string;
}

const ENTITIES = [Author, Category, Product, Tag, OrderLine, Post, Profile, Setting];

async function synchronised(typeorm: Record<string, unknown>): Promise<DataSource> {
  const ds = new DataSource({ ...typeorm, entities: ENTITIES, synchronize: true } as never);
  await ds.initialize();
  return ds;
}

function connectTo(typeorm: Record<string, unknown>) {
  return mysqlDialect.connect({
    host: typeorm.host as string,
    port: typeorm.port as number,
    user: typeorm.username as string,
    password: typeorm.password as string,
    database: typeorm.database as string,
  });
}

async function introspectDb(typeorm: Record<string, unknown>): Promise<Schema> {
  const conn = await connectTo(typeorm);
  try {
    return await mysqlDialect.introspect(conn, { exclude: ["migrations", "typeorm_metadata"] });
  } finally {
    await conn.close();
  }
}

function withoutRaw<T extends { rawType?: string }>(c: T): Omit<T, "rawType"> {
  const { rawType: _raw, ...rest } = c;
  return rest;
}

/** Tables ordered so that every table comes after the tables its foreign keys reference. */
function dependencyOrder(tables: readonly Table[]): Table[] {
  const out: Table[] = [];
  const done = new Set<string>();
  const visit = (t: Table) => {
    if (done.has(t.name)) return;
    done.add(t.name);
    for (const fk of t.foreignKeys) {
      const ref = tables.find((x) => x.name === fk.referencedTable);
      if (ref && ref !== t) visit(ref);
    }
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

/**
 * TypeORM `type: "mysql"` pointed at MariaDB is not self-consistent (its reader then expects MySQL's
 * COLUMN_DEFAULT spelling and re-alters every nullable column), so TypeORM's own verdict is asked
 * with the type that matches the server.
 */
async function typeormTypeFor(typeorm: Record<string, unknown>): Promise<"mysql" | "mariadb"> {
  const conn = await connectTo(typeorm);
  try {
    return /mariadb/i.test(conn.serverVersion) ? "mariadb" : "mysql";
  } finally {
    await conn.close();
  }
}

for (const type of ["mysql", "mariadb"] as const) {
  test(`synchronize (type ${type}) → introspect equals the model columns, keys, indexes and foreign keys`, async (t) => {
    const reason = await unavailable("mysql");
    if (reason) return t.skip(reason);
    await withTestDatabase("mysql", async (db) => {
      if (type === "mariadb" && (await typeormTypeFor(db.typeorm)) !== "mariadb")
        return t.skip("server is not MariaDB");
      const ds = await synchronised({ ...db.typeorm, type });
      try {
        const schema = await introspectDb(db.typeorm);
        assert.deepEqual(
          schema.tables.map((x) => x.name),
          ds.entityMetadatas.map((m) => m.tableName).sort(),
        );
        for (const meta of ds.entityMetadatas) {
          const table = schema.tables.find((x) => x.name === meta.tableName);
          assert.ok(table, `table ${meta.tableName} introspected`);
          for (const col of meta.columns) {
            const live: IrColumn | undefined = table.columns.find((c) => c.name === col.databaseName);
            assert.ok(live, `${meta.tableName}.${col.databaseName} introspected`);
            const model = mysqlDialect.modelColumn(columnInput(col as never, ds.driver as never));
            assert.deepEqual(model, withoutRaw(live), `${meta.tableName}.${col.databaseName} (${live.rawType})`);
          }
          assert.equal(table.columns.length, meta.columns.length);
          assert.deepEqual(table.primaryKey, { columns: meta.primaryColumns.map((c) => c.databaseName) });
          const wantIndexes = meta.indices
            .map((i) => ({ name: i.name, columns: i.columns.map((c) => c.databaseName), unique: i.isUnique }))
            .sort((a, b) => (a.name < b.name ? -1 : 1));
          assert.deepEqual(table.indexes, wantIndexes, `${meta.tableName} indexes`);
          assert.deepEqual(table.uniques, []);
          const wantFks = meta.foreignKeys
            .map((fk) => ({
              name: fk.name,
              columns: fk.columnNames,
              referencedTable: fk.referencedTablePath,
              referencedColumns: fk.referencedColumnNames,
              onDelete: mysqlDialect.modelForeignKeyAction(fk.onDelete),
              onUpdate: mysqlDialect.modelForeignKeyAction(fk.onUpdate),
            }))
            .sort((a, b) => (a.name < b.name ? -1 : 1));
          assert.deepEqual(table.foreignKeys, wantFks, `${meta.tableName} foreign keys`);
        }
        // Spot checks of the canonical forms the differ relies on.
        const product = schema.tables.find((x) => x.name === "rt_product")!;
        const col = (n: string) => product.columns.find((c) => c.name === n)!;
        assert.deepEqual(withoutRaw(col("price")), {
          name: "price",
          type: "decimal",
          precision: 10,
          scale: 2,
          nullable: false,
          default: "1.50",
        });
        assert.equal(col("stampedAt").default, "CURRENT_TIMESTAMP(6)");
        assert.equal(col("attrs").type, "json");
        assert.deepEqual(col("state").enumValues, ["new", "used"]);
        assert.deepEqual(withoutRaw(col("id")), {
          name: "id",
          type: "bigint",
          unsigned: true,
          nullable: false,
          autoIncrement: "increment",
        });
        const author = schema.tables.find((x) => x.name === "rt_author")!;
        assert.equal(author.columns.find((c) => c.name === "motto")!.default, "'it''s'");
        assert.equal(author.columns.find((c) => c.name === "createdAt")!.default, "CURRENT_TIMESTAMP(6)");
        assert.deepEqual(withoutRaw(author.columns.find((c) => c.name === "score")!), {
          name: "score",
          type: "int",
          nullable: false,
          default: "0",
        });
        // rt_post.categoryId has no index of its own: InnoDB's implicit FK index is not reported.
        const post = schema.tables.find((x) => x.name === "rt_post")!;
        assert.ok(!post.indexes.some((i) => post.foreignKeys.some((f) => f.name === i.name)));
      } finally {
        await ds.destroy();
      }
    });
  });
}

test("createTable compiled from the introspected schema leaves TypeORM nothing to synchronize", async (t) => {
  const reason = await unavailable("mysql");
  if (reason) return t.skip(reason);
  const schema = await withTestDatabase("mysql", async (db) => {
    const ds = await synchronised({ ...db.typeorm, type: await typeormTypeFor(db.typeorm) });
    await ds.destroy();
    return introspectDb(db.typeorm);
  });
  await withTestDatabase("mysql", async (db) => {
    const type = await typeormTypeFor(db.typeorm);
    const conn = await connectTo(db.typeorm);
    try {
      const ctx = { currentTable: async () => undefined };
      for (const table of dependencyOrder(schema.tables)) {
        for (const sql of await mysqlDialect.compile({ kind: "createTable", table }, ctx)) await conn.query(sql);
      }
      assert.deepEqual(await mysqlDialect.introspect(conn, { exclude: [] }), schema);
    } finally {
      await conn.close();
    }
    const ds = new DataSource({ ...db.typeorm, type, entities: ENTITIES, synchronize: false } as never);
    await ds.initialize();
    try {
      const log = await ds.driver.createSchemaBuilder().log();
      assert.deepEqual(
        log.upQueries.map((q) => q.query),
        [],
        `TypeORM would still run:\n${log.upQueries.map((q) => q.query).join("\n")}`,
      );
    } finally {
      await ds.destroy();
    }
  });
});
