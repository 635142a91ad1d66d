/**
 * Canonical PostgreSQL types and defaults, shared by the catalog reader (`introspect.ts`) and the
 * model reader (`from-models.ts`) so both produce the same IR for the same column.
 */

import { canonicalDatetimeFunction, canonicalJsonDefault, canonicalNumberDefault } from "./defaults";

/** The parts of a column's type that the IR keeps. */
export interface TypeParts {
  type: string;
  length?: number;
  precision?: number;
  scale?: number;
  array?: boolean;
}

/** Aliases (PostgreSQL's internal names and TypeORM's long spellings) → the short name users write. */
const ALIASES: Record<string, string> = {
  int: "integer",
  int4: "integer",
  int2: "smallint",
  int8: "bigint",
  serial: "integer",
  serial4: "integer",
  smallserial: "smallint",
  serial2: "smallint",
  bigserial: "bigint",
  serial8: "bigint",
  bool: "boolean",
  "character varying": "varchar",
  character: "char",
  bpchar: "char",
  decimal: "numeric",
  float: "double precision",
  float8: "double precision",
  float4: "real",
  "timestamp without time zone": "timestamp",
  "timestamp with time zone": "timestamptz",
  "time without time zone": "time",
  "time with time zone": "timetz",
  "bit varying": "varbit",
  "simple-array": "text",
  "simple-json": "text",
  "simple-enum": "enum",
};

export function canonicalTypeName(name: string): string {
  const lower = name.trim().toLowerCase();
  return ALIASES[lower] ?? lower;
}

const LENGTH_TYPES = new Set(["varchar", "char", "bit", "varbit"]);
const TIME_TYPES = new Set(["timestamp", "timestamptz", "time", "timetz", "interval"]);
const NUMERIC_TYPES = new Set(["smallint", "integer", "bigint", "numeric", "real", "double precision"]);

/**
 * Drops sizes that equal what PostgreSQL assumes when none is written, so `char` and `char(1)`,
 * `timestamp` and `timestamp(6)`, `numeric(10)` and `numeric(10,0)` compare equal.
 * https://www.postgresql.org/docs/current/datatype.html
 */
export function canonicalSize(parts: TypeParts): TypeParts {
  const out: TypeParts = { type: parts.type };
  if (LENGTH_TYPES.has(parts.type) && parts.length !== undefined) {
    if (!((parts.type === "char" || parts.type === "bit") && parts.length === 1)) out.length = parts.length;
  }
  if (TIME_TYPES.has(parts.type) && parts.precision !== undefined && parts.precision !== 6) {
    out.precision = parts.precision;
  }
  if (parts.type === "numeric" && parts.precision !== undefined) {
    out.precision = parts.precision;
    out.scale = parts.scale ?? 0;
  }
  if (parts.array) out.array = true;
  return out;
}

/**
 * Parses `format_type(atttypid, atttypmod)` output: `character varying(50)`, `numeric(10,2)`,
 * `timestamp(3) with time zone`, `integer[]`, `"MyEnum"[]`. Enum types are resolved by the caller.
 */
export function parseFormatType(raw: string): TypeParts {
  let s = raw.trim();
  let array = false;
  while (s.endsWith("[]")) {
    array = true;
    s = s.slice(0, -2);
  }
  // The modifier can sit mid-name: `timestamp(3) without time zone`.
  const m = /^([^(]*?)\s*\((\d+)(?:\s*,\s*(\d+))?\)\s*(.*)$/.exec(s);
  let name = s;
  let a: number | undefined;
  let b: number | undefined;
  if (m) {
    name = m[4] ? `${m[1]} ${m[4]}` : m[1]!;
    a = Number(m[2]);
    b = m[3] === undefined ? undefined : Number(m[3]);
  }
  const type = canonicalTypeName(name);
  const parts: TypeParts = { type, array };
  if (a !== undefined) {
    if (LENGTH_TYPES.has(type)) parts.length = a;
    else {
      parts.precision = a;
      if (b !== undefined) parts.scale = b;
    }
  }
  return canonicalSize(parts);
}

/** A single-quoted SQL literal, possibly followed by casts: `'x'::text`, `'{}'::integer[]`. */
const CAST_LITERAL = /^('(?:[^']|'')*')(?:::[^']+)$/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;

/**
 * Canonical default expression, or undefined for "no default". PostgreSQL stores defaults as
 * parsed expressions and prints them back with casts (`'abc'::character varying`, `'-1'::integer`);
 * TypeORM writes numbers as quoted strings (`'5'`). Casts are stripped only where the whole
 * expression is a cast literal: `('now'::text)::date` must keep its casts (without the inner one
 * PostgreSQL would fold the date at CREATE time).
 */
export function canonicalDefault(expr: string | undefined | null, type: string, nullable: boolean): string | undefined {
  if (expr === undefined || expr === null) return undefined;
  let s = expr.trim();
  if (s === "") return undefined;
  const cast = CAST_LITERAL.exec(s);
  if (cast) s = cast[1]!;
  else {
    // `(-1)::integer`, `5::bigint`, `NULL::character varying`
    const num = /^\(?(-?\d+(?:\.\d+)?|null)\)?::[^']+$/i.exec(s);
    if (num) s = num[1]!;
  }
  if (/^null$/i.test(s)) return nullable ? undefined : "NULL";
  if (NUMERIC_TYPES.has(type)) {
    const quoted = /^'(.*)'$/.exec(s);
    if (quoted && NUMBER.test(quoted[1]!)) s = quoted[1]!;
    if (NUMBER.test(s)) s = canonicalNumberDefault(canonicalNumber(s), type);
  }
  if (/^(true|false)$/i.test(s)) s = s.toLowerCase();
  if (type === "json" || type === "jsonb") return canonicalJsonDefault(s, type);
  return canonicalDatetimeFunction(s) ?? s;
}

function canonicalNumber(s: string): string {
  // Keep the spelling (numeric keeps trailing zeros as typed) but drop a redundant leading "+0".
  return s.replace(/^(-?)0+(?=\d)/, "$1");
}
