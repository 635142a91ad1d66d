import type { Column } from "../../schema/types";
import { quoteIdentifier as q, quoteLiteral as lit } from "./quote";

/**
 * The rows a change of type would lose on SQLite: only what SQLite enforces. A declared type is an
 * affinity, not a limit: SQLite keeps a 110-character string in a `varchar(80)` column and any
 * integer in a `smallint`, so a shorter length, a smaller integer or decimal type loses nothing and
 * needs no check. https://www.sqlite.org/datatype3.html ("SQLite does not enforce the length of a
 * VARCHAR"). An enum is a `CHECK ("c" IN (…))` constraint, which the table rebuild's copy of the
 * rows enforces: a removed value would fail that copy; the check names the rows first.
 */
export function narrowing(from: Column, to: Column): { readonly reason: string; readonly where: string } | undefined {
  const allowed = to.enumValues;
  if (allowed === undefined) return undefined;
  if (from.enumValues !== undefined && from.enumValues.every((v) => allowed.includes(v))) return undefined;
  const col = q(from.name);
  const values = (list: readonly string[]) => list.map(lit).join(", ");
  return {
    reason: `${from.enumValues ? `enum(${values(from.enumValues)})` : from.type} → enum(${values(allowed)})`,
    where: allowed.length === 0 ? `${col} IS NOT NULL` : `${col} NOT IN (${allowed.map(lit).join(", ")})`,
  };
}
