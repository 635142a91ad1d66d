import { canonicalExpression } from "./expression";

/**
 * Canonical types and defaults for SQLite, shared by the introspector and the model reader.
 *
 * SQLite stores a column's declared type verbatim (https://www.sqlite.org/datatype3.html) and
 * TypeORM compares it verbatim (lower-cased), so the canonical type is the declared name,
 * lower-cased, with its parenthesised sizes split off. Aliases are NOT collapsed: `int2` and
 * `smallint` are different declarations to TypeORM.
 */

/** TypeORM's AbstractSqliteDriver.withPrecisionColumnTypes minus its withLengthColumnTypes. */
const PRECISION_TYPES = new Set(["real", "double", "double precision", "float", "numeric", "decimal", "date", "time", "datetime"]);

export interface TypeParts {
  readonly type: string;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
}

/** `VARCHAR(50)` → {type: "varchar", length: 50}; `decimal(10,2)` → precision 10, scale 2. */
export function parseDeclaredType(declared: string): TypeParts {
  const text = declared.trim().toLowerCase().replace(/\s+/g, " ");
  const m = /^(.*?)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(text);
  if (!m) return { type: text };
  const type = m[1]!;
  const a = Number(m[2]);
  if (m[3] !== undefined) return { type, precision: a, scale: Number(m[3]) };
  return PRECISION_TYPES.has(type) ? { type, precision: a } : { type, length: a };
}

/** Declared type text for a canonical column (the inverse of parseDeclaredType). */
export function declaredType(c: { type: string; length?: number; precision?: number; scale?: number }): string {
  if (c.length !== undefined) return `${c.type}(${c.length})`;
  if (c.precision !== undefined && c.scale !== undefined) return `${c.type}(${c.precision},${c.scale})`;
  if (c.precision !== undefined) return `${c.type}(${c.precision})`;
  return c.type;
}

/**
 * Canonical default: the expression as SQLite reports it in `pragma_table_info.dflt_value`
 * (which drops the parentheses of `DEFAULT (expr)`), spelt by meaning where two spellings store
 * the same value (https://www.sqlite.org/lang_expr.html#literal_values_constants_):
 * `TRUE`/`FALSE` are the integers 1/0 (TypeORM writes a boolean default as 1/0), `+5` is 5,
 * a hexadecimal integer is its decimal value, `current_timestamp` is `CURRENT_TIMESTAMP`.
 * `CURRENT_TIMESTAMP` and `datetime('now')` stay apart: different expressions, kept as written.
 * A NULL default is no default.
 */
export function canonicalDefault(expr: string | null | undefined): string | undefined {
  if (expr === null || expr === undefined) return undefined;
  const e = canonicalExpression(expr, "check");
  if (e === "" || /^null$/i.test(e)) return undefined;
  if (/^true$/i.test(e)) return "1";
  if (/^false$/i.test(e)) return "0";
  if (/^current_(timestamp|date|time)$/i.test(e)) return e.toUpperCase();
  if (/^\+\s*(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(e)) return e.replace(/^\+\s*/, "");
  const hex = /^([+-]?)0x([0-9a-f]+)$/i.exec(e);
  if (hex && hex[2]!.length <= 13) return `${hex[1] === "-" ? "-" : ""}${parseInt(hex[2]!, 16)}`;
  return e;
}

/**
 * A default SQLite accepts in `ALTER TABLE ADD COLUMN`: a literal, not CURRENT_* and not a
 * parenthesised expression (https://www.sqlite.org/lang_altertable.html#altertabaddcol).
 */
export function isLiteralDefault(expr: string): boolean {
  return (
    /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(expr) ||
    /^0x[0-9a-fA-F]+$/.test(expr) ||
    /^'([^']|'')*'$/.test(expr) ||
    /^[xX]'[0-9a-fA-F]*'$/.test(expr) ||
    /^(TRUE|FALSE|NULL)$/i.test(expr)
  );
}

/**
 * SQLite compares collation names case-insensitively (BINARY, NOCASE, RTRIM and any registered
 * one: https://www.sqlite.org/datatype3.html#collation): upper case is the canonical spelling.
 */
export function canonicalCollation(name: string): string {
  return name.toUpperCase();
}
