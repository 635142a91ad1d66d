/**
 * What entities write and what PostgreSQL 15 prints back (pg_get_constraintdef / pg_get_expr of
 * checks, partial-index predicates, generated columns and index keys, copied from the server)
 * normalise to the same text; expressions that mean something else do not.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { postgresDialect } from "../../../src/dialects/postgres";

const canon = (sql: string) => postgresDialect.canonicalExpression(sql, "check");

const EQUAL: readonly [entity: string, server: string][] = [
  [`"age" > 18`, "(age > 18)"],
  [`"deleted" = false`, "(deleted = false)"],
  [`name IN ('a','b')`, "((name)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"],
  [`c in ('p', 'q')`, "(c = ANY (ARRAY['p'::text, 'q'::text]))"],
  [`a not in (1,2)`, "(a <> ALL (ARRAY[1, 2]))"],
  [`a in ('x')`, "(a = 'x'::text)"],
  [`a not in ('y')`, "(a <> 'y'::text)"],
  [`kind <> 'x' AND "Mixed" >= 0 OR age is null`, `(((kind <> 'x'::text) AND ("Mixed" >= 0)) OR (age IS NULL))`],
  [`lower(name) = name`, "(lower((name)::text) = (name)::text)"],
  [`a between 1 and 10`, "((a >= 1) AND (a <= 10))"],
  [`a > -1`, "(a > '-1'::integer)"],
  [`b ilike 'x%'`, "((b)::text ~~* 'x%'::text)"],
  [`c not like 'y%'`, "(c !~~ 'y%'::text)"],
  [`case when d then a > 0 else true end`, "CASE\n    WHEN d THEN (a > 0)\n    ELSE true\nEND"],
  [`coalesce(a, 0) >= 0`, "(COALESCE(a, 0) >= 0)"],
  [`"d"`, "d"],
  [`not d`, "(NOT d)"],
  [`a != 3`, "(a <> 3)"],
  [`b || c <> ''`, "(((b)::text || c) <> ''::text)"],
  [`a is not null`, "(a IS NOT NULL)"],
  [`g ? 'k'`, "(g ? 'k'::text)"],
  [`(a + 1) * 2 > a`, "(((a + 1) * 2) > a)"],
  [`a % 2 = 0`, "((a % 2) = 0)"],
  [`upper(c) = 'X'`, "(upper(c) = 'X'::text)"],
  [`a is distinct from 5`, "(a IS DISTINCT FROM 5)"],
  [`length(b) > 2`, "(length((b)::text) > 2)"],
  [`e >= 0.0 AND e <= 100`, "((e >= 0.0) AND (e <= (100)::numeric))"],
  [`"price" * "qty"`, "(price * (qty)::numeric)"],
  [`s || '-' || t`, "((s || '-'::text) || (t)::text)"],
  [`a * 2 + 1`, "((a * 2) + 1)"],
  [`upper("s")`, "upper(s)"],
  [`kind = 'abc' and name like 'x%'`, "((kind = 'abc'::text) AND ((name)::text ~~ 'x%'::text))"],
  [`lower(name)`, "lower(name::text)"],
  [`"Mixed" > 0`, `("Mixed" > 0)`],
  [`"order" > 0`, `("order" > 0)`],
];

const UNEQUAL: readonly [string, string][] = [
  ["a > 18", "(a >= 18)"],
  ["(a OR b) AND c", "(a OR (b AND c))"],
  [`"Mixed" > 0`, "(mixed > 0)"],
  ["a - (b - c)", "((a - b) - c)"],
  ["name = 'A'", "((name)::text = 'a'::text)"],
  ["d > '2020-01-01'::date", "(d > '2020-01-01'::timestamp without time zone)"],
  ["a in (1, 2)", "(a <> ALL (ARRAY[1, 2]))"],
  ["-a * b", "(-(a * b))"],
  ["d > ('now'::text)::date", "(d > 'now'::date)"],
];

test("entity expressions and the server's deparsed text normalise to the same canonical text", () => {
  for (const [entity, server] of EQUAL) assert.equal(canon(entity), canon(server), `${entity}  vs  ${server}`);
});

test("expressions that differ in meaning keep different canonical text", () => {
  for (const [a, b] of UNEQUAL) assert.notEqual(canon(a), canon(b), `${a}  vs  ${b}`);
});

test("canonical text drops redundant parentheses and quotes and is stable", () => {
  assert.equal(canon(`(("age" > 18))`), "age > 18");
  assert.equal(canon(`"a b" = 'it''s'`), `"a b" = 'it''s'`);
  for (const [, server] of EQUAL) assert.equal(canon(canon(server)), canon(server), server);
});

test("text that does not parse keeps its tokens with normalised spacing", () => {
  assert.equal(canon("  arr[1]   >  0 "), "arr[1] > 0");
});
