import type { Check, UnmodelledObject } from "../../schema/types";
import { canonicalExpression } from "./expression";
import { quoteIdentifier as q } from "./quote";

/**
 * A table CHECK as the catalog gives it (`pg_get_expr(conbin)`, e.g. `(age > 18)`), normalised like
 * the entity's `@Check` expression. NOT NULL is no pg_constraint row before PostgreSQL 18, and the
 * introspector reads contype 'c' only, so no internal check appears.
 */
export function readCheck(name: string, expression: string): Check {
  return { name, expression: canonicalExpression(expression) };
}

/** Exclusion constraints are read, named in the output, and never diffed (see UnmodelledObject). */
export function readExclusion(name: string, definition: string): UnmodelledObject {
  return { kind: "exclusion constraint", name, ...(definition ? { definition } : {}) };
}

/** `CONSTRAINT "name" CHECK (expr)`, inside CREATE TABLE or after ALTER TABLE … ADD. */
export function checkSql(check: Check): string {
  return `CONSTRAINT ${q(check.name)} CHECK (${check.expression})`;
}
