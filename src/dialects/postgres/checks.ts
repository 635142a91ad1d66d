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

/**
 * Exclusion constraints are never diffed, but a table created whole (initial migration, a
 * downgrade re-creating a dropped table) gets the ones it declares or had, from their definition
 * (`EXCLUDE USING gist (…)`), so TypeORM's schema builder does not miss them.
 */
export function exclusionSql(objects: readonly UnmodelledObject[] | undefined): string[] {
  return (objects ?? []).filter((o) => o.kind === "exclusion constraint" && o.definition).map((o) => `CONSTRAINT ${q(o.name)} ${o.definition}`);
}
