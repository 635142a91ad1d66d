/**
 * Defaults by meaning: what TypeORM's PostgresDriver.normalizeDefault writes for an entity (the
 * model side) and what PostgreSQL 15's pg_get_expr(adbin) prints back for it (the catalog side,
 * copied from the server) give the same canonical default; different defaults do not.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalDefault } from "../../../src/dialects/postgres/normalise";

// [column type, TypeORM's text, the catalog's text]
const EQUAL: readonly [string, string, string][] = [
  ["jsonb", `'{"b":1,"a":[1,2],"aa":"x"}'`, `'{"a": [1, 2], "b": 1, "aa": "x"}'::jsonb`],
  ["jsonb", `'["a","b"]'`, `'["a", "b"]'::jsonb`],
  ["json", `'["a","b"]'`, `'["a","b"]'::json`],
  ["json", `'{"b":1,"a":2}'`, `'{"b":1, "a":2}'::json`],
  ["timestamptz", "now()", "now()"],
  ["timestamptz", "now()", "CURRENT_TIMESTAMP"],
  ["timestamptz", "('now'::text)::timestamp(3) with time zone", "CURRENT_TIMESTAMP(3)"],
  ["timestamptz", "('now'::text)::timestamp(3) with time zone", "('now'::text)::timestamp(3) with time zone"],
  ["timestamp", "('now'::text)::timestamp(4) without time zone", "LOCALTIMESTAMP(4)"],
  ["timestamp", "('now'::text)::timestamp without time zone", "LOCALTIMESTAMP"],
  ["timetz", "('now'::text)::time(2) with time zone", "CURRENT_TIME(2)"],
  ["time", "('now'::text)::time without time zone", "LOCALTIME"],
  ["date", "('now'::text)::date", "CURRENT_DATE"],
  ["real", "'1000'", "'1000'::real"],
  ["real", "'1e3'", "'1000'::real"],
  ["real", "'2.5'", "'2.5'::real"],
  ["double precision", "'1'", "1.0"],
  ["bigint", "'-5'", "'-5'::bigint"],
  ["integer", "'0'", "0"],
  ["numeric", "'1.5'", "1.5"],
  ["varchar", "'it''s'", "'it''s'::character varying"],
  ["text", "'{a,b}'", "'{a,b}'::text[]"],
  ["boolean", "true", "true"],
];

const UNEQUAL: readonly [string, string, string][] = [
  ["json", `'{"b":1,"a":2}'`, `'{"a":2,"b":1}'::json`],
  ["jsonb", `'{"a":1}'`, `'{"a": 2}'::jsonb`],
  ["timestamptz", "('now'::text)::timestamp(3) with time zone", "CURRENT_TIMESTAMP(2)"],
  ["timestamptz", "now()", "CURRENT_TIMESTAMP(3)"],
  ["timestamp", "('now'::text)::timestamp without time zone", "now()"],
  ["numeric", "'1.5'", "1.50"],
  ["varchar", "'5'", "5"],
  ["date", "('now'::text)::date", "'2020-01-01'::date"],
];

test("TypeORM's default and the catalog's text of the same default normalise equal", () => {
  for (const [type, model, catalog] of EQUAL) {
    assert.equal(canonicalDefault(model, type, false), canonicalDefault(catalog, type, false), `${type}: ${model} vs ${catalog}`);
  }
});

test("different defaults stay different", () => {
  for (const [type, a, b] of UNEQUAL) assert.notEqual(canonicalDefault(a, type, false), canonicalDefault(b, type, false), `${type}: ${a} vs ${b}`);
});

test("canonical defaults are what athanor writes: TypeORM's spelling of datetime functions, jsonb's of its values", () => {
  assert.equal(canonicalDefault("CURRENT_TIMESTAMP(3)", "timestamptz", false), "('now'::text)::timestamp(3) with time zone");
  assert.equal(canonicalDefault("CURRENT_DATE", "date", false), "('now'::text)::date");
  assert.equal(canonicalDefault(`'{"b":1,"a":"it''s"}'`, "jsonb", false), `'{"a": "it''s", "b": 1}'`);
});
