import { ConfigError } from "../errors";

/** A scope pattern with its matcher; `text` is kept for messages. */
export interface GlobPattern {
  readonly text: string;
  readonly regex: RegExp;
}

/**
 * Compiles a table pattern: `*` is any run of characters (dots too, so `*` matches
 * `schema.table`), `?` exactly one, everything else itself, case-sensitively (table names are
 * case-sensitive on PostgreSQL and SQLite's catalog keeps the declared case). Brackets and braces
 * are refused rather than read literally: a user writing `audit_[0-9]*` expects a class that this
 * syntax does not have, and a pattern that silently matches nothing would let a table be dropped.
 * `source` names where the pattern came from (`--exclude-table`, `athanor.config.ts exclude`).
 */
export function compileGlob(pattern: unknown, source: string): GlobPattern {
  if (typeof pattern !== "string" || pattern.trim() === "") {
    throw new ConfigError(
      `${source}: ${JSON.stringify(pattern) ?? String(pattern)} is not a table pattern`,
      'Write a table name or a glob such as "audit_*" or "public.tmp_?" (`*` any characters, `?` one character).',
    );
  }
  const bad = /[[\]{}]/.exec(pattern);
  if (bad) {
    throw new ConfigError(
      `${source}: the pattern "${pattern}" uses "${bad[0]}", which athanor's patterns do not support`,
      "Only `*` (any characters) and `?` (one character) are wildcards; write `?` for the bracket, or list the tables one by one.",
    );
  }
  const body = [...pattern].map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))).join("");
  return { text: pattern, regex: new RegExp(`^${body}$`, "s") };
}

/** Whether `pattern` matches the table by its name or by `schema.table`. */
export function matchesTable(pattern: GlobPattern, table: string, schema: string | undefined): boolean {
  return pattern.regex.test(table) || (schema !== undefined && pattern.regex.test(`${schema}.${table}`));
}
