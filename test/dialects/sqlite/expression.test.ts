import { test } from "node:test";
import assert from "node:assert/strict";
import { sqliteDialect } from "../../../src/dialects/sqlite";

test("CHECK and WHERE expressions: whitespace and wrapping parentheses carry no meaning; quotes and words do", () => {
  const same: [string, string][] = [
    [`"age" > 18`, `("age" > 18)`],
    [`"age" > 18`, `  (( "age"   >  18 ))  `],
    [`length("first") > 0 AND length("last") > 0`, `length( "first" ) > 0\n  AND length("last") > 0`],
    [`"a" IN ('x', 'y')`, `("a" IN ('x', 'y'))`],
  ];
  for (const [a, b] of same) assert.equal(sqliteDialect.canonicalExpression(a, "check"), sqliteDialect.canonicalExpression(b, "check"), `${a} | ${b}`);
  const different: [string, string][] = [
    [`"a" = 'x  y'`, `"a" = 'x y'`],
    [`"age" > 18`, `age > 18`],
    [`("a" > 1) AND ("b" > 1)`, `"a" > 1) AND ("b" > 1`],
  ];
  for (const [a, b] of different) assert.notEqual(sqliteDialect.canonicalExpression(a, "check"), sqliteDialect.canonicalExpression(b, "check"), `${a} | ${b}`);
  assert.equal(sqliteDialect.canonicalExpression(`("a" > 1) AND ("b" > 1)`, "where"), `("a" > 1) AND ("b" > 1)`, "parentheses that do not wrap the whole stay");
});

test("a generated column's expression is only trimmed (TypeORM compares its typeorm_metadata copy verbatim)", () => {
  assert.equal(sqliteDialect.canonicalExpression(`  ("a"  +  1) `, "generated"), `("a"  +  1)`);
});
