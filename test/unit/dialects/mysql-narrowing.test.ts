/** MySQL/MariaDB (strict mode not assumed): which type changes can lose or alter a row, and how to find those rows. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { narrowing } from "../../../src/dialects/mysql/narrowing";
import type { Column } from "../../../src/schema/types";

const c = (type: string, extra: Partial<Column> = {}): Column => ({ name: "c", type, nullable: true, ...extra });

interface Case {
  readonly name: string;
  readonly from: Column;
  readonly to: Column;
  readonly want?: { readonly reason: string; readonly where: string };
}

const cases: Case[] = [
  { name: "shorter varchar", from: c("varchar", { length: 120 }), to: c("varchar", { length: 80 }), want: { reason: "varchar(120) → varchar(80)", where: "CHAR_LENGTH(`c`) > 80" } },
  { name: "longer varchar", from: c("varchar", { length: 80 }), to: c("varchar", { length: 120 }) },
  { name: "text to varchar(n)", from: c("text"), to: c("varchar", { length: 255 }), want: { reason: "text → varchar(255)", where: "CHAR_LENGTH(`c`) > 255" } },
  { name: "varchar to char shorter", from: c("varchar", { length: 10 }), to: c("char", { length: 2 }), want: { reason: "varchar(10) → char(2)", where: "CHAR_LENGTH(`c`) > 2" } },
  { name: "char(2) to varchar(10)", from: c("char", { length: 2 }), to: c("varchar", { length: 10 }) },
  { name: "longtext to text", from: c("longtext"), to: c("text"), want: { reason: "longtext → text", where: "LENGTH(`c`) > 65535" } },
  { name: "mediumtext to tinytext", from: c("mediumtext"), to: c("tinytext"), want: { reason: "mediumtext → tinytext", where: "LENGTH(`c`) > 255" } },
  { name: "varchar(100) to tinytext (400 bytes in utf8mb4)", from: c("varchar", { length: 100 }), to: c("tinytext"), want: { reason: "varchar(100) → tinytext", where: "LENGTH(`c`) > 255" } },
  { name: "varchar(50) to tinytext", from: c("varchar", { length: 50 }), to: c("tinytext") },
  { name: "text to mediumtext", from: c("text"), to: c("mediumtext") },
  { name: "tinytext to text", from: c("tinytext"), to: c("text") },
  { name: "bigint to int", from: c("bigint"), to: c("int"), want: { reason: "bigint → int", where: "(`c` < -2147483648 OR `c` > 2147483647)" } },
  { name: "int to tinyint unsigned", from: c("int"), to: c("tinyint", { unsigned: true }), want: { reason: "int → tinyint UNSIGNED", where: "(`c` < 0 OR `c` > 255)" } },
  { name: "int to int unsigned", from: c("int"), to: c("int", { unsigned: true }), want: { reason: "int → int UNSIGNED", where: "`c` < 0" } },
  { name: "int unsigned to int", from: c("int", { unsigned: true }), to: c("int"), want: { reason: "int UNSIGNED → int", where: "`c` > 2147483647" } },
  { name: "bigint unsigned to bigint", from: c("bigint", { unsigned: true }), to: c("bigint"), want: { reason: "bigint UNSIGNED → bigint", where: "`c` > 9223372036854775807" } },
  { name: "smallint unsigned to int", from: c("smallint", { unsigned: true }), to: c("int") },
  { name: "mediumint to smallint", from: c("mediumint"), to: c("smallint"), want: { reason: "mediumint → smallint", where: "(`c` < -32768 OR `c` > 32767)" } },
  { name: "tinyint to bigint", from: c("tinyint"), to: c("bigint") },
  { name: "decimal to int", from: c("decimal", { precision: 10, scale: 2 }), to: c("int"), want: { reason: "decimal(10,2) → int", where: "(`c` <> ROUND(`c`, 0) OR `c` < -2147483648 OR `c` > 2147483647)" } },
  { name: "decimal scale decrease", from: c("decimal", { precision: 10, scale: 2 }), to: c("decimal", { precision: 10, scale: 1 }), want: { reason: "decimal(10,2) → decimal(10,1)", where: "`c` <> ROUND(`c`, 1)" } },
  {
    name: "decimal scale and digits decrease",
    from: c("decimal", { precision: 10, scale: 2 }),
    to: c("decimal", { precision: 8, scale: 1 }),
    want: { reason: "decimal(10,2) → decimal(8,1)", where: "(`c` <> ROUND(`c`, 1) OR ABS(ROUND(`c`, 1)) >= 10000000)" },
  },
  { name: "decimal widening", from: c("decimal", { precision: 10, scale: 2 }), to: c("decimal", { precision: 12, scale: 4 }) },
  { name: "decimal made unsigned", from: c("decimal", { precision: 10, scale: 2 }), to: c("decimal", { precision: 10, scale: 2, unsigned: true }), want: { reason: "decimal(10,2) → decimal(10,2) UNSIGNED", where: "`c` < 0" } },
  { name: "int to decimal(5,0)", from: c("int"), to: c("decimal", { precision: 5, scale: 0 }), want: { reason: "int → decimal(5,0)", where: "ABS(ROUND(`c`, 0)) >= 100000" } },
  { name: "int to decimal(12,2)", from: c("int"), to: c("decimal", { precision: 12, scale: 2 }) },
  { name: "datetime(6) to datetime(3)", from: c("datetime", { precision: 6 }), to: c("datetime", { precision: 3 }), want: { reason: "datetime(6) → datetime(3)", where: "MICROSECOND(`c`) % 1000 <> 0" } },
  { name: "datetime(3) to datetime", from: c("datetime", { precision: 3 }), to: c("datetime"), want: { reason: "datetime(3) → datetime", where: "MICROSECOND(`c`) % 1000000 <> 0" } },
  { name: "time(6) to time(5)", from: c("time", { precision: 6 }), to: c("time", { precision: 5 }), want: { reason: "time(6) → time(5)", where: "MICROSECOND(`c`) % 10 <> 0" } },
  { name: "datetime to datetime(3)", from: c("datetime"), to: c("datetime", { precision: 3 }) },
  { name: "enum value removed", from: c("enum", { enumValues: ["a", "b", "c"] }), to: c("enum", { enumValues: ["a", "b"] }), want: { reason: "enum('a','b','c') → enum('a','b')", where: "`c` NOT IN ('a', 'b')" } },
  { name: "enum value added", from: c("enum", { enumValues: ["a", "b"] }), to: c("enum", { enumValues: ["a", "b", "c"] }) },
  { name: "varchar to enum", from: c("varchar", { length: 10 }), to: c("enum", { enumValues: ["it's"] }), want: { reason: "varchar(10) → enum('it''s')", where: "`c` NOT IN ('it''s')" } },
  { name: "set member removed", from: c("set", { enumValues: ["r", "w", "x"] }), to: c("set", { enumValues: ["r"] }), want: { reason: "set('r','w','x') → set('r')", where: "(FIND_IN_SET('w', `c`) > 0 OR FIND_IN_SET('x', `c`) > 0)" } },
  { name: "set member added", from: c("set", { enumValues: ["r"] }), to: c("set", { enumValues: ["r", "w"] }) },
  { name: "enum to a varchar holding every label", from: c("enum", { enumValues: ["ab", "cde"] }), to: c("varchar", { length: 3 }) },
  { name: "int to varchar(3)", from: c("int"), to: c("varchar", { length: 3 }), want: { reason: "int → varchar(3)", where: "CHAR_LENGTH(`c`) > 3" } },
  { name: "double to int", from: c("double"), to: c("int"), want: { reason: "double → int", where: "(`c` <> ROUND(`c`, 0) OR `c` < -2147483648 OR `c` > 2147483647)" } },
  { name: "double to decimal(6,2)", from: c("double"), to: c("decimal", { precision: 6, scale: 2 }), want: { reason: "double → decimal(6,2)", where: "(`c` <> ROUND(`c`, 2) OR ABS(ROUND(`c`, 2)) >= 10000)" } },
  { name: "float to double", from: c("float"), to: c("double") },
];

describe("MySQL/MariaDB narrowing", () => {
  for (const k of cases) {
    it(`${k.name}: ${k.want ? k.want.where : "nothing to check"}`, () => {
      assert.deepEqual(narrowing(k.from, k.to), k.want);
    });
  }
});
