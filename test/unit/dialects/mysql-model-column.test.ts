/**
 * modelColumn for the MySQL zero-noise fields: what the model side must produce so that it equals
 * what the introspector reads back (generated columns, charset/collation, uuid without the type).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mysqlDialect } from "../../../src/dialects/mysql";
import type { ModelColumnInput } from "../../../src/dialects/dialect";

const base: ModelColumnInput = { tableName: "t", name: "c", type: "varchar", length: "20", unsigned: false, zerofill: false, array: false, nullable: false, primary: false };

describe("MySQL modelColumn", () => {
  it("a collation alone brings its character set, as the catalog reports both", () => {
    const c = mysqlDialect.modelColumn({ ...base, collation: "utf8mb4_bin" });
    assert.deepEqual([c.charset, c.collation], ["utf8mb4", "utf8mb4_bin"]);
  });

  it("a character set alone stays alone (its default collation is not reported)", () => {
    const c = mysqlDialect.modelColumn({ ...base, charset: "latin1" });
    assert.deepEqual([c.charset, c.collation], ["latin1", undefined]);
    assert.equal("collation" in c, false, "no key holding undefined");
  });

  it("a generated column keeps the entity's text, is VIRTUAL by default, has no default and is nullable", () => {
    const c = mysqlDialect.modelColumn({ ...base, type: "int", length: "", asExpression: "  a * 2 ", default: "'1'" });
    assert.deepEqual(c, { name: "c", type: "int", nullable: true, asExpression: "a * 2", generatedType: "VIRTUAL" });
  });

  it("a uuid column where the server has no uuid type is varchar(36), never a bare varchar", () => {
    const c = mysqlDialect.modelColumn({ ...base, type: "varchar", declaredType: "uuid", length: "", nullable: true });
    assert.deepEqual(c, { name: "c", type: "varchar", length: 36, nullable: true });
  });

  it("json carries no charset or collation (utf8mb4_bin is part of MariaDB's json)", () => {
    const c = mysqlDialect.modelColumn({ ...base, type: "longtext", declaredType: "json", length: "", collation: "utf8mb4_bin" });
    assert.deepEqual(c, { name: "c", type: "json", nullable: false });
  });
});
