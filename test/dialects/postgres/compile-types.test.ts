/**
 * Compile table for PostgreSQL types (enum types, arrays, collations, SERIAL/IDENTITY switches,
 * deferrable keys): op → exact SQL, without a server, so a change of generated SQL shows in review.
 * The live tests next to this file prove the same statements on the real server.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { postgresDialect } from "../../../src/dialects/postgres";
import type { Op } from "../../../src/ops/types";

const cases: [string, Op, string[]][] = [
  [
    "createTable creates a shared enum type once, when missing, for a scalar and an array column",
    {
      kind: "createTable",
      table: {
        name: "t",
        columns: [
          { name: "state", type: "enum", enumName: "st", enumValues: ["a", "b"], nullable: true },
          { name: "states", type: "enum", enumName: "st", enumValues: ["a", "b"], array: true, nullable: true },
        ],
        indexes: [],
        uniques: [],
        foreignKeys: [],
      },
    },
    [
      "DO $athanor$ BEGIN IF to_regtype('\"st\"') IS NULL THEN CREATE TYPE \"st\" AS ENUM ('a', 'b'); ELSIF ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = to_regtype('\"st\"') ORDER BY e.enumsortorder) IS DISTINCT FROM ARRAY['a', 'b']::text[] THEN IF to_regtype('\"st_old\"') IS NOT NULL THEN RAISE EXCEPTION 'cannot redefine enum type % while type % still exists: %', 'st', 'st_old', 'columns that share enumName \"st\" must declare the same values (or drop the leftover type \"st_old\" if nothing uses it)'; END IF; ALTER TYPE \"st\" RENAME TO \"st_old\"; CREATE TYPE \"st\" AS ENUM ('a', 'b'); END IF; END $athanor$",
      'CREATE TABLE "t" ("state" "st", "states" "st"[])',
    ],
  ],
  [
    "dropColumn drops the enum type (and a leftover _old) only when nothing uses it",
    { kind: "dropColumn", table: "t", column: { name: "state", type: "enum", enumName: "st", enumValues: ["a", "b"], nullable: true } },
    [
      'ALTER TABLE "t" DROP COLUMN "state"',
      'DO $athanor$ BEGIN BEGIN DROP TYPE IF EXISTS "st"; EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END; BEGIN DROP TYPE IF EXISTS "st_old"; EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END; END $athanor$',
    ],
  ],
  [
    "alterColumn redefining an enum checks held values, swaps the type and restores the default",
    {
      kind: "alterColumn",
      table: "t",
      from: { name: "state", type: "enum", enumName: "st", enumValues: ["a", "b"], nullable: true, default: "'a'" },
      to: { name: "state", type: "enum", enumName: "st", enumValues: ["a", "c"], nullable: true, default: "'c'" },
    },
    [
      "DO $athanor$ DECLARE held text; BEGIN SELECT string_agg(DISTINCT quote_literal(v), ', ') INTO held FROM (SELECT \"state\"::text AS v FROM \"t\") s WHERE v <> ALL (ARRAY['a', 'c']::text[]); IF held IS NOT NULL THEN RAISE EXCEPTION 'rows of %.% hold %, which enum type % (%) does not allow: %', 't', 'state', held, 'st', 'a, c', 'update or delete those rows first (op.execute(...) before this alterColumn in the migration), or keep the values in the enum'; END IF; END $athanor$",
      'ALTER TABLE "t" ALTER COLUMN "state" DROP DEFAULT',
      "DO $athanor$ BEGIN IF to_regtype('\"st\"') IS NULL THEN CREATE TYPE \"st\" AS ENUM ('a', 'c'); ELSIF ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = to_regtype('\"st\"') ORDER BY e.enumsortorder) IS DISTINCT FROM ARRAY['a', 'c']::text[] THEN IF to_regtype('\"st_old\"') IS NOT NULL THEN RAISE EXCEPTION 'cannot redefine enum type % while type % still exists: %', 'st', 'st_old', 'columns that share enumName \"st\" must declare the same values (or drop the leftover type \"st_old\" if nothing uses it)'; END IF; ALTER TYPE \"st\" RENAME TO \"st_old\"; CREATE TYPE \"st\" AS ENUM ('a', 'c'); END IF; END $athanor$",
      'ALTER TABLE "t" ALTER COLUMN "state" TYPE "st" USING "state"::text::"st"',
      'DO $athanor$ BEGIN BEGIN DROP TYPE IF EXISTS "st"; EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END; BEGIN DROP TYPE IF EXISTS "st_old"; EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END; END $athanor$',
      'ALTER TABLE "t" ALTER COLUMN "state" SET DEFAULT \'c\'',
    ],
  ],
  [
    "alterColumn adding enum values skips the held-values check",
    {
      kind: "alterColumn",
      table: "t",
      from: { name: "state", type: "enum", enumName: "st", enumValues: ["a"], nullable: false },
      to: { name: "state", type: "enum", enumName: "st", enumValues: ["a", "b"], nullable: false },
    },
    [
      "DO $athanor$ BEGIN IF to_regtype('\"st\"') IS NULL THEN CREATE TYPE \"st\" AS ENUM ('a', 'b'); ELSIF ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = to_regtype('\"st\"') ORDER BY e.enumsortorder) IS DISTINCT FROM ARRAY['a', 'b']::text[] THEN IF to_regtype('\"st_old\"') IS NOT NULL THEN RAISE EXCEPTION 'cannot redefine enum type % while type % still exists: %', 'st', 'st_old', 'columns that share enumName \"st\" must declare the same values (or drop the leftover type \"st_old\" if nothing uses it)'; END IF; ALTER TYPE \"st\" RENAME TO \"st_old\"; CREATE TYPE \"st\" AS ENUM ('a', 'b'); END IF; END $athanor$",
      'ALTER TABLE "t" ALTER COLUMN "state" TYPE "st" USING "state"::text::"st"',
      'DO $athanor$ BEGIN BEGIN DROP TYPE IF EXISTS "st"; EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END; BEGIN DROP TYPE IF EXISTS "st_old"; EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END; END $athanor$',
    ],
  ],
  [
    "alterColumn sets a collation",
    { kind: "alterColumn", table: "t", from: { name: "c", type: "text", nullable: true }, to: { name: "c", type: "text", nullable: true, collation: "C" } },
    ['ALTER TABLE "t" ALTER COLUMN "c" TYPE text COLLATE "C" USING "c"::text'],
  ],
  [
    "alterColumn resets a collation to the default and restates it on a type change",
    {
      kind: "alterColumn",
      table: "t",
      from: { name: "c", type: "varchar", length: 10, nullable: true, collation: "C" },
      to: { name: "c", type: "varchar", length: 20, nullable: true },
    },
    ['ALTER TABLE "t" ALTER COLUMN "c" TYPE varchar(20) COLLATE pg_catalog."default" USING "c"::varchar(20)'],
  ],
  [
    "alterColumn turns a value into a one-element array",
    { kind: "alterColumn", table: "t", from: { name: "n", type: "integer", nullable: true }, to: { name: "n", type: "integer", array: true, nullable: true } },
    ['ALTER TABLE "t" ALTER COLUMN "n" TYPE integer[] USING CASE WHEN "n" IS NULL THEN NULL ELSE ARRAY["n"::integer] END'],
  ],
  [
    "alterColumn turns an array into its only element after checking there is one",
    { kind: "alterColumn", table: "t", from: { name: "n", type: "integer", array: true, nullable: true }, to: { name: "n", type: "bigint", nullable: true } },
    [
      "DO $athanor$ BEGIN IF EXISTS (SELECT 1 FROM \"t\" WHERE cardinality(\"n\") > 1) THEN RAISE EXCEPTION 'rows of %.% hold arrays of more than one element, which a single value cannot keep: %', 't', 'n', 'reduce those rows to one element first (op.execute(...) before this alterColumn in the migration), or keep the column an array'; END IF; END $athanor$",
      'ALTER TABLE "t" ALTER COLUMN "n" TYPE bigint USING "n"[array_lower("n", 1)]::bigint',
    ],
  ],
  [
    "alterColumn switches serial to identity keeping the last value",
    {
      kind: "alterColumn",
      table: "t",
      from: { name: "id", type: "integer", nullable: false, autoIncrement: "increment" },
      to: { name: "id", type: "integer", nullable: false, autoIncrement: "identity" },
    },
    [
      "DO $athanor$ DECLARE last bigint := pg_sequence_last_value(pg_get_serial_sequence('\"t\"', 'id')::regclass); BEGIN ALTER TABLE \"t\" ALTER COLUMN \"id\" DROP DEFAULT; EXECUTE format('DROP SEQUENCE %s', pg_get_serial_sequence('\"t\"', 'id')::regclass); ALTER TABLE \"t\" ALTER COLUMN \"id\" ADD GENERATED BY DEFAULT AS IDENTITY; IF last IS NOT NULL THEN PERFORM setval(pg_get_serial_sequence('\"t\"', 'id'), last); END IF; END $athanor$",
    ],
  ],
  [
    "alterColumn switches identity to serial keeping the last value",
    {
      kind: "alterColumn",
      table: "t",
      from: { name: "id", type: "bigint", nullable: false, autoIncrement: "identity" },
      to: { name: "id", type: "bigint", nullable: false, autoIncrement: "increment" },
    },
    [
      'DO $athanor$ DECLARE last bigint := pg_sequence_last_value(pg_get_serial_sequence(\'"t"\', \'id\')::regclass); BEGIN ALTER TABLE "t" ALTER COLUMN "id" DROP IDENTITY; CREATE SEQUENCE "t_id_seq" AS bigint OWNED BY "t"."id"; ALTER TABLE "t" ALTER COLUMN "id" SET DEFAULT nextval(\'"t_id_seq"\'::regclass); IF last IS NOT NULL THEN PERFORM setval(\'"t_id_seq"\'::regclass, last); END IF; END $athanor$',
    ],
  ],
  [
    "alterColumn makes a plain key serial, numbering after the largest row",
    {
      kind: "alterColumn",
      table: "t",
      from: { name: "id", type: "integer", nullable: false, default: "0" },
      to: { name: "id", type: "integer", nullable: false, autoIncrement: "increment" },
    },
    [
      'ALTER TABLE "t" ALTER COLUMN "id" DROP DEFAULT',
      'CREATE SEQUENCE "t_id_seq" AS integer OWNED BY "t"."id"',
      'ALTER TABLE "t" ALTER COLUMN "id" SET DEFAULT nextval(\'"t_id_seq"\'::regclass)',
      'SELECT setval(\'"t_id_seq"\'::regclass, GREATEST(max("id"), 1), max("id") >= 1) FROM "t" HAVING max("id") IS NOT NULL',
    ],
  ],
  [
    "alterColumn drops serial numbering with its sequence",
    {
      kind: "alterColumn",
      table: "t",
      from: { name: "id", type: "integer", nullable: false, autoIncrement: "increment" },
      to: { name: "id", type: "integer", nullable: false },
    },
    [
      "DO $athanor$ BEGIN ALTER TABLE \"t\" ALTER COLUMN \"id\" DROP DEFAULT; EXECUTE format('DROP SEQUENCE %s', pg_get_serial_sequence('\"t\"', 'id')::regclass); END $athanor$",
    ],
  ],
  [
    "addForeignKey writes DEFERRABLE INITIALLY DEFERRED",
    {
      kind: "addForeignKey",
      table: "t",
      foreignKey: {
        name: "FK_x",
        columns: ["p"],
        referencedTable: "p",
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "NO ACTION",
        deferrable: "INITIALLY DEFERRED",
      },
    },
    ['ALTER TABLE "t" ADD CONSTRAINT "FK_x" FOREIGN KEY ("p") REFERENCES "p" ("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED'],
  ],
];

for (const [name, op, want] of cases) {
  test(name, async () => {
    assert.deepEqual(await postgresDialect.compile(op, { currentTable: async () => undefined }), want);
  });
}

test("a dollar-quote tag never occurs in the block it quotes", async () => {
  const column = { name: "s", type: "enum", enumName: "e", enumValues: ["$athanor$"], nullable: true } as const;
  const [sql] = await postgresDialect.compile({ kind: "addColumn", table: "t", column }, { currentTable: async () => undefined });
  assert.match(sql!, /^DO \$athanor1\$ BEGIN .* END \$athanor1\$$/);
});
