/**
 * The one place SQLite identifiers and string literals are quoted.
 * https://www.sqlite.org/lang_keywords.html: double quotes for names, single quotes for strings,
 * each doubled inside.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
