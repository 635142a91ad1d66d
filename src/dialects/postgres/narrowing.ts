import type { Column } from "../../schema/types";
import { typeSql } from "./column-sql";
import { quoteIdentifier as q, quoteLiteral as lit } from "./quote";

/**
 * The rows a change of type would lose or alter on PostgreSQL, as a condition on the column.
 * `ALTER COLUMN … TYPE … USING col::new_type` is an explicit cast, and PostgreSQL's explicit casts
 * truncate strings to the new length, round numerics to the new scale and round fractional seconds
 * without a word (only an assignment would raise "value too long"), so the check must run before
 * the alteration. https://www.postgresql.org/docs/current/datatype-character.html
 * https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-NUMERIC-DECIMAL
 *
 * An array column is checked element by element; NULLs always survive (every condition is NULL,
 * never true, for them).
 */
export function narrowing(from: Column, to: Column): { readonly reason: string; readonly where: string } | undefined {
  const element = (c: Column): Column => ({ ...c, array: undefined });
  const loses = elementLoss(element(from), element(to));
  if (loses === undefined) return undefined;
  const col = q(from.name);
  const where = from.array ? `EXISTS (SELECT 1 FROM unnest(${col}) AS e(v) WHERE ${loses("v")})` : loses(col);
  return { reason: `${typeLabel(from)} → ${typeLabel(to)}`, where };
}

/** A condition on one value (`v` is an SQL expression), or undefined when every value fits. */
type Loss = (v: string) => string;

const INTEGER_RANGE: Readonly<Record<string, readonly [string, string]>> = {
  smallint: ["-32768", "32767"],
  integer: ["-2147483648", "2147483647"],
  bigint: ["-9223372036854775808", "9223372036854775807"],
};
/** Decimal digits every value of an integer type can need. */
const INTEGER_DIGITS: Readonly<Record<string, number>> = { smallint: 5, integer: 10, bigint: 19 };
const FLOAT_TYPES = new Set(["real", "double precision"]);
const TIME_TYPES = new Set(["timestamp", "timestamptz", "time", "timetz", "interval"]);

function elementLoss(from: Column, to: Column): Loss | undefined {
  if (to.type === "enum") return enumLoss(from, to);
  const limit = charLimit(to);
  if (limit !== undefined) return stringLoss(from, limit);
  if (INTEGER_RANGE[to.type]) return integerLoss(from, to.type);
  if (to.type === "numeric") return numericLoss(from, to);
  if (TIME_TYPES.has(to.type)) return timeLoss(from, to);
  if (to.type === "real" && from.type === "double precision") return (v) => `${v}::real::double precision <> ${v}`;
  return undefined;
}

/** The most characters a value of `c` can hold: undefined for unlimited or not a string type. */
function charLimit(c: Column): number | undefined {
  if (c.type === "varchar") return c.length;
  if (c.type === "char") return c.length ?? 1;
  return undefined;
}

function stringLoss(from: Column, limit: number): Loss | undefined {
  const fromLimit = charLimit(from);
  if (fromLimit !== undefined && fromLimit <= limit) return undefined;
  if (from.type === "enum" && from.enumValues !== undefined && from.enumValues.every((e) => [...e].length <= limit)) return undefined;
  // Anything else (text, an unlimited varchar, a number, a uuid, an enum with a long label) is
  // measured as the text the cast produces.
  const text = from.type === "varchar" || from.type === "char" || from.type === "text" ? (v: string) => v : (v: string) => `${v}::text`;
  return (v) => `char_length(${text(v)}) > ${limit}`;
}

function integerLoss(from: Column, to: string): Loss | undefined {
  const [min, max] = INTEGER_RANGE[to]!;
  const range: Loss = (v) => `(${v} < ${min} OR ${v} > ${max})`;
  if (INTEGER_RANGE[from.type]) return INTEGER_DIGITS[from.type]! > INTEGER_DIGITS[to]! ? range : undefined;
  // A fraction is rounded away by the cast without a word.
  if (from.type === "numeric" || FLOAT_TYPES.has(from.type)) return (v) => `(${v} <> round(${v}) OR ${v} < ${min} OR ${v} > ${max})`;
  return undefined;
}

function numericLoss(from: Column, to: Column): Loss | undefined {
  // Unconstrained numeric holds any value: nothing is lost.
  if (to.precision === undefined) return undefined;
  const scale = to.scale ?? 0;
  const intDigits = to.precision - scale;
  const conditions: Loss[] = [];
  let fromScale: number | undefined;
  let fromIntDigits: number | undefined;
  if (from.type === "numeric") {
    // Unconstrained: any scale and any number of digits.
    fromScale = from.precision === undefined ? undefined : from.scale ?? 0;
    fromIntDigits = from.precision === undefined ? undefined : from.precision - (from.scale ?? 0);
  } else if (INTEGER_DIGITS[from.type] !== undefined) {
    fromScale = 0;
    fromIntDigits = INTEGER_DIGITS[from.type];
  } else if (!FLOAT_TYPES.has(from.type)) return undefined;
  // round(x, s) exists for numeric only: a float is compared as the numeric the cast makes of it.
  const n = FLOAT_TYPES.has(from.type) ? (v: string) => `${v}::numeric` : (v: string) => v;
  if (fromScale === undefined || fromScale > scale) conditions.push((v) => `${n(v)} <> round(${n(v)}, ${scale})`);
  if (fromIntDigits === undefined || fromIntDigits > intDigits) conditions.push((v) => `abs(round(${n(v)}, ${scale})) >= ${powerOfTen(intDigits)}`);
  if (conditions.length === 0) return undefined;
  return (v) => (conditions.length === 1 ? conditions[0]!(v) : `(${conditions.map((c) => c(v)).join(" OR ")})`);
}

/** 10^n as a numeric literal, written out (no float arithmetic on the server). */
function powerOfTen(n: number): string {
  return `1${"0".repeat(n)}`;
}

function timeLoss(from: Column, to: Column): Loss | undefined {
  const sameFamily =
    from.type === to.type ||
    (["timestamp", "timestamptz"].includes(from.type) && ["timestamp", "timestamptz"].includes(to.type)) ||
    (["time", "timetz"].includes(from.type) && ["time", "timetz"].includes(to.type));
  if (!sameFamily) return undefined;
  // No precision written means 6 digits, the most PostgreSQL keeps.
  if ((from.precision ?? 6) <= (to.precision ?? 6)) return undefined;
  const target = typeSql(to);
  return (v) => `${v} <> ${v}::${target}`;
}

function enumLoss(from: Column, to: Column): Loss | undefined {
  const allowed = to.enumValues;
  // A hand-written enum column naming an existing type: its values are not known here, and the
  // cast itself refuses a value the type lacks (loudly, not silently).
  if (allowed === undefined) return undefined;
  if (from.type === "enum" && from.enumValues !== undefined && from.enumValues.every((v) => allowed.includes(v))) return undefined;
  if (allowed.length === 0) return (v) => `${v} IS NOT NULL`;
  return (v) => `${v}::text NOT IN (${allowed.map(lit).join(", ")})`;
}

function typeLabel(c: Column): string {
  if (c.type === "enum") return `enum ${c.enumName ?? ""}(${(c.enumValues ?? []).join(", ")})${c.array ? "[]" : ""}`.replace("enum (", "enum(");
  return typeSql(c);
}
