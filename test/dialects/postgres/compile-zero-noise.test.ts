/**
 * Compile table (op → exact SQL, no server) for what PostgreSQL's zero-noise work added, so a change
 * of generated SQL shows in review.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { postgresDialect } from "../../../src/dialects/postgres";
import type { CompileContext } from "../../../src/dialects/dialect";
import type { Op } from "../../../src/ops/types";
import type { Column, Table } from "../../../src/schema/types";

const items: Table = {
  name: "items",
  columns: [
    { name: "id", type: "integer", nullable: false, autoIncrement: "increment" },
    { name: "name", type: "varchar", nullable: false },
    { name: "price", type: "numeric", nullable: false },
    { name: "qty", type: "integer", nullable: false },
  ],
  indexes: [],
  uniques: [],
  foreignKeys: [],
};
const total: Column = { name: "total", type: "numeric", nullable: true, asExpression: `"price" * "qty"`, generatedType: "STORED" };
const gen: Table = { ...items, name: "gen", columns: [...items.columns, total], indexes: [{ name: "ix_total", columns: ["total"], unique: false }] };
const ctx: CompileContext = { currentTable: async (name) => [items, gen].find((t) => t.name === name) };
const META_TABLE = `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`;
const META_DELETE = `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "database" = current_database() AND "schema" = current_schema() AND "table" = 'items' AND "name" = 'total'`;
const metaInsert = (text: string) =>
  `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), 'items', 'GENERATED_COLUMN', 'total', '${text.replaceAll("'", "''")}')`;

const CASES: readonly { name: string; op: Op; want: string[] }[] = [
  {
    name: "addCheck",
    op: { kind: "addCheck", table: "items", check: { name: "CHK_x", expression: "price >= 0" } },
    want: [`ALTER TABLE "items" ADD CONSTRAINT "CHK_x" CHECK (price >= 0)`],
  },
  { name: "dropCheck", op: { kind: "dropCheck", table: "items", check: { name: "CHK_x", expression: "price >= 0" } }, want: [`ALTER TABLE "items" DROP CONSTRAINT "CHK_x"`] },
  { name: "setTableComment", op: { kind: "setTableComment", table: "items", to: "it's" }, want: [`COMMENT ON TABLE "items" IS 'it''s'`] },
  { name: "setTableComment removes", op: { kind: "setTableComment", table: "items", from: "x" }, want: [`COMMENT ON TABLE "items" IS NULL`] },
  {
    name: "createIndex with a method, an expression key and a predicate",
    op: { kind: "createIndex", table: "items", index: { name: "ix", columns: ["lower(name)", "qty"], unique: false, method: "hash", where: "qty > 0" } },
    want: [`CREATE INDEX "ix" ON "items" USING hash ((lower(name)), "qty") WHERE qty > 0`],
  },
  {
    name: "addColumn generated records TypeORM's row",
    op: { kind: "addColumn", table: "items", column: total },
    want: [`ALTER TABLE "items" ADD COLUMN "total" numeric GENERATED ALWAYS AS ("price" * "qty") STORED`, META_TABLE, META_DELETE, metaInsert(`"price" * "qty"`)],
  },
  { name: "dropColumn generated forgets it", op: { kind: "dropColumn", table: "items", column: total }, want: [`ALTER TABLE "items" DROP COLUMN "total"`, META_DELETE] },
  {
    name: "a new generation expression recomputes the column",
    op: { kind: "alterColumn", table: "items", from: total, to: { ...total, asExpression: `"price" * 2` } },
    want: [
      `ALTER TABLE "items" DROP COLUMN "total" /* recomputed: PostgreSQL cannot change a generation expression in place */`,
      META_DELETE,
      `ALTER TABLE "items" ADD COLUMN "total" numeric GENERATED ALWAYS AS ("price" * 2) STORED`,
      META_TABLE,
      META_DELETE,
      metaInsert(`"price" * 2`),
    ],
  },
  {
    name: "the same expression spelt differently only rewrites TypeORM's row",
    op: { kind: "alterColumn", table: "items", from: total, to: { ...total, asExpression: "price * qty" } },
    want: [META_TABLE, META_DELETE, metaInsert("price * qty")],
  },
  {
    name: "generated to plain keeps the values",
    op: { kind: "alterColumn", table: "items", from: total, to: { name: "total", type: "numeric", nullable: true } },
    want: [`ALTER TABLE "items" ALTER COLUMN "total" DROP EXPRESSION`, META_DELETE],
  },
  {
    name: "a recomputed column gets its indexes back",
    op: { kind: "alterColumn", table: "gen", from: total, to: { ...total, asExpression: "price + 1" } },
    want: [
      `ALTER TABLE "gen" DROP COLUMN "total" /* recomputed: PostgreSQL cannot change a generation expression in place */`,
      META_DELETE.replace("'items'", "'gen'"),
      `ALTER TABLE "gen" ADD COLUMN "total" numeric GENERATED ALWAYS AS (price + 1) STORED`,
      META_TABLE,
      META_DELETE.replace("'items'", "'gen'"),
      metaInsert("price + 1").replace("'items'", "'gen'"),
      `CREATE INDEX "ix_total" ON "gen" ("total")`,
    ],
  },
  {
    name: "renaming a generated column renames TypeORM's row",
    op: { kind: "renameColumn", table: "gen", from: "total", to: "sum" },
    want: [
      `ALTER TABLE "gen" RENAME COLUMN "total" TO "sum"`,
      META_TABLE,
      `UPDATE "typeorm_metadata" SET "name" = 'sum' WHERE "type" = 'GENERATED_COLUMN' AND "database" = current_database() AND "schema" = current_schema() AND "table" = 'gen' AND "name" = 'total'`,
    ],
  },
  { name: "renaming a plain column touches no row", op: { kind: "renameColumn", table: "gen", from: "price", to: "cost" }, want: [`ALTER TABLE "gen" RENAME COLUMN "price" TO "cost"`] },
  {
    name: "renaming a table with generated columns moves TypeORM's rows, and its serial's sequence follows the table's name",
    op: { kind: "renameTable", from: "gen", to: "gen2" },
    want: [
      `ALTER TABLE "gen" RENAME TO "gen2"`,
      `DO $athanor$ DECLARE s text := pg_catalog.pg_get_serial_sequence('"gen2"', 'id'); BEGIN IF s IS NOT NULL AND s::regclass IS DISTINCT FROM to_regclass('"gen2_id_seq"') THEN EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', s, 'gen2_id_seq'); END IF; END $athanor$`,
      META_TABLE,
      `UPDATE "typeorm_metadata" SET "table" = 'gen2' WHERE "type" = 'GENERATED_COLUMN' AND "database" = current_database() AND "schema" = current_schema() AND "table" = 'gen'`,
    ],
  },
  {
    name: "serial integer to bigint alters its sequence",
    op: { kind: "alterColumn", table: "items", from: items.columns[0]!, to: { ...items.columns[0]!, type: "bigint" } },
    want: [`ALTER TABLE "items" ALTER COLUMN "id" TYPE bigint USING "id"::bigint`, `ALTER SEQUENCE "items_id_seq" AS bigint`],
  },
  {
    name: "a fractional real default is written quoted, as TypeORM writes it",
    op: { kind: "alterColumn", table: "items", from: { name: "r", type: "real", nullable: false }, to: { name: "r", type: "real", nullable: false, default: "2.5" } },
    want: [`ALTER TABLE "items" ALTER COLUMN "r" SET DEFAULT '2.5'`],
  },
  {
    name: "createTable with checks, a comment, an exclusion and a generated column",
    op: {
      kind: "createTable",
      table: {
        ...items,
        columns: [items.columns[2]!, items.columns[3]!, total],
        checks: [{ name: "CHK_p", expression: "price >= 0" }],
        comment: "Items",
        unmodelled: [{ kind: "exclusion constraint", name: "XCL_q", definition: "EXCLUDE USING gist (qty WITH =)" }],
      },
    },
    want: [
      `CREATE TABLE "items" ("price" numeric NOT NULL, "qty" integer NOT NULL, "total" numeric GENERATED ALWAYS AS ("price" * "qty") STORED, CONSTRAINT "CHK_p" CHECK (price >= 0), CONSTRAINT "XCL_q" EXCLUDE USING gist (qty WITH =))`,
      `COMMENT ON TABLE "items" IS 'Items'`,
      META_TABLE,
      META_DELETE,
      metaInsert(`"price" * "qty"`),
    ],
  },
];

test("zero-noise ops compile to the exact PostgreSQL statements", async () => {
  for (const c of CASES) assert.deepEqual(await postgresDialect.compile(c.op, ctx), c.want, c.name);
});
