/**
 * A small tokenizer and parser for the `CREATE TABLE` / `CREATE INDEX` text SQLite keeps verbatim
 * in sqlite_master. The pragmas do not report constraint names, AUTOINCREMENT or enum CHECKs,
 * so, like TypeORM's AbstractSqliteQueryRunner.loadTables, we read them from that text; unlike
 * its regular expressions, this copes with quotes, commas and parentheses inside names/literals.
 */

export interface Token {
  /** "id": quoted or bare identifier/keyword; "str": string literal; "punct": ( ) , ; "other" */
  readonly kind: "id" | "str" | "punct" | "other";
  /** Unquoted value for identifiers and strings; the text otherwise. */
  readonly value: string;
  readonly quoted: boolean;
  readonly start: number;
  readonly end: number;
}

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "-" && sql[i + 1] === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl === -1 ? sql.length : nl + 1;
      continue;
    }
    if (c === "/" && sql[i + 1] === "*") {
      const e = sql.indexOf("*/", i + 2);
      i = e === -1 ? sql.length : e + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === "`" || c === "[") {
      const close = c === "[" ? "]" : c;
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= sql.length) break;
        if (sql[j] === close) {
          if (close !== "]" && sql[j + 1] === close) {
            value += close;
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j];
        j++;
      }
      out.push({ kind: c === "'" ? "str" : "id", value, quoted: true, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (c === "(" || c === ")" || c === "," || c === ";") {
      out.push({ kind: "punct", value: c, quoted: false, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (/[A-Za-z0-9_$\u0080-\uffff]/.test(c)) {
      let j = i;
      while (j < sql.length && /[A-Za-z0-9_$.\u0080-\uffff]/.test(sql[j]!)) j++;
      out.push({ kind: "id", value: sql.slice(i, j), quoted: false, start: i, end: j });
      i = j;
      continue;
    }
    out.push({ kind: "other", value: c, quoted: false, start: i, end: i + 1 });
    i++;
  }
  return out;
}

function isKeyword(t: Token | undefined, word: string): boolean {
  return !!t && t.kind === "id" && !t.quoted && t.value.toUpperCase() === word;
}

/** Splits tokens[from..] at top-level commas until the parenthesis closing tokens[from - 1]. */
function splitParenthesised(tokens: readonly Token[], from: number): { parts: Token[][]; end: number } {
  const parts: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  let i = from;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "punct" && t.value === "(") depth++;
    if (t.kind === "punct" && t.value === ")") {
      if (depth === 0) break;
      depth--;
    }
    if (t.kind === "punct" && t.value === "," && depth === 0) {
      parts.push(cur);
      cur = [];
      continue;
    }
    cur.push(t);
  }
  if (cur.length) parts.push(cur);
  return { parts, end: i };
}

function nameList(tokens: readonly Token[], openIndex: number): { names: string[]; end: number } {
  const { parts, end } = splitParenthesised(tokens, openIndex + 1);
  return { names: parts.map((p) => p[0]?.value ?? ""), end };
}

export interface ParsedColumn {
  readonly name: string;
  readonly autoIncrement: boolean;
  /** Values of a `CHECK ("col" IN ('a', 'b'))` on the column (TypeORM's simple-enum). */
  readonly enumValues?: string[];
}

export interface ParsedConstraint {
  readonly name?: string;
  readonly kind: "primaryKey" | "unique" | "foreignKey" | "check";
  readonly columns: string[];
  readonly referencedTable?: string;
}

export interface ParsedTable {
  readonly columns: ParsedColumn[];
  readonly constraints: ParsedConstraint[];
}

function enumFromCheck(tokens: readonly Token[], column: string): string[] | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (!isKeyword(tokens[i], "CHECK")) continue;
    // CHECK ( "col" IN ( 'a' , 'b' ) )
    const [open, col, kwIn, open2] = [tokens[i + 1], tokens[i + 2], tokens[i + 3], tokens[i + 4]];
    if (open?.value !== "(" || col?.kind !== "id" || col.value !== column || !isKeyword(kwIn, "IN") || open2?.value !== "(") continue;
    const { parts } = splitParenthesised(tokens, i + 5);
    if (parts.every((p) => p.length === 1 && p[0]!.kind === "str")) return parts.map((p) => p[0]!.value);
  }
  return undefined;
}

/** Columns and named table constraints of a CREATE TABLE statement. */
export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === "punct" && t.value === "(");
  const columns: ParsedColumn[] = [];
  const constraints: ParsedConstraint[] = [];
  if (open === -1) return { columns, constraints };
  const { parts } = splitParenthesised(tokens, open + 1);
  for (const part of parts) {
    let k = 0;
    let name: string | undefined;
    if (isKeyword(part[0], "CONSTRAINT")) {
      name = part[1]?.value;
      k = 2;
    }
    const head = part[k];
    if (isKeyword(head, "PRIMARY") || isKeyword(head, "UNIQUE") || isKeyword(head, "FOREIGN") || isKeyword(head, "CHECK")) {
      const openAt = part.findIndex((t, idx) => idx > k && t.value === "(" && t.kind === "punct");
      if (isKeyword(head, "CHECK")) {
        constraints.push({ name, kind: "check", columns: [] });
        continue;
      }
      const { names, end } = nameList(part, openAt);
      if (isKeyword(head, "FOREIGN")) {
        const ref = part.findIndex((t, idx) => idx > end && isKeyword(t, "REFERENCES"));
        constraints.push({ name, kind: "foreignKey", columns: names, referencedTable: part[ref + 1]?.value });
      } else {
        constraints.push({ name, kind: isKeyword(head, "PRIMARY") ? "primaryKey" : "unique", columns: names });
      }
      continue;
    }
    if (!head) continue;
    const colName = head.value;
    columns.push({
      name: colName,
      autoIncrement: part.some((t) => isKeyword(t, "AUTOINCREMENT")),
      enumValues: enumFromCheck(part, colName),
    });
    // Column-level named constraints (`"a" int CONSTRAINT "UQ_x" UNIQUE`) are reported as well.
    for (let i = 1; i < part.length; i++) {
      if (!isKeyword(part[i], "CONSTRAINT")) continue;
      const cname = part[i + 1]?.value;
      const kind = part[i + 2];
      if (isKeyword(kind, "UNIQUE")) constraints.push({ name: cname, kind: "unique", columns: [colName] });
      else if (isKeyword(kind, "PRIMARY")) constraints.push({ name: cname, kind: "primaryKey", columns: [colName] });
      else if (isKeyword(kind, "REFERENCES")) constraints.push({ name: cname, kind: "foreignKey", columns: [colName], referencedTable: part[i + 3]?.value });
    }
  }
  return { columns, constraints };
}

/** The predicate of a partial index (`CREATE INDEX ... WHERE <predicate>`), verbatim. */
export function indexWhere(sql: string | null | undefined): string | undefined {
  if (!sql) return undefined;
  const tokens = tokenize(sql);
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === "punct" && t.value === "(") depth++;
    else if (t.kind === "punct" && t.value === ")") depth--;
    else if (depth === 0 && isKeyword(t, "WHERE")) {
      const rest = sql.slice(t.end).trim();
      return rest === "" ? undefined : rest;
    }
  }
  return undefined;
}
