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
  /** `COLLATE name` on the column, as written. */
  readonly collation?: string;
  /** `[GENERATED ALWAYS] AS (expr) [STORED|VIRTUAL]`: the text inside the parentheses, verbatim. */
  readonly generated?: { readonly expression: string; readonly type: "STORED" | "VIRTUAL" };
  /** Column constraints athanor does not model (an unnamed CHECK, NOT NULL ON CONFLICT…), verbatim. */
  readonly unmodelled: string[];
  /**
   * Clauses on a key athanor models that it cannot write back apart from the key
   * (`PRIMARY KEY DESC`, `UNIQUE ON CONFLICT REPLACE`), verbatim.
   */
  readonly keyClauses: string[];
}

export interface ParsedConstraint {
  readonly name?: string;
  readonly kind: "primaryKey" | "unique" | "foreignKey" | "check";
  readonly columns: string[];
  readonly referencedTable?: string;
  /** For a CHECK: the text inside its parentheses, verbatim. */
  readonly expression?: string;
  /** For a foreign key: its `MATCH …` and `[NOT] DEFERRABLE …` clauses, verbatim (the IR has no field for them). */
  readonly clauses?: string;
}

export interface ParsedTable {
  readonly columns: ParsedColumn[];
  /** Named and unnamed key constraints, and the *named* CHECKs (table- or column-level). */
  readonly constraints: ParsedConstraint[];
  /** Table constraints athanor does not model (an unnamed CHECK…), verbatim, in source order. */
  readonly unmodelled: string[];
  /** Table-level key constraints with a clause athanor cannot write back (ON CONFLICT), verbatim. */
  readonly keyClauses: string[];
  /** Table options after the closing parenthesis (`WITHOUT ROWID`, `STRICT`), verbatim. */
  readonly options?: string;
}

function enumFromCheck(tokens: readonly Token[], column: string): string[] | undefined {
  // CHECK ( "col" IN ( 'a' , 'b' ) ) and nothing after it
  const [kw, open, col, kwIn, open2] = [tokens[0], tokens[1], tokens[2], tokens[3], tokens[4]];
  if (!isKeyword(kw, "CHECK") || open?.value !== "(" || col?.kind !== "id" || col.value !== column || !isKeyword(kwIn, "IN") || open2?.value !== "(") return undefined;
  const { parts, end } = splitParenthesised(tokens, 5);
  if (tokens[end + 1]?.value !== ")" || end + 2 !== tokens.length) return undefined;
  if (parts.every((p) => p.length === 1 && p[0]!.kind === "str")) return parts.map((p) => p[0]!.value);
  return undefined;
}

/** The source text from the first to the last of `tokens`, exactly as written. */
function textOf(sql: string, tokens: readonly Token[]): string {
  if (tokens.length === 0) return "";
  return sql.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end);
}

/** The text inside the parenthesis opened at tokens[open], verbatim, and the index of its closing token. */
function inside(sql: string, tokens: readonly Token[], open: number): { text: string; end: number } {
  const { end } = splitParenthesised(tokens, open + 1);
  const close = tokens[end];
  const text = close ? sql.slice(tokens[open]!.end, close.start) : sql.slice(tokens[open]!.end);
  return { text: text.trim(), end };
}

/** Words that start a column constraint (https://www.sqlite.org/syntax/column-constraint.html). */
const COLUMN_CONSTRAINT_START = new Set(["CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"]);

/**
 * Splits a column definition's tokens after its name into the type and one segment per column
 * constraint. NOT DEFERRABLE, SET NULL/DEFAULT (inside REFERENCES) and GENERATED ALWAYS AS do
 * not start a new constraint; a CONSTRAINT name stays with the constraint it names.
 */
function columnSegments(part: readonly Token[]): { type: Token[]; segments: Token[][] } {
  const type: Token[] = [];
  const segments: Token[][] = [];
  let cur: Token[] | undefined;
  let depth = 0;
  for (let i = 1; i < part.length; i++) {
    const t = part[i]!;
    const prev = part[i - 1];
    let starts = false;
    if (depth === 0 && t.kind === "id" && !t.quoted && COLUMN_CONSTRAINT_START.has(t.value.toUpperCase())) {
      const w = t.value.toUpperCase();
      starts = true;
      if (w === "NOT" && isKeyword(part[i + 1], "DEFERRABLE")) starts = false;
      if ((w === "NULL" || w === "DEFAULT") && (isKeyword(prev, "SET") || isKeyword(prev, "NOT"))) starts = false;
      if (w === "AS" && isKeyword(prev, "ALWAYS")) starts = false;
      if (cur && isKeyword(cur[0], "CONSTRAINT") && cur.length <= 2) starts = false;
    }
    if (t.kind === "punct" && t.value === "(") depth++;
    if (t.kind === "punct" && t.value === ")") depth--;
    if (starts) {
      cur = [t];
      segments.push(cur);
    } else if (cur) cur.push(t);
    else type.push(t);
  }
  return { type, segments };
}

function parseColumn(sql: string, part: readonly Token[], constraints: ParsedConstraint[]): ParsedColumn {
  const name = part[0]!.value;
  const { segments } = columnSegments(part);
  let autoIncrement = false;
  let enumValues: string[] | undefined;
  let collation: string | undefined;
  let generated: ParsedColumn["generated"];
  const unmodelled: string[] = [];
  const keyClauses: string[] = [];
  for (const seg of segments) {
    let k = 0;
    let cname: string | undefined;
    if (isKeyword(seg[0], "CONSTRAINT")) {
      cname = seg[1]?.value;
      k = 2;
    }
    const body = seg.slice(k);
    const head = body[0];
    const has = (word: string) => body.some((t) => isKeyword(t, word));
    if (isKeyword(head, "PRIMARY")) {
      if (has("AUTOINCREMENT")) autoIncrement = true;
      if (cname !== undefined) constraints.push({ name: cname, kind: "primaryKey", columns: [name] });
      // The key itself comes from pragma table_info; ASC/DESC and ON CONFLICT are not modelled.
      if (has("CONFLICT") || has("DESC")) keyClauses.push(textOf(sql, seg));
    } else if (isKeyword(head, "NOT") || isKeyword(head, "NULL")) {
      // Nullability comes from pragma table_info; a conflict clause is kept verbatim (SQLite
      // accepts a second NOT NULL beside the one athanor writes).
      if (has("CONFLICT")) unmodelled.push(textOf(sql, seg));
    } else if (isKeyword(head, "UNIQUE")) {
      if (cname !== undefined) constraints.push({ name: cname, kind: "unique", columns: [name] });
      if (has("CONFLICT")) keyClauses.push(textOf(sql, seg));
    } else if (isKeyword(head, "CHECK")) {
      const values = cname === undefined ? enumFromCheck(body, name) : undefined;
      if (values) enumValues = values;
      else if (cname !== undefined && body[1]?.value === "(") constraints.push({ name: cname, kind: "check", columns: [], expression: inside(sql, body, 1).text });
      else unmodelled.push(textOf(sql, seg));
    } else if (isKeyword(head, "DEFAULT")) {
      // Read from pragma table_info.
    } else if (isKeyword(head, "COLLATE")) {
      collation = body[1]?.value;
    } else if (isKeyword(head, "REFERENCES")) {
      const clauses = foreignKeyClauses(sql, body);
      constraints.push({ ...(cname !== undefined ? { name: cname } : {}), kind: "foreignKey", columns: [name], referencedTable: body[1]?.value, ...(clauses ? { clauses } : {}) });
    } else if (isKeyword(head, "GENERATED") || isKeyword(head, "AS")) {
      const open = body.findIndex((t) => t.kind === "punct" && t.value === "(");
      if (open >= 0) {
        const { text, end } = inside(sql, body, open);
        generated = { expression: text, type: isKeyword(body[end + 1], "STORED") ? "STORED" : "VIRTUAL" };
      }
    } else {
      unmodelled.push(textOf(sql, seg));
    }
  }
  return {
    name,
    autoIncrement,
    ...(enumValues ? { enumValues } : {}),
    ...(collation !== undefined ? { collation } : {}),
    ...(generated ? { generated } : {}),
    unmodelled,
    keyClauses,
  };
}

/**
 * The `MATCH name` and `[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]` parts of a foreign key
 * clause (https://www.sqlite.org/syntax/foreign-key-clause.html), verbatim and in order.
 */
function foreignKeyClauses(sql: string, tokens: readonly Token[]): string | undefined {
  const parts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (isKeyword(tokens[i], "MATCH")) {
      parts.push(textOf(sql, tokens.slice(i, i + 2)));
      i++;
    } else if (isKeyword(tokens[i], "DEFERRABLE") || (isKeyword(tokens[i], "NOT") && isKeyword(tokens[i + 1], "DEFERRABLE"))) {
      parts.push(textOf(sql, tokens.slice(i)));
      break;
    }
  }
  return parts.length ? parts.join(" ") : undefined;
}

/** Columns, constraints and what athanor does not model, of a CREATE TABLE statement. */
export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === "punct" && t.value === "(");
  const columns: ParsedColumn[] = [];
  const constraints: ParsedConstraint[] = [];
  const unmodelled: string[] = [];
  const keyClauses: string[] = [];
  if (open === -1) return { columns, constraints, unmodelled, keyClauses };
  const { parts, end } = splitParenthesised(tokens, open + 1);
  for (const part of parts) {
    let k = 0;
    let name: string | undefined;
    if (isKeyword(part[0], "CONSTRAINT")) {
      name = part[1]?.value;
      k = 2;
    }
    const head = part[k];
    if (!head) continue;
    if (isKeyword(head, "CHECK")) {
      const openAt = k + 1;
      if (name !== undefined && part[openAt]?.value === "(" && inside(sql, part, openAt).end === part.length - 1) {
        constraints.push({ name, kind: "check", columns: [], expression: inside(sql, part, openAt).text });
      } else unmodelled.push(textOf(sql, part));
      continue;
    }
    if (isKeyword(head, "PRIMARY") || isKeyword(head, "UNIQUE") || isKeyword(head, "FOREIGN")) {
      const openAt = part.findIndex((t, idx) => idx > k && t.value === "(" && t.kind === "punct");
      const { names, end: listEnd } = nameList(part, openAt);
      if (isKeyword(head, "FOREIGN")) {
        const ref = part.findIndex((t, idx) => idx > listEnd && isKeyword(t, "REFERENCES"));
        const clauses = foreignKeyClauses(sql, part.slice(ref));
        constraints.push({ ...(name !== undefined ? { name } : {}), kind: "foreignKey", columns: names, referencedTable: part[ref + 1]?.value, ...(clauses ? { clauses } : {}) });
      } else {
        constraints.push({ ...(name !== undefined ? { name } : {}), kind: isKeyword(head, "PRIMARY") ? "primaryKey" : "unique", columns: names });
        if (part.some((t) => isKeyword(t, "CONFLICT"))) keyClauses.push(textOf(sql, part));
      }
      continue;
    }
    if (k > 0) {
      // CONSTRAINT name followed by something SQLite accepts but athanor does not know.
      unmodelled.push(textOf(sql, part));
      continue;
    }
    columns.push(parseColumn(sql, part, constraints));
  }
  const options = textOf(sql, tokens.slice(end + 1).filter((t) => !(t.kind === "punct" && t.value === ";")));
  return { columns, constraints, unmodelled, keyClauses, ...(options !== "" ? { options } : {}) };
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
