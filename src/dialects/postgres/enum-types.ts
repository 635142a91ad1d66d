import type { Column } from "../../schema/types";
import { doBlock, doBlockWith } from "./do-block";
import { quoteIdentifier as q, quoteLiteral as lit } from "./quote";

/**
 * PostgreSQL enum types. An enum column's type is a schema object of its own (`CREATE TYPE … AS
 * ENUM`), which several columns, in several tables, may share (TypeORM's `enumName`). athanor's
 * ops are per table and per column, so the statements that create, redefine and drop a type decide
 * from the catalog at run time whether another column already made or still needs it:
 *  - a type is created when it is missing, and left alone when it has the wanted values;
 *  - when it exists with other values it is redefined the way TypeORM does it (rename the old type
 *    to `<name>_old`, create the new one); each column using it then moves to the new type with
 *    `ALTER COLUMN … TYPE … USING col::text::type` (its own alterColumn), and the old type is
 *    dropped by the last column to leave it;
 *  - a type is dropped only when no column uses it any more.
 *
 * New values are never added with `ALTER TYPE … ADD VALUE`, although it avoids rewriting the table:
 * before PostgreSQL 12 it cannot run inside a transaction block (athanor runs each migration in one),
 * and on every version a value added in a transaction cannot be used before that transaction
 * commits ("unsafe use of new value"), so a default naming the new value, a data step using it, or
 * a later migration of the same `--transaction all` run would fail. The swap above works inside a
 * transaction and the new values are usable at once; its cost is a rewrite of the tables whose
 * columns use the type (under an ACCESS EXCLUSIVE lock). On a large table, a hand-written
 * `op.execute("ALTER TYPE … ADD VALUE …")` in a migration with `export const transactional = false`
 * avoids it; the next autogenerate then finds nothing to do.
 * https://www.postgresql.org/docs/current/sql-altertype.html (Notes)
 */

/** The name the old definition is moved to while columns change over, as TypeORM names it. */
export function oldEnumName(name: string): string {
  return `${name}_old`;
}

function regtype(name: string): string {
  return `to_regtype(${lit(q(name))})`;
}

function textArray(values: readonly string[]): string {
  return `ARRAY[${values.map(lit).join(", ")}]::text[]`;
}

function createEnumSql(name: string, values: readonly string[]): string {
  return `CREATE TYPE ${q(name)} AS ENUM (${values.map(lit).join(", ")})`;
}

/** Makes `name` an enum type with exactly `values`, in this order (see the file comment). */
export function ensureEnumSql(name: string, values: readonly string[]): string {
  const old = oldEnumName(name);
  const labels = `ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = ${regtype(name)} ORDER BY e.enumsortorder)`;
  return doBlock(
    `IF ${regtype(name)} IS NULL THEN ${createEnumSql(name, values)}; ` +
      `ELSIF ${labels} IS DISTINCT FROM ${textArray(values)} THEN ` +
      `IF ${regtype(old)} IS NOT NULL THEN RAISE EXCEPTION 'cannot redefine enum type % while type % still exists: %', ${lit(name)}, ${lit(old)}, ` +
      `${lit(`columns that share enumName "${name}" must declare the same values (or drop the leftover type "${old}" if nothing uses it)`)}; END IF; ` +
      `ALTER TYPE ${q(name)} RENAME TO ${q(old)}; ${createEnumSql(name, values)}; END IF;`,
  );
}

/**
 * Drops the enum type `name` (and a leftover `<name>_old` of a redefinition) unless a column, or
 * anything else, still uses it: PostgreSQL refuses to drop a type with dependents, and that refusal
 * is what keeps a shared type.
 */
export function dropEnumIfUnusedSql(name: string): string {
  const drop = (n: string) => `BEGIN DROP TYPE IF EXISTS ${q(n)}; EXCEPTION WHEN dependent_objects_still_exist THEN NULL; END;`;
  return doBlock(`${drop(name)} ${drop(oldEnumName(name))}`);
}

/**
 * Stops the migration, before anything changes, when rows of `table`.`from` hold values that the
 * enum type `enumName` will not allow (a removed value, or text outside the enum): the cast would
 * fail anyway, this says which values and what to do. Rows are never changed or dropped silently.
 */
export function heldValuesCheckSql(table: string, from: Column, enumName: string, allowed: readonly string[]): string {
  const values = from.array ? `SELECT unnest(${q(from.name)})::text AS v FROM ${q(table)}` : `SELECT ${q(from.name)}::text AS v FROM ${q(table)}`;
  return doBlockWith(
    "held text;",
    `SELECT string_agg(DISTINCT quote_literal(v), ', ') INTO held FROM (${values}) s WHERE v <> ALL (${textArray(allowed)}); ` +
      `IF held IS NOT NULL THEN RAISE EXCEPTION 'rows of %.% hold %, which enum type % (%) does not allow: %', ${lit(table)}, ${lit(from.name)}, held, ${lit(enumName)}, ${lit(allowed.join(", "))}, ` +
      `'update or delete those rows first (op.execute(...) before this alterColumn in the migration), or keep the values in the enum'; END IF;`,
  );
}

/** Whether every value a column of type `from` can hold is a value of the enum `to`. */
export function enumAccepts(from: Column, to: Column): boolean {
  if (from.type !== "enum" || to.type !== "enum" || from.enumValues === undefined) return false;
  const allowed = new Set(to.enumValues ?? []);
  return from.enumValues.every((v) => allowed.has(v));
}

export function definesEnum(c: Column): boolean {
  return c.type === "enum" && c.enumName !== undefined && c.enumValues !== undefined;
}

export function sameEnumDefinition(a: Column, b: Column): boolean {
  return a.enumName === b.enumName && JSON.stringify(a.enumValues ?? []) === JSON.stringify(b.enumValues ?? []);
}

/**
 * The distinct enum types (name and values) that `columns` define, first use first. A column with
 * an enumName but no values (hand-written) refers to a type that exists and defines nothing.
 */
export function enumTypesOf(columns: readonly Column[]): { readonly name: string; readonly values: readonly string[] }[] {
  const seen = new Map<string, readonly string[]>();
  for (const c of columns) if (definesEnum(c) && !seen.has(c.enumName!)) seen.set(c.enumName!, c.enumValues!);
  return [...seen].map(([name, values]) => ({ name, values }));
}
