import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../../src/errors";
import { compileGlob, matchesTable } from "../../../src/scope/glob-pattern";
import { throwsWith } from "../throws-with";

const matches = (pattern: string, table: string, schema?: string) => matchesTable(compileGlob(pattern, "test"), table, schema);

describe("scope glob patterns", () => {
  it("* matches any run of characters and ? exactly one, anchored at both ends", () => {
    assert.ok(matches("audit_*", "audit_log"));
    assert.ok(matches("audit_*", "audit_"));
    assert.ok(!matches("audit_*", "my_audit_log"));
    assert.ok(matches("tmp_?", "tmp_1"));
    assert.ok(!matches("tmp_?", "tmp_12"));
    assert.ok(!matches("tmp_?", "tmp_"));
    assert.ok(matches("*_log", "audit_log"));
    assert.ok(!matches("users", "users2"));
  });

  it("matches case-sensitively, as PostgreSQL and SQLite names are", () => {
    assert.ok(!matches("Users", "users"));
    assert.ok(matches("Users", "Users"));
  });

  it("matches schema.table with the schema name, and the plain name without it", () => {
    assert.ok(matches("public.audit_*", "audit_log", "public"));
    assert.ok(!matches("public.audit_*", "audit_log", "other"));
    assert.ok(!matches("public.audit_*", "audit_log", undefined));
    assert.ok(matches("main.*", "anything", "main"));
    assert.ok(matches("audit_*", "audit_log", "public"), "a plain pattern still matches the table name");
  });

  it("reads regular-expression characters literally", () => {
    assert.ok(matches("a.b", "a.b"));
    assert.ok(!matches("a.b", "axb"));
    assert.ok(matches("price+tax (old)", "price+tax (old)"));
    assert.ok(!matches("a^b$", "ab"));
  });

  it("refuses an empty pattern, a non-string and brackets or braces with a ConfigError naming the source", () => {
    throwsWith(() => compileGlob("", "--exclude-table"), ConfigError, ["--exclude-table", "not a table pattern"]);
    throwsWith(() => compileGlob(3, "athanor.config.ts exclude"), ConfigError, ["athanor.config.ts exclude", "3"]);
    throwsWith(() => compileGlob("audit_[0-9]*", "--exclude-table"), ConfigError, ["audit_[0-9]*", "["]);
    throwsWith(() => compileGlob("{a,b}", "x"), ConfigError, ["{"]);
  });
});
