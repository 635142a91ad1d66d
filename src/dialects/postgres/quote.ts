/**
 * The one place PostgreSQL identifiers and string literals are quoted. Every name is quoted, even
 * when it would not need it, so reserved words (`order`) and mixed case survive unchanged.
 * https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS
 */
export function quoteIdentifier(name: string): string {
  if (name.includes("\u0000")) throw new Error(`PostgreSQL identifiers cannot contain NUL: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A standard-conforming string literal (`standard_conforming_strings` is on since 9.1), so only the
 * single quote needs doubling; backslashes are plain characters.
 */
export function quoteLiteral(value: string): string {
  if (value.includes("\u0000")) throw new Error("PostgreSQL string literals cannot contain NUL");
  return `'${value.replaceAll("'", "''")}'`;
}
