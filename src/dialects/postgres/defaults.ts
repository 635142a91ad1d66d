/**
 * Default expressions PostgreSQL stores in another spelling than TypeORM writes them, brought to
 * one form. Called by `canonicalDefault` (normalise.ts) once casts are handled, so both readers
 * agree.
 */

const NOW = "('now'::text)";

/**
 * SQL's datetime functions in the spelling TypeORM writes for `default: () => "CURRENT_DATE"`…
 * (PostgresDriver.normalizeDatetimeFunction): `('now'::text)::date`,
 * `('now'::text)::timestamp(3) with time zone`. Both spellings take the transaction's start time
 * (https://www.postgresql.org/docs/current/functions-datetime.html#FUNCTIONS-DATETIME-CURRENT), and
 * PostgreSQL keeps whichever was written; athanor writes TypeORM's, which its schema builder
 * reads back as equal.
 */
export function canonicalDatetimeFunction(expr: string): string | undefined {
  const m = /^(current_timestamp|current_date|current_time|localtimestamp|localtime|now\(\))\s*(?:\(\s*(\d+)\s*\))?$/i.exec(expr.trim());
  if (!m) return undefined;
  const fn = m[1]!.toLowerCase();
  const p = m[2] === undefined ? "" : `(${Number(m[2])})`;
  switch (fn) {
    case "now()":
      return p ? undefined : "now()";
    case "current_timestamp":
      return p ? `${NOW}::timestamp${p} with time zone` : "now()";
    case "current_date":
      return p ? undefined : `${NOW}::date`;
    case "current_time":
      return `${NOW}::time${p} with time zone`;
    case "localtimestamp":
      return `${NOW}::timestamp${p} without time zone`;
    case "localtime":
      return `${NOW}::time${p} without time zone`;
  }
  return undefined;
}

/**
 * A json/jsonb default literal (`'{"a":1}'`, casts already dropped) in one spelling: jsonb
 * re-serialises its value (keys ordered by length then bytes, `", "` and `": "` separators,
 * https://www.postgresql.org/docs/current/datatype-json.html), so jsonb defaults are printed that
 * way; json keeps the text, and TypeORM compares json defaults by value (compareJsonDefaults), so
 * json is printed compactly in its own key order. Text that is not JSON is left alone.
 */
export function canonicalJsonDefault(literal: string, type: "json" | "jsonb"): string {
  const m = /^'((?:[^']|'')*)'$/.exec(literal);
  if (!m) return literal;
  let value: unknown;
  try {
    value = JSON.parse(m[1]!.replaceAll("''", "'"));
  } catch {
    return literal;
  }
  const text = type === "jsonb" ? jsonbText(value) : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}

function jsonbText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(jsonbText).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v).sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText((v as Record<string, unknown>)[k])}`).join(", ")}}`;
  }
  return JSON.stringify(v);
}

const FLOAT_TYPES = new Set(["real", "double precision"]);
const INTEGER_TYPES = new Set(["smallint", "integer", "bigint"]);

/**
 * Integer and floating-point defaults by value (`1e3` and `1000` are one real); numeric keeps its
 * spelling, since `1.50` and `1.5` differ in scale for an unconstrained numeric.
 */
export function canonicalNumberDefault(s: string, type: string): string {
  if (FLOAT_TYPES.has(type)) {
    const n = Number(s);
    return Number.isFinite(n) ? String(n) : s;
  }
  if (INTEGER_TYPES.has(type) && /^-?\d+$/.test(s)) return BigInt(s).toString();
  return s;
}

/**
 * The default as DDL writes it. A fractional real/double default is written quoted, as TypeORM
 * writes it (`'2.5'`): PostgreSQL then keeps the cast (`'2.5'::real`), which TypeORM's schema
 * builder reads back as its own `'2.5'`; unquoted, the catalog says `2.5` and TypeORM re-sets the
 * default on every run. Integer defaults are quoted too, as TypeORM quotes every number: the
 * catalog then holds what TypeORM's synchronize leaves (`'25'::smallint`, `'-3'::bigint`), so a
 * downgrade re-creates a column exactly as it was. Both spellings read back as the same default.
 */
export function defaultSql(c: { readonly type: string; readonly default?: string; readonly array?: boolean }): string | undefined {
  if (c.default === undefined) return undefined;
  if (FLOAT_TYPES.has(c.type) && !c.array && /^-?\d+\.\d+(?:e[+-]?\d+)?$|^-?\d+e[+-]?\d+$/i.test(c.default)) return `'${c.default}'`;
  if (INTEGER_TYPES.has(c.type) && !c.array && /^-?\d+$/.test(c.default)) return `'${c.default}'`;
  return c.default;
}
