import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkIdentifierLengths, identifierLength, longIdentifiers } from "../../../src/schema/identifier-limits";
import { getDialect } from "../../../src/dialects";
import { IdentifierTooLongError } from "../../../src/errors";
import type { Schema, Table } from "../../../src/schema/types";
import { throwsWith } from "../throws-with";

const PG = { limit: 63, unit: "bytes" } as const;
const MYSQL = { limit: 64, unit: "characters" } as const;

const table = (name: string, extra: Partial<Table> = {}): Table => ({
  name,
  columns: [{ name: "id", type: "integer", nullable: false }],
  primaryKey: { name: "pk", columns: ["id"] },
  indexes: [],
  uniques: [],
  foreignKeys: [],
  ...extra,
});
const schema = (...tables: Table[]): Schema => ({ tables });

/** 32 characters of two UTF-8 bytes each: 64 bytes. */
const twoByte = "é".repeat(32);

describe("identifier lengths", () => {
  it("counts UTF-8 bytes for PostgreSQL and characters for MySQL", () => {
    assert.equal(identifierLength(twoByte, "bytes"), 64);
    assert.equal(identifierLength(twoByte, "characters"), 32);
    assert.equal(identifierLength("😀", "characters"), 1, "a character outside the BMP is one character, not two UTF-16 units");
  });

  it("a 32-character name of 2-byte characters is too long on PostgreSQL and fine on MySQL", () => {
    const s = schema(table(twoByte));
    assert.deepEqual(longIdentifiers(s, PG), [{ kind: "table", name: twoByte, length: 64 }]);
    assert.deepEqual(longIdentifiers(s, MYSQL), []);
  });

  it("exactly at the limit passes, one over does not", () => {
    assert.deepEqual(longIdentifiers(schema(table("t", { indexes: [{ name: "i".repeat(63), columns: ["id"], unique: false }] })), PG), []);
    assert.deepEqual(longIdentifiers(schema(table("t", { indexes: [{ name: "i".repeat(64), columns: ["id"], unique: false }] })), MYSQL), []);
    assert.deepEqual(longIdentifiers(schema(table("t", { indexes: [{ name: "i".repeat(64), columns: ["id"], unique: false }] })), PG), [
      { kind: "index", name: "i".repeat(64), table: "t", length: 64 },
    ]);
    assert.deepEqual(longIdentifiers(schema(table("t", { indexes: [{ name: "i".repeat(65), columns: ["id"], unique: false }] })), MYSQL), [
      { kind: "index", name: "i".repeat(65), table: "t", length: 65 },
    ]);
  });

  it("finds every kind of name: table, column, primary key, index, unique, foreign key, check, enum type (once when shared)", () => {
    const long = (p: string) => `${p}_${"x".repeat(70)}`;
    const t = table(long("t"), {
      columns: [
        { name: long("c"), type: "integer", nullable: false },
        { name: "a", type: "enum", enumValues: ["x"], enumName: long("e"), nullable: false },
        { name: "b", type: "enum", enumValues: ["x"], enumName: long("e"), nullable: false },
      ],
      primaryKey: { name: long("pk"), columns: [long("c")] },
      indexes: [{ name: long("i"), columns: ["a"], unique: false }],
      uniques: [{ name: long("u"), columns: ["b"] }],
      foreignKeys: [{ name: long("fk"), columns: ["a"], referencedTable: "o", referencedColumns: ["id"], onDelete: "NO ACTION", onUpdate: "NO ACTION" }],
      checks: [{ name: long("ck"), expression: "a > 0" }],
    });
    const found = longIdentifiers(schema(t, table("fine")), PG);
    assert.deepEqual(
      found.map((f) => [f.kind, f.name.split("_")[0]]),
      [
        ["table", "t"],
        ["column", "c"],
        ["primary key", "pk"],
        ["index", "i"],
        ["unique", "u"],
        ["foreign key", "fk"],
        ["check", "ck"],
        ["enum type", "e"],
      ],
    );
    assert.deepEqual(found.at(-1), { kind: "enum type", name: long("e"), table: long("t"), column: "a", length: long("e").length });
  });
});

describe("checkIdentifierLengths", () => {
  const longIndex = `IDX_${"a".repeat(66)}`;
  const s = schema(table("devices", { indexes: [{ name: longIndex, columns: ["id"], unique: false }] }));

  it("names the object, its table, its length and the limit, and says how to shorten it", () => {
    throwsWith(() => checkIdentifierLengths(s, getDialect("postgres")), IdentifierTooLongError, [
      `index "${longIndex}" on table "devices" is 70 bytes`,
      "PostgreSQL keeps 63",
    ]);
    assert.throws(
      () => checkIdentifierLengths(s, getDialect("mysql")),
      (e: unknown) =>
        e instanceof IdentifierTooLongError && /70 characters; MySQL\/MariaDB allows 64/.test(e.message) && /@Index\("short_name"/.test(e.hint ?? ""),
    );
  });

  it("lists every long name in one error, and gives the fix for each kind found", () => {
    const two = schema(table("t".repeat(64), { indexes: [{ name: longIndex, columns: ["id"], unique: false }] }));
    assert.throws(
      () => checkIdentifierLengths(two, getDialect("postgres")),
      (e: unknown) =>
        e instanceof IdentifierTooLongError &&
        e.identifiers?.length === 2 &&
        /^2 names are longer than PostgreSQL allows \(63 bytes\):\n {2}table "t+" is 64 bytes\n {2}index/.test(e.message) &&
        /@Entity\("short_name"\)/.test(e.hint ?? "") &&
        /@Index\("short_name"/.test(e.hint ?? "") &&
        !/@Unique/.test(e.hint ?? ""),
    );
  });

  it("never fires on SQLite, which has no limit", () => {
    assert.equal(getDialect("sqlite").maxIdentifierLength, undefined);
    checkIdentifierLengths(schema(table("t".repeat(500))), getDialect("sqlite"));
  });
});
