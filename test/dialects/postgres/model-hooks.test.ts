/** The PostgreSQL dialect's hooks on the model side: driver flags by version, index methods, generated columns. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { postgresDialect } from "../../../src/dialects/postgres";
import type { ModelColumnInput } from "../../../src/dialects/dialect";
import type { Table } from "../../../src/schema/types";
import { parseFormatType } from "../../../src/dialects/postgres/normalise";

test("prepareModelDriver sets TypeORM's version and isGeneratedColumnsSupported from the server version", () => {
  const cases: [string, { version: string; isGeneratedColumnsSupported: boolean }][] = [
    ["15.20 (Debian 15.20-0+deb12u1)", { version: "15.20", isGeneratedColumnsSupported: true }],
    ["16", { version: "16", isGeneratedColumnsSupported: true }],
    ["12.0", { version: "12.0", isGeneratedColumnsSupported: true }],
    ["11.22", { version: "11.22", isGeneratedColumnsSupported: false }],
  ];
  for (const [server, want] of cases) {
    const driver: Record<string, unknown> = { isGeneratedColumnsSupported: false };
    postgresDialect.prepareModelDriver!(driver, server);
    assert.deepEqual(driver, want, server);
  }
  const connected: Record<string, unknown> = { version: "14.1" };
  postgresDialect.prepareModelDriver!(connected, "16.4");
  assert.equal(connected.version, "14.1", "a version TypeORM already holds is kept");
});

test("modelTable: TypeORM's spatial index is GiST, fulltext means nothing on PostgreSQL, other methods stay", () => {
  const table: Table = {
    name: "t",
    columns: [],
    indexes: [
      { name: "a", columns: ["x"], unique: false, method: "spatial" },
      { name: "b", columns: ["x"], unique: false, method: "fulltext" },
      { name: "c", columns: ["x"], unique: false, method: "gin" },
    ],
    uniques: [],
    foreignKeys: [],
  };
  assert.deepEqual(postgresDialect.modelTable!(table).indexes, [
    { name: "a", columns: ["x"], unique: false, method: "gist" },
    { name: "b", columns: ["x"], unique: false },
    { name: "c", columns: ["x"], unique: false, method: "gin" },
  ]);
});

const base: ModelColumnInput = { tableName: "t", name: "c", type: "integer", length: "", unsigned: false, zerofill: false, array: false, nullable: true, primary: false };

test("modelColumn: STORED generated columns keep the entity's text verbatim (TypeORM compares it so); VIRTUAL ones are plain columns, as TypeORM builds them", () => {
  assert.deepEqual(postgresDialect.modelColumn({ ...base, asExpression: ` "a" + 1 `, generatedType: "STORED" }), {
    name: "c", type: "integer", nullable: true, asExpression: ` "a" + 1 `, generatedType: "STORED",
  });
  assert.deepEqual(postgresDialect.modelColumn({ ...base, asExpression: `"a" + 1`, generatedType: "VIRTUAL" }), { name: "c", type: "integer", nullable: true });
});

test("timestamp precisions 0, 3, 6 and none read the same from the model and the catalog", () => {
  const cases: [number | undefined, string][] = [
    [0, "timestamp(0) without time zone"],
    [3, "timestamp(3) without time zone"],
    [6, "timestamp(6) without time zone"],
    [6, "timestamp without time zone"],
    [undefined, "timestamp without time zone"],
  ];
  for (const [precision, raw] of cases) {
    const { name: _n, nullable: _x, ...model } = postgresDialect.modelColumn({ ...base, type: "timestamp without time zone", precision });
    assert.deepEqual(model, parseFormatType(raw), `${precision} vs ${raw}`);
  }
});
