import type { DialectName } from "../dialects/dialect";
import type { LintAction } from "./action";

/**
 * A small, best-effort classifier of raw SQL (op.execute, SQL pair files) into lint actions. It
 * reads one statement's leading keywords and the clauses of an ALTER TABLE; anything it does not
 * recognise is no action (lint stays quiet rather than guess). Comments and string literals are
 * blanked first, so a keyword inside them never counts.
 */
export function classifySql(sql: string, dialect: DialectName, serverVersion: string): LintAction[] {
  const text = blankLiterals(sql).replace(/\s+/g, " ").trim().replace(/;$/, "").trim();
  const upper = text.toUpperCase();
  const ident = String.raw`((?:"[^"]*"|\x60[^\x60]*\x60|\[[^\]]*\]|[\w$]+)(?:\.(?:"[^"]*"|\x60[^\x60]*\x60|\[[^\]]*\]|[\w$]+))?)`;
  const m = (re: string) => new RegExp(`^${re}`, "i").exec(text);
  let r: RegExpExecArray | null;
  if ((r = m(String.raw`CREATE (?:(?:GLOBAL |LOCAL )?(?:TEMP|TEMPORARY|UNLOGGED) )?TABLE (?:IF NOT EXISTS )?${ident}`))) return [{ kind: "create-table", table: name(r[1]) }];
  if ((r = m(String.raw`DROP TABLE (?:IF EXISTS )?${ident}`))) return [{ kind: "drop-table", table: name(r[1]) }];
  if ((r = m(String.raw`TRUNCATE (?:TABLE )?(?:ONLY )?${ident}`))) return [{ kind: "truncate", table: name(r[1]) }];
  if ((r = m(String.raw`DELETE FROM (?:ONLY )?${ident}`))) return /\bWHERE\b/i.test(text) ? [] : [{ kind: "delete-all", table: name(r[1]) }];
  if ((r = m(String.raw`UPDATE (?:ONLY )?${ident} (?:AS \w+ )?SET\b`))) return /\bWHERE\b/i.test(text) ? [] : [{ kind: "update-all", table: name(r[1]) }];
  if ((r = m(String.raw`LOCK (?:TABLES? )?(?:ONLY )?${ident}`))) return [{ kind: "lock-table", table: name(r[1]) }];
  if ((r = m(String.raw`RENAME TABLE ${ident} TO ${ident}`))) return [{ kind: "rename-table", from: name(r[1]), to: name(r[2]) }];
  if ((r = m(String.raw`CREATE (UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?${ident} ON (?:ONLY )?${ident}`))) {
    const table = name(r[4]);
    const online = Boolean(r[2]) || (dialect === "mysql" && /\bLOCK\s*=?\s*NONE\b/.test(upper));
    const out: LintAction[] = [{ kind: "create-index", table, name: name(r[3]), concurrently: online }];
    if (r[1]) out.push({ kind: "add-unique", table, name: name(r[3]) });
    return out;
  }
  if ((r = m(String.raw`DROP INDEX (CONCURRENTLY )?(?:IF EXISTS )?${ident}(?: ON ${ident})?`))) {
    return [{ kind: "drop-index", name: name(r[2]), ...(r[3] ? { table: name(r[3]) } : {}), concurrently: Boolean(r[1]) || (dialect === "mysql" && /\bLOCK\s*=?\s*NONE\b/.test(upper)) }];
  }
  if ((r = m(String.raw`ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${ident} (.*)$`))) {
    const table = name(r[1]);
    const online = /\bLOCK\s*=?\s*NONE\b/.test(upper);
    return topLevelCommas(r[2]).flatMap((clause) => alterClause(table, clause.trim(), dialect, serverVersion, online));
  }
  return [];
}

function alterClause(table: string, clause: string, dialect: DialectName, serverVersion: string, online: boolean): LintAction[] {
  const ident = String.raw`("[^"]*"|\x60[^\x60]*\x60|\[[^\]]*\]|[\w$]+)`;
  const m = (re: string) => new RegExp(`^${re}`, "i").exec(clause);
  let r: RegExpExecArray | null;
  // MySQL's ALTER TABLE … ADD [UNIQUE] INDEX: online only with LOCK=NONE somewhere in the statement.
  if ((r = m(String.raw`ADD (UNIQUE )?(?:INDEX|KEY) ${ident}`))) {
    const out: LintAction[] = [{ kind: "create-index", table, name: name(r[2]), concurrently: online }];
    if (r[1]) out.push({ kind: "add-unique", table, name: name(r[2]) });
    return out;
  }
  if ((r = m(String.raw`RENAME (?:COLUMN )?${ident} TO ${ident}`)) && !/^RENAME TO\b/i.test(clause) && !/^RENAME (?:CONSTRAINT|INDEX|KEY)\b/i.test(clause)) {
    return [{ kind: "rename-column", table, from: name(r[1]), to: name(r[2]) }];
  }
  if ((r = m(String.raw`RENAME (?:TO|AS) ${ident}`))) return [{ kind: "rename-table", from: table, to: name(r[1]) }];
  if ((r = m(String.raw`CHANGE (?:COLUMN )?${ident} ${ident}`))) {
    const out: LintAction[] = [{ kind: "rewrite-table", table, reason: `CHANGE COLUMN ${name(r[1])} redefines the column` }];
    if (name(r[1]) !== name(r[2])) out.push({ kind: "rename-column", table, from: name(r[1]), to: name(r[2]) });
    return out;
  }
  if ((r = m(String.raw`MODIFY (?:COLUMN )?${ident}`))) return [{ kind: "rewrite-table", table, reason: `MODIFY COLUMN ${name(r[1])} redefines the column` }];
  if ((r = m(String.raw`DROP (?!CONSTRAINT\b|INDEX\b|KEY\b|PRIMARY\b|FOREIGN\b|CHECK\b|DEFAULT\b|UNIQUE\b)(?:COLUMN )?(?:IF EXISTS )?${ident}`))) {
    return [{ kind: "drop-column", table, column: name(r[1]) }];
  }
  if ((r = m(String.raw`ALTER (?:COLUMN )?${ident} SET NOT NULL`))) return [{ kind: "set-not-null", table, column: name(r[1]) }];
  if ((r = m(String.raw`ALTER (?:COLUMN )?${ident} (?:SET DATA )?TYPE\b`))) {
    return [{ kind: "rewrite-table", table, reason: `ALTER COLUMN ${name(r[1])} TYPE may rewrite the table (unless the new type is binary-coercible)` }];
  }
  const constraint = /^ADD (?:CONSTRAINT ("[^"]*"|`[^`]*`|[\w$]+) )?(FOREIGN KEY|CHECK|UNIQUE|PRIMARY KEY)\b/i.exec(clause);
  if (constraint) {
    const cname = constraint[1] ? name(constraint[1]) : "(unnamed)";
    const notValid = /\bNOT VALID\b/i.test(clause);
    switch (constraint[2].toUpperCase()) {
      case "FOREIGN KEY":
        return [{ kind: "add-foreign-key", table, name: cname, notValid }];
      case "CHECK":
        return [{ kind: "add-check", table, name: cname, notValid }];
      default:
        return [{ kind: "add-unique", table, name: cname }];
    }
  }
  if ((r = m(String.raw`ADD (?:COLUMN )?(?:IF NOT EXISTS )?${ident} (.*)$`)) && !/^ADD (?:INDEX|KEY|FULLTEXT|SPATIAL|CONSTRAINT)\b/i.test(clause)) {
    const column = name(r[1]);
    const rest = r[2];
    const hasDefault = /\bDEFAULT\b/i.test(rest) && !/\bDEFAULT NULL\b/i.test(rest);
    const out: LintAction[] = [];
    if (/\bNOT NULL\b/i.test(rest) && !hasDefault && !/\b(SERIAL|BIGSERIAL|SMALLSERIAL|GENERATED|AUTO_INCREMENT|AUTOINCREMENT)\b/i.test(rest)) {
      out.push({ kind: "add-required-column", table, column });
    }
    if (dialect === "postgres" && hasDefault && (majorVersion(serverVersion) < 11 || /\b(random|gen_random_uuid|uuid_generate_v[1-4]|clock_timestamp|nextval)\s*\(/i.test(rest))) {
      out.push({ kind: "rewrite-table", table, reason: `ADD COLUMN ${column} with a default that is written into every row on PostgreSQL ${serverVersion}` });
    }
    return out;
  }
  return [];
}

/** An identifier as written (quoted or not, maybe schema-qualified) → its bare last part. */
function name(written: string): string {
  const parts = written.match(/"[^"]*"|`[^`]*`|\[[^\]]*\]|[^.]+/g) ?? [written];
  const last = parts[parts.length - 1];
  return /^["`[]/.test(last) ? last.slice(1, -1) : last;
}

/** Comments removed and string literals emptied ('…' → ''), keeping quoted identifiers. */
function blankLiterals(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/'(?:[^'\\]|\\.|'')*'/g, "''")
    .replace(/\$(\w*)\$[\s\S]*?\$\1\$/g, "''");
}

/** Splits ALTER TABLE's clause list at commas outside parentheses. */
function topLevelCommas(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function majorVersion(serverVersion: string): number {
  const major = Number(/^\d+/.exec(serverVersion.trim())?.[0]);
  return Number.isFinite(major) && major > 0 ? major : Number.POSITIVE_INFINITY;
}
