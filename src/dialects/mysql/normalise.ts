/**
 * Canonical types and defaults for MySQL/MariaDB, shared by the catalog reader and the model reader
 * so both produce the same IR for the same column. The database is the reference: a model value is
 * turned into what the server would store and report.
 */
import { parseLiteral, quoteLiteral } from "./quote";

/** TypeORM's aliases, collapsed to the name the server reports in DATA_TYPE. */
const TYPE_ALIASES: Record<string, string> = {
  integer: "int",
  bool: "tinyint",
  boolean: "tinyint",
  dec: "decimal",
  numeric: "decimal",
  fixed: "decimal",
  "double precision": "double",
  real: "double",
  nvarchar: "varchar",
  "national varchar": "varchar",
  nchar: "char",
  "national char": "char",
  "simple-enum": "enum",
  "simple-array": "text",
  "simple-json": "text",
  // MySQL 8 reports GEOMETRYCOLLECTION as "geomcollection"; TypeORM's vocabulary keeps the long name.
  geomcollection: "geometrycollection",
};

export function canonicalType(type: string): string {
  const t = type.trim().toLowerCase();
  return TYPE_ALIASES[t] ?? t;
}

/** Types whose length is part of the stored type (`varchar(50)`); other widths are display-only. */
export const LENGTH_TYPES: ReadonlySet<string> = new Set(["char", "varchar", "binary", "varbinary"]);
/** Length the server gives these types when none is written. */
export const DEFAULT_LENGTH: Readonly<Record<string, number>> = { char: 1, binary: 1 };

export const NUMERIC_TYPES: ReadonlySet<string> = new Set([
  "tinyint",
  "smallint",
  "mediumint",
  "int",
  "bigint",
  "decimal",
  "float",
  "double",
  "bit",
  "year",
]);

/** Types with fractional-second precision (`datetime(6)`); 0 is the default and left out. */
export const TEMPORAL_PRECISION_TYPES: ReadonlySet<string> = new Set(["datetime", "timestamp", "time"]);

export const ENUM_TYPES: ReadonlySet<string> = new Set(["enum", "set"]);

/** Values of `enum('a','b''c')` / `set(...)` as the server spells COLUMN_TYPE. */
export function parseEnumValues(columnType: string): string[] {
  const open = columnType.indexOf("(");
  const close = columnType.lastIndexOf(")");
  if (open < 0 || close < open) return [];
  const body = columnType.slice(open + 1, close);
  const values: string[] = [];
  let i = 0;
  while (i < body.length) {
    if (body[i] !== "'") {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j >= body.length) break;
      if (body[j] === "\\") j += 2;
      else if (body[j] === "'" && body[j + 1] === "'") j += 2;
      else if (body[j] === "'") break;
      else j++;
    }
    values.push(parseLiteral(body.slice(i, j + 1)) ?? body.slice(i + 1, j));
    i = j + 1;
  }
  return values;
}

const NOW = /^(?:current_timestamp|now|localtimestamp|localtime)\s*(?:\(\s*(\d*)\s*\))?$/i;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/**
 * The date and time functions' other spellings: MariaDB stores `DEFAULT CURRENT_DATE` as
 * `curdate()` and `CURRENT_TIME` as `curtime()`. https://mariadb.com/kb/en/curdate/
 */
const CURRENT_DATE = /^(?:current_date|curdate)\s*(?:\(\s*\))?$/i;
const CURRENT_TIME = /^(?:current_time|curtime)\s*(?:\(\s*(\d*)\s*\))?$/i;
const BARE_CALL = /^([a-z_][a-z0-9_]*)\s*\(\s*\)$/i;

/**
 * One canonical SQL expression for a column default, or undefined for none.
 *
 * - `NULL` (MariaDB reports the string "NULL" for nullable columns without default) → none.
 * - `now()`, `current_timestamp()`, `CURRENT_TIMESTAMP` → `CURRENT_TIMESTAMP`; with a fractional
 *   precision → `CURRENT_TIMESTAMP(6)`. MariaDB spells them lower-case with parentheses.
 * - String literals are re-quoted by `quoteLiteral` (MariaDB ≥ 10.2.7 quotes them in
 *   COLUMN_DEFAULT, TypeORM writes `'value'`); on numeric columns a quoted number becomes the plain
 *   number, as the server stores and reports it (TypeORM writes `DEFAULT '5'`).
 * - `TRUE`/`FALSE` → `1`/`0`; a bare function call is lower-cased, as MariaDB prints it (`uuid()`).
 * https://mariadb.com/kb/en/information-schema-columns-table/
 */
export function normaliseDefault(expr: string | undefined | null, type: string): string | undefined {
  if (expr === undefined || expr === null) return undefined;
  const s = expr.trim();
  if (s === "" || /^null$/i.test(s)) return undefined;
  const now = NOW.exec(s);
  if (now) return now[1] && now[1] !== "0" ? `CURRENT_TIMESTAMP(${now[1]})` : "CURRENT_TIMESTAMP";
  if (CURRENT_DATE.test(s)) return "CURRENT_DATE";
  const time = CURRENT_TIME.exec(s);
  if (time) return time[1] && time[1] !== "0" ? `CURRENT_TIME(${time[1]})` : "CURRENT_TIME";
  if (/^true$/i.test(s)) return "1";
  if (/^false$/i.test(s)) return "0";
  const literal = parseLiteral(s);
  if (literal !== undefined) {
    if (NUMERIC_TYPES.has(type) && NUMBER.test(literal.trim())) return literal.trim();
    return quoteLiteral(literal);
  }
  const call = BARE_CALL.exec(s);
  if (call) return `${call[1].toLowerCase()}()`;
  return s;
}

/**
 * COLUMN_DEFAULT as the catalog reports it, turned into an SQL expression. MariaDB ≥ 10.2.7 already
 * reports expressions (quoted literals); MySQL reports literals bare and flags expressions with
 * EXTRA `DEFAULT_GENERATED`.
 */
export function catalogDefaultExpression(
  columnDefault: string | null,
  extra: string,
  isMariaDb: boolean,
  type: string,
): string | undefined {
  if (columnDefault === null) return undefined;
  if (isMariaDb) return columnDefault;
  if (/DEFAULT_GENERATED/i.test(extra) || NOW.test(columnDefault.trim()) || CURRENT_DATE.test(columnDefault.trim())) return columnDefault;
  if (NUMERIC_TYPES.has(type)) return columnDefault;
  return quoteLiteral(columnDefault);
}
