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

/** True when `(` at 0 is closed by the final `)`, so the parentheses wrap the whole text. */
function wrapped(expr: string): boolean {
  if (!expr.startsWith("(") || !expr.endsWith(")")) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth === 0 && i < expr.length - 1) return false;
    }
  }
  return depth === 0;
}

/**
 * Canonical default: the expression as SQLite reports it in `pragma_table_info.dflt_value`
 * (which drops the parentheses of `DEFAULT (expr)`), trimmed. A NULL default is no default.
 */
export function canonicalDefault(expr: string | null | undefined): string | undefined {
  if (expr === null || expr === undefined) return undefined;
  let e = expr.trim();
  while (wrapped(e)) e = e.slice(1, -1).trim();
  if (e === "" || e.toUpperCase() === "NULL") return undefined;
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
