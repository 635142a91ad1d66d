/**
 * SQLite compile table: op (+ the table as it stands) → exact SQL, without a database, so a change
 * of generated SQL shows in review.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { sqliteDialect } from "../../../src/dialects/sqlite";
import type { CompileContext } from "../../../src/dialects/dialect";
import type { Op } from "../../../src/ops/types";
import type { Table } from "../../../src/schema/types";

const people: Table = {
  name: "people",
  columns: [
    { name: "id", type: "integer", nullable: false, autoIncrement: "increment" },
    { name: "age", type: "integer", nullable: false },
    { name: "nick", type: "varchar", length: 20, nullable: true, collation: "NOCASE" },
    { name: "months", type: "integer", nullable: false, asExpression: `"age" * 12`, generatedType: "STORED" },
  ],
  primaryKey: { columns: ["id"] },
  indexes: [],
  uniques: [],
  foreignKeys: [],
  checks: [{ name: "CHK_age", expression: `"age" >= 18` }],
  unmodelled: [{ kind: "table constraint", name: "people", definition: `CHECK(json_valid("nick"))` }],
};

const ctx: CompileContext = { currentTable: async (name) => (name === people.name ? people : undefined) };
const META = `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)`;
const CREATE_PEOPLE_BODY =
  `("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "age" integer NOT NULL, "nick" varchar(20) COLLATE NOCASE, ` +
  `"months" integer NOT NULL AS ("age" * 12) STORED, CONSTRAINT "CHK_age" CHECK ("age" >= 18), CHECK(json_valid("nick")))`;

const cases: { name: string; op: Op; want: string[] }[] = [
  {
    name: "createTable writes checks after uniques, generated columns, COLLATE, and TypeORM's metadata row",
    op: { kind: "createTable", table: people },
    want: [
      `CREATE TABLE "people" ${CREATE_PEOPLE_BODY}`,
      META,
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'people'`,
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (NULL, NULL, 'people', 'GENERATED_COLUMN', 'months', '"age" * 12')`,
    ],
  },
  {
    name: "an exclusion constraint read from a model never reaches SQL",
    op: { kind: "createTable", table: { name: "x", columns: [{ name: "id", type: "integer", nullable: false }], primaryKey: { columns: ["id"] }, indexes: [], uniques: [], foreignKeys: [], unmodelled: [{ kind: "exclusion constraint", name: "XCL_1", definition: "EXCLUDE USING gist (id WITH =)" }] } },
    want: [`CREATE TABLE "x" ("id" integer PRIMARY KEY NOT NULL)`],
  },
  {
    name: "a VIRTUAL generated column is added in place",
    op: { kind: "addColumn", table: "people", column: { name: "shout", type: "varchar", nullable: false, asExpression: `upper("nick")`, generatedType: "VIRTUAL" } },
    want: [
      `ALTER TABLE "people" ADD COLUMN "shout" varchar NOT NULL AS (upper("nick")) VIRTUAL`,
      META,
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (NULL, NULL, 'people', 'GENERATED_COLUMN', 'shout', 'upper("nick")')`,
    ],
  },
  {
    name: "setTableComment compiles to nothing: SQLite has no table comments",
    op: { kind: "setTableComment", table: "people", to: "humans" },
    want: [],
  },
  {
    name: "renaming a table with generated columns moves TypeORM's metadata rows too",
    op: { kind: "renameTable", from: "people", to: "persons" },
    want: [`ALTER TABLE "people" RENAME TO "persons"`, META, `UPDATE "typeorm_metadata" SET "table" = 'persons' WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'people'`],
  },
  {
    name: "renaming a generated column renames TypeORM's metadata row",
    op: { kind: "renameColumn", table: "people", from: "months", to: "ageMonths" },
    want: [
      `ALTER TABLE "people" RENAME COLUMN "months" TO "ageMonths"`,
      META,
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'people' AND "name" = 'months'`,
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (NULL, NULL, 'people', 'GENERATED_COLUMN', 'ageMonths', '"age" * 12')`,
    ],
  },
  {
    name: "dropping a table with generated columns removes TypeORM's metadata rows",
    op: { kind: "dropTable", table: people },
    want: [`DROP TABLE "people"`, META, `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'people'`],
  },
];

for (const c of cases) {
  test(`compile: ${c.name}`, async () => {
    assert.deepEqual(await sqliteDialect.compile(c.op, ctx), c.want);
  });
}

test("compile: addCheck rebuilds the table with the new CHECK, keeping the unmodelled one and never copying the generated column", async () => {
  const sql = await sqliteDialect.compile({ kind: "addCheck", table: "people", check: { name: "CHK_nick", expression: `length("nick") > 1` } }, ctx);
  assert.deepEqual(sql, [
    `CREATE TABLE "__athanor_rebuild_people" ` +
      CREATE_PEOPLE_BODY.replace(`CONSTRAINT "CHK_age" CHECK ("age" >= 18)`, `CONSTRAINT "CHK_age" CHECK ("age" >= 18), CONSTRAINT "CHK_nick" CHECK (length("nick") > 1)`),
    `INSERT INTO "__athanor_rebuild_people" ("id", "age", "nick") SELECT "id", "age", "nick" FROM "people"`,
    `DELETE FROM sqlite_sequence WHERE name = '__athanor_rebuild_people'`,
    `INSERT INTO sqlite_sequence (name, seq) SELECT '__athanor_rebuild_people', seq FROM sqlite_sequence WHERE name = 'people'`,
    `DROP TABLE "people"`,
    `ALTER TABLE "__athanor_rebuild_people" RENAME TO "people"`,
  ]);
});

test("modelTable drops a declared table comment and exclusions: TypeORM builds neither on SQLite", () => {
  const t: Table = { ...people, comment: "humans", unmodelled: [{ kind: "exclusion constraint", name: "XCL_1" }] };
  const { comment: _c, unmodelled: _u, ...want } = t;
  assert.deepEqual(sqliteDialect.modelTable!(t), want);
});
