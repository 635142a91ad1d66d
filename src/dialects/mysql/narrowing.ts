import type { Column } from "../../schema/types";
import { columnType } from "./column-definition";
import { quoteIdentifier as q, quoteLiteral as lit } from "./quote";

/**
 * The rows a change of type would lose or alter on MySQL/MariaDB, as a condition on the column.
 * Strict mode is not assumed: without STRICT_TRANS_TABLES/STRICT_ALL_TABLES, `ALTER TABLE … MODIFY`
 * truncates strings, clips numbers to the new range, rounds decimals and fractional seconds and
 * turns an unknown enum value into '' with only a warning, and with it the statement fails halfway
 * through a migration that cannot be rolled back (DDL commits). Either way the check runs first.
 * https://mariadb.com/kb/en/sql-mode/#strict-mode https://dev.mysql.com/doc/refman/8.0/en/out-of-range-and-overflow.html
 *
 * NULLs always survive: every condition is NULL, never true, for them.
 */
export function narrowing(from: Column, to: Column): { readonly reason: string; readonly where: string } | undefined {
  const where = loss(from, to, q(from.name));
  return where === undefined ? undefined : { reason: `${label(from)} → ${label(to)}`, where };
}

/** Signed and unsigned ranges (as decimal text, beyond JavaScript's safe integers). */
const INTEGER_RANGE: Readonly<Record<string, readonly [bigint, bigint]>> = {
  tinyint: [-128n, 127n],
  smallint: [-32768n, 32767n],
  mediumint: [-8388608n, 8388607n],
  int: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};
const TEXT_BYTES: Readonly<Record<string, number>> = { tinytext: 255, text: 65535, mediumtext: 16777215 };
const TEMPORAL = new Set(["datetime", "timestamp", "time"]);
/** The most bytes a character takes in the widest character set (utf8mb4). */
const MAX_BYTES_PER_CHAR = 4;

function loss(from: Column, to: Column, v: string): string | undefined {
  if (to.type === "enum") return enumLoss(from, to, v);
  if (to.type === "set") return setLoss(from, to, v);
  if (to.type === "varchar" || to.type === "char") return charLoss(from, to.length ?? 1, v);
  if (TEXT_BYTES[to.type] !== undefined) return sourceBytes(from) > TEXT_BYTES[to.type]! ? `LENGTH(${v}) > ${TEXT_BYTES[to.type]}` : undefined;
  if (INTEGER_RANGE[to.type]) return integerLoss(from, to, v);
  if (to.type === "decimal") return decimalLoss(from, to, v);
  if (TEMPORAL.has(to.type)) return temporalLoss(from, to, v);
  return undefined;
}

function charLoss(from: Column, limit: number, v: string): string | undefined {
  if ((from.type === "varchar" || from.type === "char") && (from.length ?? 1) <= limit) return undefined;
  if (from.type === "enum" && (from.enumValues ?? []).every((e) => [...e].length <= limit)) return undefined;
  return `CHAR_LENGTH(${v}) > ${limit}`;
}

/** The most bytes a value of `c` can take as text; Infinity when unbounded or unknown. */
function sourceBytes(c: Column): number {
  if (TEXT_BYTES[c.type] !== undefined) return TEXT_BYTES[c.type]!;
  if (c.type === "varchar" || c.type === "char") return (c.length ?? 1) * MAX_BYTES_PER_CHAR;
  if (c.type === "enum") return Math.max(0, ...(c.enumValues ?? []).map((e) => Buffer.byteLength(e)));
  // Numbers and dates print in a few dozen characters at most.
  if (INTEGER_RANGE[c.type] || c.type === "decimal" || TEMPORAL.has(c.type) || c.type === "date" || c.type === "year") return 100;
  return Infinity;
}

function range(c: Column): readonly [bigint, bigint] | undefined {
  const signed = INTEGER_RANGE[c.type];
  if (!signed) return undefined;
  return c.unsigned ? [0n, signed[1] * 2n + 1n] : signed;
}

function integerLoss(from: Column, to: Column, v: string): string | undefined {
  const [min, max] = range(to)!;
  const source = range(from);
  if (source === undefined) {
    // A decimal or float becoming an integer: the integer part must fit, and the fraction is rounded away.
    if (from.type !== "decimal" && from.type !== "float" && from.type !== "double") return undefined;
    return `(${v} <> ROUND(${v}, 0) OR ${v} < ${min} OR ${v} > ${max})`;
  }
  const conditions: string[] = [];
  if (source[0] < min) conditions.push(`${v} < ${min}`);
  if (source[1] > max) conditions.push(`${v} > ${max}`);
  return conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : `(${conditions.join(" OR ")})`;
}

/** Digits of the integer part a value of an integer type can need. */
function integerDigits(c: Column): number | undefined {
  const r = range(c);
  if (!r) return undefined;
  return String(r[1] > -r[0] ? r[1] : -r[0]).length;
}

function decimalLoss(from: Column, to: Column, v: string): string | undefined {
  // MySQL's DECIMAL without a size is DECIMAL(10,0).
  const precision = to.precision ?? 10;
  const scale = to.scale ?? 0;
  let fromScale: number;
  let fromIntDigits: number;
  if (from.type === "decimal") {
    fromScale = from.scale ?? 0;
    fromIntDigits = (from.precision ?? 10) - fromScale;
  } else if (from.type === "float" || from.type === "double") {
    // Any number of decimals and digits.
    fromScale = Infinity;
    fromIntDigits = Infinity;
  } else {
    const digits = integerDigits(from);
    if (digits === undefined) return undefined;
    fromScale = 0;
    fromIntDigits = digits;
  }
  const conditions: string[] = [];
  if (fromScale > scale) conditions.push(`${v} <> ROUND(${v}, ${scale})`);
  if (fromIntDigits > precision - scale) conditions.push(`ABS(ROUND(${v}, ${scale})) >= 1${"0".repeat(precision - scale)}`);
  // An unsigned decimal clips negative values to 0.
  if (to.unsigned && !from.unsigned) conditions.push(`${v} < 0`);
  return conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : `(${conditions.join(" OR ")})`;
}

function temporalLoss(from: Column, to: Column, v: string): string | undefined {
  if (!TEMPORAL.has(from.type)) return undefined;
  // No precision means 0 fractional digits.
  const p = to.precision ?? 0;
  if ((from.precision ?? 0) <= p) return undefined;
  return `MICROSECOND(${v}) % 1${"0".repeat(6 - p)} <> 0`;
}

function enumLoss(from: Column, to: Column, v: string): string | undefined {
  const allowed = to.enumValues ?? [];
  if (from.type === "enum" && (from.enumValues ?? []).every((e) => allowed.includes(e))) return undefined;
  if (allowed.length === 0) return `${v} IS NOT NULL`;
  return `${v} NOT IN (${allowed.map(lit).join(", ")})`;
}

/** A SET value is a comma-separated list of members: it loses data when it holds a removed member. */
function setLoss(from: Column, to: Column, v: string): string | undefined {
  if (from.type !== "set") return undefined;
  const allowed = to.enumValues ?? [];
  const removed = (from.enumValues ?? []).filter((e) => !allowed.includes(e));
  if (removed.length === 0) return undefined;
  const held = removed.map((r) => `FIND_IN_SET(${lit(r)}, ${v}) > 0`);
  return held.length === 1 ? held[0] : `(${held.join(" OR ")})`;
}

function label(c: Column): string {
  try {
    return columnType(c);
  } catch {
    return c.type;
  }
}
