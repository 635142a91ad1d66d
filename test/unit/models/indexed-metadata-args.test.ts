/**
 * athanor's fast paths into TypeORM's metadata (indexed-metadata-args.ts, preload-entity-globs.ts)
 * must build exactly what TypeORM builds on its own: same entities, same columns, relations,
 * indexes, in the same order, and the same schema once read. Checked on entities that use every
 * lookup by target: inheritance (abstract bases, single-table children), embeddeds, trees,
 * many-to-many junctions, uniques, checks, and on the oracle fixtures loaded through globs.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import "reflect-metadata";
import {
  Check,
  ChildEntity,
  Column,
  DataSource,
  Entity,
  Index,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  TableInheritance,
  Tree,
  TreeChildren,
  TreeParent,
  Unique,
} from "typeorm";
import { getDialect } from "../../../src/dialects";
import { buildMetadata, readModelsWithNotes, type DataSourceLike } from "../../../src/models/typeorm/read-models";
import { withIndexedMetadataArgs } from "../../../src/models/typeorm/indexed-metadata-args";
import { requireUserModule } from "../../../src/loader/register";

class Money {
  @Column({ type: "int", default: 0 }) amount!: number;
  @Column({ length: 3, default: "EUR" }) currency!: string;
}

abstract class Stamped {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ default: 1 }) version!: number;
  @Index() @Column({ length: 40 }) createdBy!: string;
}

@Entity("invoices")
@Unique("uq_invoices_number", ["number"])
@Check("ck_invoices_number", `"number" > 0`)
class Invoice extends Stamped {
  @Column() number!: number;
  @Column(() => Money) total!: Money;
  @Column({ default: 2 }) declare version: number;
}

@Entity("contents")
@TableInheritance({ column: { type: "varchar", name: "kind" } })
class Content {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 100 }) title!: string;
}

@ChildEntity("photo")
class Photo extends Content {
  @Column({ nullable: true }) width!: number;
}

@ChildEntity("note")
@Index("ix_contents_body", ["body"])
class Note extends Content {
  @Column({ type: "varchar", length: 200, nullable: true }) body!: string;
}

@Entity("folders")
@Tree("closure-table")
class Folder {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 50 }) name!: string;
  @TreeChildren() children!: Folder[];
  @TreeParent() parent!: Folder;
}

@Entity("labels")
class Label {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToMany(() => Invoice) @JoinTable({ name: "label_invoices" }) invoices!: Invoice[];
  @ManyToOne(() => Folder, { nullable: true, onDelete: "SET NULL" }) folder!: Folder;
}

const ENTITIES = [Invoice, Content, Photo, Note, Folder, Label];

/** What the metadata holds, in order: enough to see any item lost, added or reordered. */
function summary(ds: DataSourceLike): unknown {
  const metadatas = (ds as unknown as { entityMetadatas: Record<string, unknown>[] }).entityMetadatas;
  const names = (list: unknown) => (list as { propertyPath?: string; name?: string; givenName?: string }[]).map((x) => x.propertyPath ?? x.givenName ?? x.name);
  return metadatas.map((m) => ({
    table: m.tableName,
    type: m.tableType,
    columns: names(m.columns),
    ownColumns: names(m.ownColumns),
    relations: names(m.relations),
    indices: names(m.indices),
    uniques: names(m.uniques),
    checks: names(m.checks),
    embeddeds: names(m.embeddeds),
    children: (m.childEntityMetadatas as { tableName: string }[]).map((c) => c.tableName),
    // A function default (`() => "now()"`) is made anew per build: compare what it returns.
    defaults: (m.columns as { propertyPath: string; default: unknown }[]).map((c) => [c.propertyPath, typeof c.default === "function" ? (c.default as () => unknown)() : c.default]),
  }));
}

/** TypeORM on its own: a fresh DataSource, buildMetadatas() with nothing of athanor's. */
async function plainTypeorm(options: Record<string, unknown>): Promise<DataSourceLike> {
  const ds = new DataSource(options as never) as unknown as DataSourceLike;
  await ds.buildMetadatas!();
  return ds;
}

describe("metadata built through athanor's fast paths", () => {
  for (const type of ["postgres", "mariadb", "better-sqlite3"] as const) {
    const dialect = getDialect(type === "better-sqlite3" ? "sqlite" : type === "mariadb" ? "mysql" : "postgres");
    const options = { type, database: type === "better-sqlite3" ? ":memory:" : "app", entities: ENTITIES };

    it(`the indexed lookups give TypeORM's own metadata and schema (${type})`, async () => {
      const plain = await plainTypeorm(options);
      const indexed = await buildMetadata(new DataSource(options as never) as unknown as DataSourceLike);
      assert.deepEqual(summary(indexed), summary(plain));
      assert.deepEqual(readModelsWithNotes(indexed, dialect, []), readModelsWithNotes(plain, dialect, []));
      // The entities above use every kind of lookup: the comparison is not vacuous.
      const tables = readModelsWithNotes(indexed, dialect, []).schema.tables.map((t) => t.name);
      assert.deepEqual(tables, ["contents", "folders", "folders_closure", "invoices", "label_invoices", "labels"]);
    });
  }

  it("the storage is put back as it was after the build", async () => {
    const storage = (globalThis as { typeormMetadataArgsStorage?: object }).typeormMetadataArgsStorage!;
    const own = Object.keys(storage).filter((k) => k.startsWith("filter") || k.startsWith("find"));
    await withIndexedMetadataArgs(async () => {
      assert.ok(Object.prototype.hasOwnProperty.call(storage, "filterColumns"), "indexed while building");
    });
    assert.deepEqual(Object.keys(storage).filter((k) => k.startsWith("filter") || k.startsWith("find")), own);
  });

  it("entity globs loaded by athanor give what TypeORM's own loading gives (oracle fixtures)", async () => {
    const root = join(__dirname, "..", "..", "..", "..", "fixtures", "oracle");
    const options = { type: "postgres", database: "app", entities: [join(root, "common", "*.ts"), join(root, "features", "*.ts")] };
    // Loaded by athanor first: TypeORM then finds the same modules already required.
    const preloaded = await buildMetadata(new DataSource(options as never) as unknown as DataSourceLike, { loadEntityFile: requireUserModule });
    const plain = await plainTypeorm(options);
    assert.deepEqual(summary(preloaded), summary(plain));
    const dialect = getDialect("postgres");
    const schema = readModelsWithNotes(preloaded, dialect, []).schema;
    assert.deepEqual(schema, readModelsWithNotes(plain, dialect, []).schema);
    assert.ok(schema.tables.length >= 10, `the fixtures give tables (${schema.tables.length})`);
  });
});
