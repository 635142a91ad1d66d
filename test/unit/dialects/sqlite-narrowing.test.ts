/** SQLite: only what it enforces (an enum's CHECK) can stop a change; lengths and sizes are not limits there. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { narrowing } from "../../../src/dialects/sqlite/narrowing";
import type { Column } from "../../../src/schema/types";

const c = (type: string, extra: Partial<Column> = {}): Column => ({ name: "c", type, nullable: true, ...extra });

const cases: { name: string; from: Column; to: Column; want?: { reason: string; where: string } }[] = [
  { name: "shorter varchar keeps long strings", from: c("varchar", { length: 120 }), to: c("varchar", { length: 80 }) },
  { name: "text to varchar(n) keeps long strings", from: c("text"), to: c("varchar", { length: 8 }) },
  { name: "bigint to smallint keeps big integers", from: c("bigint"), to: c("smallint") },
  { name: "decimal scale decrease keeps the value", from: c("decimal", { precision: 10, scale: 2 }), to: c("decimal", { precision: 10, scale: 1 }) },
  {
    name: "enum value removed",
    from: c("varchar", { enumValues: ["a", "b", "c"] }),
    to: c("varchar", { enumValues: ["a", "b"] }),
    want: { reason: "enum('a', 'b', 'c') → enum('a', 'b')", where: `"c" NOT IN ('a', 'b')` },
  },
  { name: "enum value added", from: c("varchar", { enumValues: ["a"] }), to: c("varchar", { enumValues: ["a", "b"] }) },
  { name: "varchar becomes an enum", from: c("varchar"), to: c("varchar", { enumValues: ["x'y"] }), want: { reason: "varchar → enum('x''y')", where: `"c" NOT IN ('x''y')` } },
  { name: "enum becomes a plain varchar", from: c("varchar", { enumValues: ["a"] }), to: c("varchar") },
];

describe("SQLite narrowing", () => {
  for (const k of cases) {
    it(`${k.name}: ${k.want ? k.want.where : "nothing to check"}`, () => {
      assert.deepEqual(narrowing(k.from, k.to), k.want);
    });
  }
});
