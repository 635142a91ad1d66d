import type { Column } from "../../schema/types";
import { collateSql, DEFAULT_COLLATION } from "./collation";
import { typeSql } from "./column-sql";
import { defaultSql } from "./defaults";
import { doBlock } from "./do-block";
import { definesEnum, dropEnumIfUnusedSql, enumAccepts, ensureEnumSql, heldValuesCheckSql, sameEnumDefinition } from "./enum-types";
import { quoteIdentifier as q, quoteLiteral as lit } from "./quote";

/**
 * Whether `from` → `to` changes what `ALTER COLUMN … TYPE` sets: the type with its size, array-ness,
 * enum definition (a redefined enum keeps its name and type expression) or collation.
 */
export function columnTypeChanges(from: Column, to: Column): boolean {
  if (typeSql(from) !== typeSql(to) || from.collation !== to.collation) return true;
  return from.type === "enum" && to.type === "enum" && definesEnum(to) && !sameEnumDefinition(from, to);
}

/**
 * `ALTER COLUMN … TYPE … [COLLATE …] USING …` keeping every row, with what has to happen around it:
 * the checks that stop the migration before a cast would reject a row, the enum type the column
 * moves to (created or redefined, see enum-types.ts), the default (dropped before, because
 * PostgreSQL cannot always cast it, and set again after), and the enum type it leaves (dropped
 * when no column uses it any more).
 * https://www.postgresql.org/docs/current/sql-altertable.html (SET DATA TYPE, USING)
 */
export function alterColumnTypeSql(table: string, from: Column, to: Column): string[] {
  const alter = `ALTER TABLE ${q(table)} ALTER COLUMN ${q(to.name)}`;
  const out: string[] = [];
  if (from.array && !to.array) out.push(singleElementCheckSql(table, from));
  if (definesEnum(to) && !enumAccepts(from, to)) out.push(heldValuesCheckSql(table, from, to.enumName!, to.enumValues!));
  if (from.default !== undefined) out.push(`${alter} DROP DEFAULT`);
  if (definesEnum(to)) out.push(ensureEnumSql(to.enumName!, to.enumValues!));
  const collate = to.collation !== undefined ? collateSql(to.collation) : from.collation !== undefined ? DEFAULT_COLLATION : "";
  out.push(`${alter} TYPE ${typeSql(to)}${collate} USING ${usingSql(from, to)}`);
  if (definesEnum(from)) out.push(dropEnumIfUnusedSql(from.enumName!));
  if (to.default !== undefined && to.autoIncrement === undefined) out.push(`${alter} SET DEFAULT ${defaultSql(to)}`);
  return out;
}

/**
 * The USING expression. Enums convert through text (PostgreSQL has no cast between two enum
 * types); a single value becomes a one-element array (NULL stays NULL); an array becomes its only
 * element (singleElementCheckSql has made sure there is at most one).
 */
function usingSql(from: Column, to: Column): string {
  const col = q(to.name);
  const element = typeSql({ ...to, array: undefined });
  const viaText = from.type === "enum" || to.type === "enum";
  const cast = (expr: string) => (viaText ? `${expr}::text::${element}` : `${expr}::${element}`);
  if (from.array && to.array) return viaText ? `${col}::text[]::${element}[]` : `${col}::${element}[]`;
  if (to.array) return `CASE WHEN ${col} IS NULL THEN NULL ELSE ARRAY[${cast(col)}] END`;
  if (from.array) return cast(`${col}[array_lower(${col}, 1)]`);
  return cast(col);
}

/** Stops the migration when an array column about to become a single value holds longer arrays. */
function singleElementCheckSql(table: string, from: Column): string {
  return doBlock(
    `IF EXISTS (SELECT 1 FROM ${q(table)} WHERE cardinality(${q(from.name)}) > 1) THEN ` +
      `RAISE EXCEPTION 'rows of %.% hold arrays of more than one element, which a single value cannot keep: %', ${lit(table)}, ${lit(from.name)}, ` +
      `'reduce those rows to one element first (op.execute(...) before this alterColumn in the migration), or keep the column an array'; END IF;`,
  );
}
