/** PostgreSQL: which type changes can lose or alter a row, and the condition that finds those rows. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { narrowing } from "../../../src/dialects/postgres/narrowing";
import type { Column } from "../../../src/schema/types";

const c = (type: string, extra: Partial<Column> = {}): Column => ({ name: "c", type, nullable: true, ...extra });

interface Case {
  readonly name: string;
  readonly from: Column;
  readonly to: Column;
  /** undefined: every value fits. */
  readonly want?: { readonly reason: string; readonly where: string };
}

const cases: Case[] = [
  { name: "shorter varchar", from: c("varchar", { length: 120 }), to: c("varchar", { length: 80 }), want: { reason: "varchar(120) → varchar(80)", where: `char_length("c") > 80` } },
  { name: "longer varchar", from: c("varchar", { length: 80 }), to: c("varchar", { length: 120 }) },
  { name: "same varchar", from: c("varchar", { length: 80 }), to: c("varchar", { length: 80 }) },
  { name: "varchar(n) to unlimited varchar", from: c("varchar", { length: 80 }), to: c("varchar") },
  { name: "text to varchar(n)", from: c("text"), to: c("varchar", { length: 80 }), want: { reason: "text → varchar(80)", where: `char_length("c") > 80` } },
  { name: "unlimited varchar to varchar(n)", from: c("varchar"), to: c("varchar", { length: 10 }), want: { reason: "varchar → varchar(10)", where: `char_length("c") > 10` } },
  { name: "varchar to text", from: c("varchar", { length: 80 }), to: c("text") },
  { name: "varchar(10) to char(4)", from: c("varchar", { length: 10 }), to: c("char", { length: 4 }), want: { reason: "varchar(10) → char(4)", where: `char_length("c") > 4` } },
  { name: "char without a length is char(1)", from: c("char", { length: 4 }), to: c("char"), want: { reason: "char(4) → char", where: `char_length("c") > 1` } },
  { name: "char(4) to varchar(8)", from: c("char", { length: 4 }), to: c("varchar", { length: 8 }) },
  { name: "integer to varchar(3) measures the text", from: c("integer"), to: c("varchar", { length: 3 }), want: { reason: "integer → varchar(3)", where: `char_length("c"::text) > 3` } },
  { name: "bigint to integer", from: c("bigint"), to: c("integer"), want: { reason: "bigint → integer", where: `("c" < -2147483648 OR "c" > 2147483647)` } },
  { name: "integer to smallint", from: c("integer"), to: c("smallint"), want: { reason: "integer → smallint", where: `("c" < -32768 OR "c" > 32767)` } },
  { name: "smallint to bigint", from: c("smallint"), to: c("bigint") },
  { name: "integer to integer", from: c("integer"), to: c("integer") },
  { name: "numeric scale decrease", from: c("numeric", { precision: 10, scale: 2 }), to: c("numeric", { precision: 10, scale: 1 }), want: { reason: "numeric(10,2) → numeric(10,1)", where: `"c" <> round("c", 1)` } },
  {
    name: "numeric scale and integer digits decrease",
    from: c("numeric", { precision: 10, scale: 2 }),
    to: c("numeric", { precision: 8, scale: 1 }),
    want: { reason: "numeric(10,2) → numeric(8,1)", where: `("c" <> round("c", 1) OR abs(round("c", 1)) >= 10000000)` },
  },
  { name: "numeric integer digits decrease only", from: c("numeric", { precision: 10, scale: 2 }), to: c("numeric", { precision: 6, scale: 2 }), want: { reason: "numeric(10,2) → numeric(6,2)", where: `abs(round("c", 2)) >= 10000` } },
  { name: "numeric widening", from: c("numeric", { precision: 10, scale: 2 }), to: c("numeric", { precision: 12, scale: 4 }) },
  { name: "numeric to unconstrained numeric", from: c("numeric", { precision: 10, scale: 2 }), to: c("numeric") },
  {
    name: "unconstrained numeric to numeric(p,s)",
    from: c("numeric"),
    to: c("numeric", { precision: 5, scale: 2 }),
    want: { reason: "numeric → numeric(5,2)", where: `("c" <> round("c", 2) OR abs(round("c", 2)) >= 1000)` },
  },
  { name: "integer to numeric(5,0)", from: c("integer"), to: c("numeric", { precision: 5, scale: 0 }), want: { reason: "integer → numeric(5,0)", where: `abs(round("c", 0)) >= 100000` } },
  { name: "integer to numeric(12,2)", from: c("integer"), to: c("numeric", { precision: 12, scale: 2 }) },
  { name: "timestamp(6) to timestamp(3)", from: c("timestamp"), to: c("timestamp", { precision: 3 }), want: { reason: "timestamp → timestamp(3)", where: `"c" <> "c"::timestamp(3)` } },
  { name: "timestamptz(3) to timestamptz(0)", from: c("timestamptz", { precision: 3 }), to: c("timestamptz", { precision: 0 }), want: { reason: "timestamp(3) with time zone → timestamp(0) with time zone", where: `"c" <> "c"::timestamp(0) with time zone` } },
  { name: "time precision decrease", from: c("time", { precision: 4 }), to: c("time", { precision: 2 }), want: { reason: "time(4) → time(2)", where: `"c" <> "c"::time(2)` } },
  { name: "interval precision decrease", from: c("interval"), to: c("interval", { precision: 0 }), want: { reason: "interval → interval(0)", where: `"c" <> "c"::interval(0)` } },
  { name: "timestamp(3) to timestamp(6)", from: c("timestamp", { precision: 3 }), to: c("timestamp") },
  { name: "timestamp to timestamptz", from: c("timestamp"), to: c("timestamptz") },
  { name: "double precision to real", from: c("double precision"), to: c("real"), want: { reason: "double precision → real", where: `"c"::real::double precision <> "c"` } },
  { name: "real to double precision", from: c("real"), to: c("double precision") },
  {
    name: "enum value removed",
    from: c("enum", { enumName: "kind", enumValues: ["a", "b", "c"] }),
    to: c("enum", { enumName: "kind", enumValues: ["a", "b"] }),
    want: { reason: "enum kind(a, b, c) → enum kind(a, b)", where: `"c"::text NOT IN ('a', 'b')` },
  },
  { name: "enum value added", from: c("enum", { enumName: "kind", enumValues: ["a", "b"] }), to: c("enum", { enumName: "kind", enumValues: ["a", "b", "c"] }) },
  { name: "varchar to enum", from: c("varchar", { length: 10 }), to: c("enum", { enumName: "kind", enumValues: ["it's"] }), want: { reason: "varchar(10) → enum kind(it's)", where: `"c"::text NOT IN ('it''s')` } },
  { name: "enum to varchar that holds every label", from: c("enum", { enumName: "kind", enumValues: ["short", "longer"] }), to: c("varchar", { length: 6 }) },
  {
    name: "enum to varchar too short for a label",
    from: c("enum", { enumName: "kind", enumValues: ["short", "longest"] }),
    to: c("varchar", { length: 6 }),
    want: { reason: "enum kind(short, longest) → varchar(6)", where: `char_length("c"::text) > 6` },
  },
  {
    name: "array elements are checked one by one",
    from: c("varchar", { length: 20, array: true }),
    to: c("varchar", { length: 5, array: true }),
    want: { reason: "varchar(20)[] → varchar(5)[]", where: `EXISTS (SELECT 1 FROM unnest("c") AS e(v) WHERE char_length(v) > 5)` },
  },
  { name: "a value to a one-element array of a shorter type", from: c("integer"), to: c("smallint", { array: true }), want: { reason: "integer → smallint[]", where: `("c" < -32768 OR "c" > 32767)` } },
  { name: "array widening", from: c("integer", { array: true }), to: c("bigint", { array: true }) },
  { name: "numeric to integer rounds fractions away", from: c("numeric", { precision: 10, scale: 2 }), to: c("integer"), want: { reason: "numeric(10,2) → integer", where: `("c" <> round("c") OR "c" < -2147483648 OR "c" > 2147483647)` } },
  {
    name: "double precision to numeric(6,2)",
    from: c("double precision"),
    to: c("numeric", { precision: 6, scale: 2 }),
    want: { reason: "double precision → numeric(6,2)", where: `("c"::numeric <> round("c"::numeric, 2) OR abs(round("c"::numeric, 2)) >= 10000)` },
  },
  { name: "integer to text", from: c("integer"), to: c("text") },
  { name: "a quoted column name", from: { ...c("varchar", { length: 9 }), name: 'we"ird' }, to: { ...c("varchar", { length: 3 }), name: 'we"ird' }, want: { reason: "varchar(9) → varchar(3)", where: `char_length("we""ird") > 3` } },
];

describe("PostgreSQL narrowing", () => {
  for (const k of cases) {
    it(`${k.name}: ${k.want ? k.want.where : "nothing to check"}`, () => {
      assert.deepEqual(narrowing(k.from, k.to), k.want);
    });
  }
});
