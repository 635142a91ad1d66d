/**
 * The model reader on real TypeORM metadata (built, never connected): a table declared twice, views,
 * and entities in another schema or database.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import "reflect-metadata";
import { Column, DataSource, Unique, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, ViewColumn, ViewEntity } from "typeorm";
import { getDialect } from "../../../src/dialects";
import type { DialectName } from "../../../src/dialects/dialect";
import { buildMetadata, readModelsWithNotes, unsyncedTables, type DataSourceLike } from "../../../src/models/typeorm/read-models";

@Entity("tags")
class Tag {
  @PrimaryGeneratedColumn() id!: number;
}

@Entity("posts")
class Post {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToMany(() => Tag)
  @JoinTable({ name: "post_tags" })
  tags!: Tag[];
}

/** The same table as Post.tags' junction, declared exactly as TypeORM declares the junction. */
@Entity("post_tags")
class PostTagTwin {
  @Index() @PrimaryColumn() postsId!: number;
  @Index() @PrimaryColumn() tagsId!: number;
  @ManyToOne(() => Post, { onDelete: "CASCADE", onUpdate: "CASCADE" }) @JoinColumn({ name: "postsId" }) post!: Post;
  @ManyToOne(() => Tag, { onDelete: "CASCADE", onUpdate: "CASCADE" }) @JoinColumn({ name: "tagsId" }) tag!: Tag;
}

/** The same table, declared as people do: an extra column, default ON UPDATE, no indexes. */
@Entity("post_tags")
class PostTag {
  @PrimaryColumn() postsId!: number;
  @PrimaryColumn() tagsId!: number;
  @Column({ default: 0 }) weight!: number;
  @ManyToOne(() => Post, { onDelete: "CASCADE" }) @JoinColumn({ name: "postsId" }) post!: Post;
  @ManyToOne(() => Tag) @JoinColumn({ name: "tagsId" }) tag!: Tag;
}

/** Only reads the junction table, so TypeORM leaves it to the @JoinTable. */
@Entity({ name: "post_tags", synchronize: false })
class PostTagReadOnly {
  @PrimaryColumn() postsId!: number;
  @PrimaryColumn() tagsId!: number;
}

@ViewEntity({ name: "tag_counts", expression: `SELECT "tagsId", COUNT(*) AS n FROM post_tags GROUP BY "tagsId"` })
class TagCount {
  @ViewColumn() tagsId!: number;
  @ViewColumn() n!: number;
}

@Entity({ name: "audit_events", schema: "audit" })
class AuditEvent {
  @PrimaryGeneratedColumn() id!: number;
}

@Entity({ name: "notes", schema: "public" })
class PublicNote {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => AuditEvent) event!: AuditEvent;
}

@Entity({ name: "archived", database: "archive" })
class Archived {
  @PrimaryGeneratedColumn() id!: number;
}

@Entity({ name: "kv", engine: "MyISAM", withoutRowid: true })
@Unique("uq_kv_key", ["key"], { deferrable: "INITIALLY DEFERRED" })
class KeyValue {
  @PrimaryColumn({ type: "varchar", length: 50 }) key!: string;
}

@Entity("places")
class Place {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "geometry", spatialFeatureType: "Point", srid: 4326 }) location!: string;
}

async function read(dialect: DialectName, entities: Function[], extra: Record<string, unknown> = {}) {
  const options =
    dialect === "sqlite" ? { type: "better-sqlite3", database: ":memory:" } : dialect === "postgres" ? { type: "postgres", database: "app" } : { type: "mariadb", database: "app" };
  const ds = new DataSource({ ...options, ...extra, entities } as never) as unknown as DataSourceLike;
  const built = await buildMetadata(ds);
  return { built, ...readModelsWithNotes(built, getDialect(dialect), []) };
}

describe("model reader: one table declared twice", () => {
  for (const dialect of ["sqlite", "postgres", "mysql"] as const) {
    it(`${dialect}: an @Entity identical to a @JoinTable's junction gives one table and no note`, async () => {
      const { schema, merged } = await read(dialect, [Tag, Post, PostTagTwin]);
      assert.deepEqual(schema.tables.map((t) => t.name), ["post_tags", "posts", "tags"]);
      assert.deepEqual(merged, []);
      const alone = await read(dialect, [Tag, Post]);
      assert.deepEqual(schema.tables.find((t) => t.name === "post_tags"), alone.schema.tables.find((t) => t.name === "post_tags"));
    });

    it(`${dialect}: a differing @Entity and @JoinTable give one merged table and a note naming both and what differs`, async () => {
      const { schema, merged } = await read(dialect, [Tag, Post, PostTag]);
      const tables = schema.tables.filter((t) => t.name === "post_tags");
      assert.equal(tables.length, 1);
      assert.deepEqual(tables[0].columns.map((c) => c.name), ["postsId", "tagsId", "weight"]);
      assert.equal(tables[0].foreignKeys.length, 2);
      assert.deepEqual(
        tables[0].foreignKeys.map((fk) => [fk.columns[0], fk.onDelete, fk.onUpdate]).sort(),
        [["postsId", "CASCADE", "NO ACTION"], ["tagsId", "NO ACTION", "NO ACTION"]],
      );
      assert.equal(merged.length, 1);
      for (const part of ['table "post_tags"', "entity PostTag", "the @JoinTable of Post.tags", 'column "weight" only in entity PostTag', "ON UPDATE CASCADE vs NO ACTION", "entity PostTag's definition is kept"]) {
        assert.ok(merged[0].includes(part), `${merged[0]}\nshould mention ${part}`);
      }
    });
  }

  it("a synchronize: false @Entity over a @JoinTable's table leaves the table managed, built from the junction", async () => {
    const { built, schema, merged } = await read("sqlite", [Tag, Post, PostTagReadOnly]);
    assert.deepEqual(unsyncedTables(built), []);
    assert.equal(schema.tables.filter((t) => t.name === "post_tags").length, 1);
    assert.deepEqual(merged, []);
  });
});

describe("model reader: declarations athanor does not model are reported, not diffed", () => {
  it("a @ViewEntity is no table and is reported as an ignored view", async () => {
    const { schema, ignored } = await read("postgres", [Tag, Post, TagCount]);
    assert.ok(!schema.tables.some((t) => t.name === "tag_counts"));
    assert.deepEqual(ignored, [{ kind: "view", name: "tag_counts", declaredBy: "entity TagCount" }]);
  });

  it("postgres: an entity in another schema is left out, with the foreign keys that reference it; schema public is at home", async () => {
    const { schema, ignored } = await read("postgres", [AuditEvent, PublicNote]);
    assert.deepEqual(schema.tables.map((t) => t.name), ["notes"]);
    assert.deepEqual(schema.tables[0].foreignKeys, []);
    assert.deepEqual(ignored.map((d) => [d.kind, d.declaredBy]), [
      ["table elsewhere", "entity AuditEvent"],
      ["foreign key elsewhere", "entity PublicNote"],
    ]);
    assert.equal(ignored[0].name, "audit.audit_events");
    assert.match(ignored[1].name, /\(notes → audit\.audit_events\)$/);
  });

  it("postgres: with the DataSource's schema set to the entity's, the entity is at home", async () => {
    const { schema, ignored } = await read("postgres", [AuditEvent], { schema: "audit" });
    assert.deepEqual(schema.tables.map((t) => t.name), ["audit_events"]);
    assert.deepEqual(ignored, []);
  });

  it("mysql: an entity in another database is left out; a schema option, which MySQL ignores, is not", async () => {
    const { schema, ignored } = await read("mysql", [Archived, AuditEvent]);
    assert.deepEqual(schema.tables.map((t) => t.name), ["audit_events"]);
    assert.deepEqual(ignored, [{ kind: "table elsewhere", name: "archive.archived", declaredBy: "entity Archived" }]);
  });

  it("postgres: a database option, which TypeORM's PostgreSQL driver ignores, keeps the entity at home", async () => {
    const { schema, ignored } = await read("postgres", [Archived]);
    assert.deepEqual(schema.tables.map((t) => t.name), ["archived"]);
    assert.deepEqual(ignored, []);
  });

  it("table and constraint options the IR has no field for (ENGINE, WITHOUT ROWID, a deferrable unique) are reported", async () => {
    const { schema, ignored } = await read("sqlite", [KeyValue]);
    assert.deepEqual(schema.tables.map((t) => t.name), ["kv"]);
    assert.deepEqual(ignored, [
      { kind: "table option", name: "ENGINE=MyISAM on kv", declaredBy: "entity KeyValue" },
      { kind: "table option", name: "WITHOUT ROWID on kv", declaredBy: "entity KeyValue" },
      { kind: "constraint option", name: "DEFERRABLE INITIALLY DEFERRED on unique uq_kv_key of kv", declaredBy: "entity KeyValue" },
    ]);
  });

  it("postgres: a PostGIS column's feature type and SRID, which the IR has no field for, are reported", async () => {
    const { ignored } = await read("postgres", [Place]);
    assert.deepEqual(ignored, [{ kind: "constraint option", name: "(Point,4326) on column location of places", declaredBy: "entity Place" }]);
  });
});
