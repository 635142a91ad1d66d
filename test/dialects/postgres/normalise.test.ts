import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalDefault, parseFormatType } from "../../../src/dialects/postgres/normalise";
import { postgresDialect } from "../../../src/dialects/postgres";
import type { ModelColumnInput } from "../../../src/dialects/dialect";

test("format_type spellings collapse to the canonical type and sizes", () => {
  const cases: [string, object][] = [
    ["character varying(50)", { type: "varchar", length: 50 }],
    ["character varying", { type: "varchar" }],
    ["character(1)", { type: "char" }],
    ["character(2)", { type: "char", length: 2 }],
    ["numeric(10,2)", { type: "numeric", precision: 10, scale: 2 }],
    ["numeric", { type: "numeric" }],
    ["timestamp without time zone", { type: "timestamp" }],
    ["timestamp(6) with time zone", { type: "timestamptz" }],
    ["timestamp(3) without time zone", { type: "timestamp", precision: 3 }],
    ["time(0) with time zone", { type: "timetz", precision: 0 }],
    ["integer[]", { type: "integer", array: true }],
    ["character varying(20)[]", { type: "varchar", length: 20, array: true }],
    ["double precision", { type: "double precision" }],
    ["bigint", { type: "bigint" }],
  ];
  for (const [raw, want] of cases) assert.deepEqual(parseFormatType(raw), want, raw);
});

test("defaults lose literal casts but keep the ones that change meaning", () => {
  const cases: [string | null, string, boolean, string | undefined][] = [
    ["'abc'::character varying", "varchar", false, "'abc'"],
    ["'it''s'::text", "text", false, "'it''s'"],
    ["'-1'::integer", "integer", false, "-1"],
    ["'5'", "bigint", false, "5"],
    ["(-2.5)::numeric", "numeric", false, "-2.5"],
    ["42", "integer", false, "42"],
    ["'42'", "varchar", false, "'42'"],
    ["NULL::character varying", "varchar", true, undefined],
    ["CURRENT_TIMESTAMP", "timestamptz", false, "now()"],
    ["now()", "timestamp", false, "now()"],
    ["('now'::text)::date", "date", false, "('now'::text)::date"],
    ["'{}'::integer[]", "integer", false, "'{}'"],
    ["TRUE", "boolean", false, "true"],
    [null, "integer", true, undefined],
  ];
  for (const [expr, type, nullable, want] of cases) assert.equal(canonicalDefault(expr, type, nullable), want, String(expr));
});

const base: ModelColumnInput = {
  tableName: "Account",
  name: "Kind",
  type: "character varying",
  length: "",
  unsigned: false,
  zerofill: false,
  array: false,
  nullable: false,
  primary: false,
};

test("modelColumn names enum types as TypeORM does and keeps the uuid generator as the default", () => {
  assert.deepEqual(postgresDialect.modelColumn({ ...base, type: "enum", enumValues: ["a"], default: "'a'" }), {
    name: "Kind", type: "enum", enumValues: ["a"], enumName: "Account_kind_enum", nullable: false, default: "'a'",
  });
  assert.deepEqual(postgresDialect.modelColumn({ ...base, name: "id", type: "uuid", generated: "uuid", uuidGenerator: "uuid_generate_v4()" }), {
    name: "id", type: "uuid", nullable: false, default: "uuid_generate_v4()",
  });
  assert.deepEqual(postgresDialect.modelColumn({ ...base, name: "id", type: "integer", generated: "increment", primary: true }), {
    name: "id", type: "integer", nullable: false, autoIncrement: "increment",
  });
  assert.deepEqual(postgresDialect.modelColumn({ ...base, type: "numeric", precision: 8 }), {
    name: "Kind", type: "numeric", precision: 8, scale: 0, nullable: false,
  });
  assert.equal(postgresDialect.modelForeignKeyAction(undefined), "NO ACTION");
  assert.equal(postgresDialect.modelForeignKeyAction("set null"), "SET NULL");
});

test("quoting doubles the quote character and nothing else", () => {
  assert.equal(postgresDialect.quoteIdentifier('a "b" c'), '"a ""b"" c"');
  assert.equal(postgresDialect.quoteIdentifier("order"), '"order"');
  assert.equal(postgresDialect.quoteLiteral("it's \\ `x`"), "'it''s \\ `x`'");
});
