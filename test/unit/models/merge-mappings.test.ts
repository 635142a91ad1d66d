import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConflictingTableMappingsError } from "../../../src/errors";
import { mergeMappings, type TableMapping } from "../../../src/models/typeorm/merge-mappings";
import { fk, int, table } from "../fixtures";
import { throwsWith } from "../throws-with";

const idx = (name: string, column: string) => ({ name, columns: [column], unique: false });

/** The @JoinTable's view of post_tags: two key columns, an index and a cascading foreign key on each. */
const junction: TableMapping = {
  source: "the @JoinTable of Post.tags",
  table: table("post_tags", {
    columns: [int("postsId"), int("tagsId")],
    primaryKey: { name: "PK_pt", columns: ["postsId", "tagsId"] },
    indexes: [idx("IDX_post", "postsId"), idx("IDX_tag", "tagsId")],
    foreignKeys: [
      fk("FK_post", ["postsId"], "posts", ["id"], { onDelete: "CASCADE", onUpdate: "CASCADE" }),
      fk("FK_tag", ["tagsId"], "tags", ["id"], { onDelete: "CASCADE", onUpdate: "CASCADE" }),
    ],
  }),
};

/** An explicit @Entity("post_tags"): same key, an extra column, default ON UPDATE, no indexes. */
const entity: TableMapping = {
  source: "entity PostTag",
  table: table("post_tags", {
    columns: [int("postsId"), int("tagsId", { comment: "the tag" }), int("weight", { default: "0" })],
    primaryKey: { name: "PK_pt", columns: ["postsId", "tagsId"] },
    foreignKeys: [fk("FK_post", ["postsId"], "posts", ["id"], { onDelete: "CASCADE" }), fk("FK_tag", ["tagsId"], "tags")],
  }),
};

describe("mergeMappings: one table declared by several metadatas", () => {
  it("a single mapping is returned as it is, with no differences", () => {
    assert.deepEqual(mergeMappings([junction]), { table: junction.table, differences: [] });
  });

  it("identical twins merge silently into the same table", () => {
    const twin = { source: "entity PostTag", table: junction.table };
    assert.deepEqual(mergeMappings([twin, junction]), { table: junction.table, differences: [] });
  });

  it("twins whose keys list the same columns in another order merge silently, keeping the first order", () => {
    const other = { source: "the @JoinTable of Tag.posts", table: { ...junction.table, primaryKey: { name: "PK_pt", columns: ["tagsId", "postsId"] } } };
    const merged = mergeMappings([junction, other]);
    assert.deepEqual(merged.differences, []);
    assert.deepEqual(merged.table.primaryKey, junction.table.primaryKey);
  });

  it("differing twins give the union of columns, indexes and keys: the last mapping's columns, the first mapping's constraints, as TypeORM's synchronize leaves them", () => {
    const { table: t, differences } = mergeMappings([entity, junction]);
    assert.deepEqual(
      t.columns.map((c) => c.name),
      ["postsId", "tagsId", "weight"],
    );
    // Column definitions: the last mapping (the junction) wins; the entity's comment is gone.
    assert.deepEqual(t.columns[1], int("tagsId"));
    assert.deepEqual(t.indexes, junction.table.indexes);
    // Foreign keys of one name: the first mapping (the entity) wins.
    assert.deepEqual(t.foreignKeys, entity.table.foreignKeys);
    assert.deepEqual(differences, [
      `column "tagsId": comment the tag vs (none) (entity PostTag vs the @JoinTable of Post.tags); the @JoinTable of Post.tags's definition is kept`,
      `column "weight" only in entity PostTag: kept`,
      `index "IDX_post" only in the @JoinTable of Post.tags: kept`,
      `index "IDX_tag" only in the @JoinTable of Post.tags: kept`,
      `foreign key "FK_post": ON UPDATE CASCADE vs NO ACTION (the @JoinTable of Post.tags vs entity PostTag); entity PostTag's definition is kept`,
      `foreign key "FK_tag": ON DELETE CASCADE vs NO ACTION, ON UPDATE CASCADE vs NO ACTION (the @JoinTable of Post.tags vs entity PostTag); entity PostTag's definition is kept`,
    ]);
  });

  it("is deterministic: the same mappings in the same order give the same table and words", () => {
    assert.deepEqual(mergeMappings([entity, junction]), mergeMappings([entity, junction]));
  });

  it("differing primary keys stop with a typed error naming the table, both keys and both declarations", () => {
    const keyed = { source: "entity PostTag", table: { ...entity.table, columns: [int("id"), ...entity.table.columns], primaryKey: { columns: ["id"] } } };
    throwsWith(() => mergeMappings([keyed, junction]), ConflictingTableMappingsError, [
      `table "post_tags"`,
      "(id) by entity PostTag",
      "(postsId, tagsId) by the @JoinTable of Post.tags",
    ]);
  });

  it("unmodelled objects and checks of every mapping are kept", () => {
    const a = { source: "entity A", table: table("t", { columns: [int("id")], unmodelled: [{ kind: "exclusion constraint", name: "ex_a" }] }) };
    const b = { source: "entity B", table: table("t", { columns: [int("id")], checks: [{ name: "chk", expression: "id > 0" }] }) };
    const { table: t, differences } = mergeMappings([a, b]);
    assert.deepEqual(t.unmodelled, [{ kind: "exclusion constraint", name: "ex_a" }]);
    assert.deepEqual(t.checks, [{ name: "chk", expression: "id > 0" }]);
    assert.deepEqual(differences, [`check constraint "chk" only in entity B: kept`]);
  });
});
