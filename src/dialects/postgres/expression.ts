/**
 * Canonical text of a PostgreSQL expression (CHECK, partial-index WHERE, generated column,
 * expression-index key), so that what an entity writes (`"deleted" = false`, `name IN ('a','b')`)
 * and what the catalog prints back (`pg_get_expr`: `(deleted = false)`,
 * `((name)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))`)
 * compare equal as text.
 *
 * PostgreSQL stores expressions as parse trees and deparses them with every operation
 * parenthesised, implicit casts made explicit and some syntax rewritten
 * (https://www.postgresql.org/docs/current/functions-info.html, pg_get_expr). So the text is parsed
 * into a small tree (operator precedence as in
 * https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-PRECEDENCE) and printed back
 * with only the parentheses precedence needs, after these rewrites, applied to both sides:
 * - casts to the implicit-coercion types the server adds (text, varchar, numeric, integer…) are
 *   dropped; casts that change meaning (`::date`, `::jsonb`, `::regclass`, `::interval`) stay;
 * - `x IN (a, b)` is `x = ANY (ARRAY[a, b])`, `NOT IN` is `<> ALL (…)`, `x IN (a)` is `x = a`, `BETWEEN` is two
 *   comparisons, `LIKE`/`ILIKE` are `~~`/`~~*`, `!=` is `<>`: the server's own rewrites;
 * - identifiers that need no quotes lose them, keywords are upper case, function names lower case.
 * Text that does not parse keeps its tokens, with whitespace and quoting normalised.
 */

type Token =
  | { readonly t: "str"; readonly v: string } // the literal's value, unescaped
  | { readonly t: "num"; readonly v: string }
  | { readonly t: "id"; readonly v: string; readonly quoted: boolean } // v: folded name
  | { readonly t: "op"; readonly v: string }
  | { readonly t: "punct"; readonly v: string };

const OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

function tokenize(sql: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'" || ((ch === "E" || ch === "e") && sql[i + 1] === "'")) {
      if (ch !== "'") return undefined; // escape strings: keep the text as written
      let v = "";
      i++;
      for (;;) {
        if (i >= sql.length) return undefined;
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += sql[i++];
      }
      out.push({ t: "str", v });
      continue;
    }
    if (ch === '"') {
      let v = "";
      i++;
      for (;;) {
        if (i >= sql.length) return undefined;
        if (sql[i] === '"') {
          if (sql[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += sql[i++];
      }
      out.push({ t: "id", v, quoted: true });
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(sql.slice(i));
    if (num) {
      out.push({ t: "num", v: num[0] });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(sql.slice(i));
    if (word) {
      out.push({ t: "id", v: word[0].toLowerCase(), quoted: false });
      i += word[0].length;
      continue;
    }
    if (ch === ":" && sql[i + 1] === ":") {
      out.push({ t: "op", v: "::" });
      i += 2;
      continue;
    }
    if ("()[],.".includes(ch)) {
      out.push({ t: "punct", v: ch });
      i++;
      continue;
    }
    if (OPERATOR_CHARS.includes(ch)) {
      let j = i;
      while (j < sql.length && OPERATOR_CHARS.includes(sql[j]!)) {
        // `--` and `/*` start comments; a one-char `-` before a digit is handled by the parser.
        if (sql.startsWith("--", j) || sql.startsWith("/*", j)) return undefined;
        j++;
      }
      let v = sql.slice(i, j);
      // A multi-char operator cannot end in + or - unless it holds one of ~ ! @ # % ^ & | ` ?
      // (the lexer rule), so `>-1` is `>` then `-1`.
      while (v.length > 1 && /[+-]$/.test(v) && !/[~!@#%^&|`?]/.test(v)) v = v.slice(0, -1);
      out.push({ t: "op", v });
      i += v.length;
      continue;
    }
    return undefined;
  }
  return out;
}

type Node =
  | { readonly k: "str"; readonly v: string }
  | { readonly k: "num"; readonly v: string }
  | { readonly k: "kw"; readonly v: string } // TRUE, FALSE, NULL, CURRENT_DATE…
  | { readonly k: "id"; readonly parts: readonly string[] }
  | { readonly k: "call"; readonly name: string; readonly args: readonly Node[]; readonly star?: boolean; readonly distinct?: boolean }
  | { readonly k: "sqlfn"; readonly name: string; readonly args: readonly Node[] } // CURRENT_TIMESTAMP(3)…
  | { readonly k: "array"; readonly items: readonly Node[] }
  | { readonly k: "quant"; readonly q: "ANY" | "ALL"; readonly arg: Node } // = ANY (…)
  | { readonly k: "unary"; readonly op: string; readonly arg: Node }
  | { readonly k: "bin"; readonly op: string; readonly l: Node; readonly r: Node }
  | { readonly k: "is"; readonly arg: Node; readonly what: string; readonly other?: Node }
  | { readonly k: "cast"; readonly arg: Node; readonly type: string }
  | { readonly k: "case"; readonly subject?: Node; readonly whens: readonly (readonly [Node, Node])[]; readonly otherwise?: Node };

/** Binding powers, lowest first (PostgreSQL's table; comparisons are one level). */
const P = { or: 1, and: 2, not: 3, is: 4, cmp: 5, like: 6, other: 7, add: 8, mul: 9, exp: 10, unary: 11, cast: 12, atom: 13 } as const;

const COMPARISON = new Set(["=", "<>", "!=", "<", ">", "<=", ">="]);
const LIKE_OPS: Readonly<Record<string, string>> = { like: "~~", ilike: "~~*" };
/** SQL-standard functions written without parentheses (or with a precision). */
const SQL_FUNCTIONS = new Set(["current_timestamp", "current_date", "current_time", "localtimestamp", "localtime", "current_user", "session_user", "current_role", "current_catalog", "current_schema", "user"]);
/** Words that cannot be unquoted column names in an expression. */
const RESERVED = new Set([
  "all", "and", "any", "array", "as", "asc", "between", "case", "cast", "check", "collate", "column", "constraint", "create", "current_date",
  "current_time", "current_timestamp", "current_user", "default", "desc", "distinct", "do", "else", "end", "except", "false", "for", "foreign",
  "from", "grant", "group", "having", "ilike", "in", "is", "isnull", "like", "limit", "localtime", "localtimestamp", "not", "notnull", "null",
  "offset", "on", "only", "or", "order", "primary", "references", "select", "similar", "some", "table", "then", "to", "true", "union", "unique",
  "user", "using", "when", "where", "with",
]);

/**
 * Casts PostgreSQL inserts on its own (implicit coercions of literals and columns to the
 * operator's type); dropping them does not change which value is compared.
 */
const IMPLICIT_CAST_TYPES = new Set([
  "text", "character varying", "varchar", "character", "char", "bpchar", "name", "numeric", "decimal", "integer", "int", "int4", "bigint", "int8",
  "smallint", "int2", "double precision", "float8", "real", "float4", "boolean", "bool", "unknown",
]);
const NUMERIC_CAST_TYPES = new Set(["numeric", "decimal", "integer", "int", "int4", "bigint", "int8", "smallint", "int2", "double precision", "float8", "real", "float4"]);

class Parser {
  private i = 0;
  constructor(private readonly toks: readonly Token[]) {}

  parseAll(): Node {
    const n = this.expr(0);
    if (this.i !== this.toks.length) throw new Error("trailing tokens");
    return n;
  }

  private peek(o = 0): Token | undefined {
    return this.toks[this.i + o];
  }
  private isWord(w: string, o = 0): boolean {
    const t = this.peek(o);
    return t?.t === "id" && !t.quoted && t.v === w;
  }
  private isPunct(p: string): boolean {
    const t = this.peek();
    return t?.t === "punct" && t.v === p;
  }
  private expect(p: string): void {
    if (!this.isPunct(p)) throw new Error(`expected ${p}`);
    this.i++;
  }
  private expectWord(w: string): void {
    if (!this.isWord(w)) throw new Error(`expected ${w}`);
    this.i++;
  }

  expr(min: number): Node {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.t === "op" && t.v === "::") {
        if (P.cast < min) break;
        this.i++;
        left = { k: "cast", arg: left, type: this.typeName() };
        continue;
      }
      if (t.t === "punct" && t.v === "[") throw new Error("subscripts are not normalised");
      if (t.t === "id" && !t.quoted) {
        if (t.v === "or" || t.v === "and") {
          const p = t.v === "or" ? P.or : P.and;
          if (p < min) break;
          this.i++;
          left = { k: "bin", op: t.v.toUpperCase(), l: left, r: this.expr(p + 1) };
          continue;
        }
        if (t.v === "is") {
          if (P.is < min) break;
          this.i++;
          const not = this.isWord("not") ? (this.i++, true) : false;
          if (this.isWord("distinct")) {
            this.i++;
            this.expectWord("from");
            left = { k: "is", arg: left, what: not ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM", other: this.expr(P.is + 1) };
            continue;
          }
          const w = this.peek();
          if (w?.t !== "id" || w.quoted || !["null", "true", "false", "unknown"].includes(w.v)) throw new Error("unknown IS");
          this.i++;
          left = { k: "is", arg: left, what: `IS ${not ? "NOT " : ""}${w.v.toUpperCase()}` };
          continue;
        }
        if (t.v === "isnull" || t.v === "notnull") {
          if (P.is < min) break;
          this.i++;
          left = { k: "is", arg: left, what: t.v === "isnull" ? "IS NULL" : "IS NOT NULL" };
          continue;
        }
        const not = t.v === "not";
        const w = not ? this.peek(1) : t;
        if (w?.t === "id" && !w.quoted && (w.v === "in" || w.v === "like" || w.v === "ilike" || w.v === "between")) {
          if (P.like < min) break;
          this.i += not ? 2 : 1;
          left = this.special(left, w.v, not);
          continue;
        }
        break;
      }
      if (t.t === "op") {
        const op = t.v === "!=" ? "<>" : t.v;
        const p = COMPARISON.has(op) ? P.cmp : op === "+" || op === "-" ? P.add : op === "*" || op === "/" || op === "%" ? P.mul : op === "^" ? P.exp : P.other;
        if (p < min) break;
        this.i++;
        if (COMPARISON.has(op) && (this.isWord("any") || this.isWord("all") || this.isWord("some")) && this.peek(1)?.t === "punct" && this.peek(1)?.v === "(") {
          const q = this.isWord("all") ? "ALL" : "ANY";
          this.i++;
          this.expect("(");
          const arg = this.expr(0);
          this.expect(")");
          left = { k: "bin", op, l: left, r: { k: "quant", q, arg } };
          continue;
        }
        left = { k: "bin", op, l: left, r: this.expr(p === P.exp ? p + 1 : p + 1) };
        continue;
      }
      break;
    }
    return left;
  }

  /** IN / LIKE / ILIKE / BETWEEN, rewritten as PostgreSQL stores them. */
  private special(left: Node, word: string, not: boolean): Node {
    if (word === "in") {
      this.expect("(");
      const items = this.list(")");
      // A one-item list is stored as a plain comparison.
      if (items.length === 1) return { k: "bin", op: not ? "<>" : "=", l: left, r: items[0]! };
      return { k: "bin", op: not ? "<>" : "=", l: left, r: { k: "quant", q: not ? "ALL" : "ANY", arg: { k: "array", items } } };
    }
    if (word === "between") {
      const lo = this.expr(P.like + 1);
      this.expectWord("and");
      const hi = this.expr(P.like + 1);
      const both: Node = { k: "bin", op: "AND", l: { k: "bin", op: ">=", l: left, r: lo }, r: { k: "bin", op: "<=", l: left, r: hi } };
      return not ? { k: "unary", op: "NOT", arg: both } : both;
    }
    const op = `${not ? "!" : ""}${LIKE_OPS[word]}`;
    return { k: "bin", op, l: left, r: this.expr(P.like + 1) };
  }

  private list(close: string): Node[] {
    const items: Node[] = [];
    if (this.isPunct(close)) {
      this.i++;
      return items;
    }
    for (;;) {
      items.push(this.expr(0));
      if (this.isPunct(",")) {
        this.i++;
        continue;
      }
      this.expect(close);
      return items;
    }
  }

  private typeName(): string {
    const words: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t?.t !== "id") break;
      // Multi-word types: character varying, double precision, timestamp with time zone…
      if (words.length > 0 && !["varying", "precision", "with", "without", "time", "zone"].includes(t.v)) break;
      words.push(t.quoted ? quoteIdent(t.v) : t.v);
      this.i++;
      if (this.isPunct(".")) {
        this.i++;
        const n = this.peek();
        if (n?.t !== "id") throw new Error("bad type");
        words[words.length - 1] += `.${n.quoted ? quoteIdent(n.v) : n.v}`;
        this.i++;
      }
    }
    if (words.length === 0) throw new Error("expected a type");
    let type = words.join(" ");
    if (this.isPunct("(")) {
      this.i++;
      const mods: string[] = [];
      for (;;) {
        const n = this.peek();
        if (n?.t !== "num") throw new Error("bad type modifier");
        mods.push(n.v);
        this.i++;
        if (this.isPunct(",")) {
          this.i++;
          continue;
        }
        this.expect(")");
        break;
      }
      // `timestamp(3) without time zone`: the modifier sits before the zone words.
      type = `${type}(${mods.join(",")})`;
      while (this.peek()?.t === "id" && ["with", "without", "time", "zone"].includes((this.peek() as { v: string }).v)) {
        type += ` ${(this.peek() as { v: string }).v}`;
        this.i++;
      }
    }
    while (this.isPunct("[")) {
      this.i++;
      this.expect("]");
      type += "[]";
    }
    return type;
  }

  private prefix(): Node {
    const t = this.peek();
    if (!t) throw new Error("unexpected end");
    this.i++;
    switch (t.t) {
      case "str":
        return { k: "str", v: t.v };
      case "num":
        return { k: "num", v: t.v };
      case "punct":
        if (t.v === "(") {
          const inner = this.expr(0);
          this.expect(")");
          return inner;
        }
        throw new Error(`unexpected ${t.v}`);
      case "op":
        if (t.v === "-" || t.v === "+") {
          const arg = this.expr(P.unary);
          if (arg.k === "num") return t.v === "-" ? { k: "num", v: negate(arg.v) } : arg;
          return { k: "unary", op: t.v, arg };
        }
        throw new Error(`unexpected operator ${t.v}`);
      case "id":
        return this.word(t);
    }
  }

  private word(t: Extract<Token, { t: "id" }>): Node {
    if (!t.quoted) {
      switch (t.v) {
        case "true":
        case "false":
        case "null":
          return { k: "kw", v: t.v.toUpperCase() };
        case "not":
          return { k: "unary", op: "NOT", arg: this.expr(P.not) };
        case "array": {
          this.expect("[");
          return { k: "array", items: this.list("]") };
        }
        case "case":
          return this.caseExpr();
        case "cast": {
          this.expect("(");
          const arg = this.expr(0);
          this.expectWord("as");
          const type = this.typeName();
          this.expect(")");
          return { k: "cast", arg, type };
        }
      }
      if (SQL_FUNCTIONS.has(t.v)) {
        const args = this.isPunct("(") ? (this.i++, this.list(")")) : [];
        return { k: "sqlfn", name: t.v.toUpperCase(), args };
      }
      if (RESERVED.has(t.v)) throw new Error(`unexpected ${t.v}`);
    }
    const parts = [t.v];
    while (this.isPunct(".")) {
      this.i++;
      const n = this.peek();
      if (n?.t !== "id") throw new Error("bad qualified name");
      parts.push(n.v);
      this.i++;
    }
    if (this.isPunct("(")) {
      this.i++;
      const name = parts.join(".");
      if (this.peek()?.t === "op" && (this.peek() as { v: string }).v === "*") {
        this.i++;
        this.expect(")");
        return { k: "call", name, args: [], star: true };
      }
      const distinct = this.isWord("distinct") ? (this.i++, true) : false;
      return { k: "call", name, args: this.list(")"), ...(distinct ? { distinct } : {}) };
    }
    return { k: "id", parts };
  }

  private caseExpr(): Node {
    const subject = this.isWord("when") ? undefined : this.expr(0);
    const whens: [Node, Node][] = [];
    while (this.isWord("when")) {
      this.i++;
      const cond = this.expr(0);
      this.expectWord("then");
      whens.push([cond, this.expr(0)]);
    }
    let otherwise: Node | undefined;
    if (this.isWord("else")) {
      this.i++;
      otherwise = this.expr(0);
    }
    this.expectWord("end");
    if (whens.length === 0) throw new Error("CASE without WHEN");
    return { k: "case", ...(subject ? { subject } : {}), whens, ...(otherwise ? { otherwise } : {}) };
  }
}

function negate(v: string): string {
  return v.startsWith("-") ? v.slice(1) : `-${v}`;
}

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Drops the casts PostgreSQL adds on its own; numeric strings cast to numbers become numbers. */
function simplify(n: Node): Node {
  switch (n.k) {
    case "cast": {
      const arg = simplify(n.arg);
      const base = n.type.replace(/\(.*\)/, "").replace(/(\[\])+$/, "").trim();
      const isArray = n.type.endsWith("[]");
      // `('now'::text)::date` keeps its inner cast: without it PostgreSQL would fold the
      // literal to a constant date when the expression is stored.
      if (!IMPLICIT_CAST_TYPES.has(base)) return { ...n, arg: n.arg.k === "cast" && n.arg.arg.k === "str" ? n.arg : arg };
      if (arg.k === "str" && NUMERIC_CAST_TYPES.has(base) && !isArray && NUMBER.test(arg.v.trim())) return { k: "num", v: arg.v.trim() };
      if (isArray && arg.k !== "array" && arg.k !== "id" && arg.k !== "call") return { ...n, arg };
      return arg;
    }
    case "call":
      return { ...n, args: n.args.map(simplify) };
    case "sqlfn":
      return { ...n, args: n.args.map(simplify) };
    case "array":
      return { ...n, items: n.items.map(simplify) };
    case "quant":
      return { ...n, arg: simplify(n.arg) };
    case "unary": {
      const arg = simplify(n.arg);
      if (n.op === "-" && arg.k === "num") return { k: "num", v: negate(arg.v) };
      return { ...n, arg };
    }
    case "bin":
      return { ...n, l: simplify(n.l), r: simplify(n.r) };
    case "is":
      return { ...n, arg: simplify(n.arg), ...(n.other ? { other: simplify(n.other) } : {}) };
    case "case":
      return {
        k: "case",
        ...(n.subject ? { subject: simplify(n.subject) } : {}),
        whens: n.whens.map(([a, b]) => [simplify(a), simplify(b)] as const),
        ...(n.otherwise ? { otherwise: simplify(n.otherwise) } : {}),
      };
    default:
      return n;
  }
}

function precedence(n: Node): number {
  switch (n.k) {
    case "bin": {
      if (n.op === "OR") return P.or;
      if (n.op === "AND") return P.and;
      if (COMPARISON.has(n.op)) return P.cmp;
      if (n.op === "~~" || n.op === "~~*" || n.op === "!~~" || n.op === "!~~*") return P.like;
      if (n.op === "+" || n.op === "-") return P.add;
      if (n.op === "*" || n.op === "/" || n.op === "%") return P.mul;
      if (n.op === "^") return P.exp;
      return P.other;
    }
    case "unary":
      return n.op === "NOT" ? P.not : P.unary;
    case "is":
      return P.is;
    case "cast":
      return P.cast;
    case "num":
      return n.v.startsWith("-") ? P.unary : P.atom;
    default:
      return P.atom;
  }
}

function wrap(n: Node, min: number): string {
  const s = print(n);
  return precedence(n) < min ? `(${s})` : s;
}

const SIMPLE_IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;

function quoteIdent(name: string): string {
  return SIMPLE_IDENTIFIER.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

function print(n: Node): string {
  switch (n.k) {
    case "str":
      return `'${n.v.replaceAll("'", "''")}'`;
    case "num":
      return n.v;
    case "kw":
      return n.v;
    case "id":
      return n.parts.map(quoteIdent).join(".");
    case "call":
      return `${n.name.split(".").map(quoteIdent).join(".")}(${n.star ? "*" : `${n.distinct ? "DISTINCT " : ""}${n.args.map((a) => print(a)).join(", ")}`})`;
    case "sqlfn":
      return n.args.length ? `${n.name}(${n.args.map(print).join(", ")})` : n.name;
    case "array":
      return `ARRAY[${n.items.map(print).join(", ")}]`;
    case "quant":
      return `${n.q} (${print(n.arg)})`;
    case "unary":
      return n.op === "NOT" ? `NOT ${wrap(n.arg, P.not)}` : `${n.op}${wrap(n.arg, P.unary)}`;
    case "bin": {
      const p = precedence(n);
      // Comparisons do not chain in PostgreSQL: both sides of one bind tighter.
      return `${wrap(n.l, p === P.cmp ? p + 1 : p)} ${n.op} ${wrap(n.r, p + 1)}`;
    }
    case "is":
      return `${wrap(n.arg, P.is + 1)} ${n.what}${n.other ? ` ${wrap(n.other, P.is + 1)}` : ""}`;
    case "cast":
      return `${wrap(n.arg, P.atom)}::${n.type}`;
    case "case":
      return `CASE${n.subject ? ` ${print(n.subject)}` : ""}${n.whens.map(([c, r]) => ` WHEN ${print(c)} THEN ${print(r)}`).join("")}${
        n.otherwise ? ` ELSE ${print(n.otherwise)}` : ""
      } END`;
  }
}

/** Tokens joined back with normalised spacing and quoting: the fallback for text that does not parse. */
function printTokens(tokens: readonly Token[]): string {
  let out = "";
  let prev: Token | undefined;
  for (const t of tokens) {
    const text =
      t.t === "str" ? `'${t.v.replaceAll("'", "''")}'` : t.t === "id" ? (t.quoted ? quoteIdent(t.v) : RESERVED.has(t.v) || SQL_FUNCTIONS.has(t.v) ? t.v.toUpperCase() : t.v) : t.v;
    const tight =
      prev === undefined ||
      (t.t === "punct" && (t.v === ")" || t.v === "]" || t.v === "," || t.v === "." || t.v === "[" || (t.v === "(" && prev.t === "id"))) ||
      (prev.t === "punct" && (prev.v === "(" || prev.v === "[" || prev.v === ".")) ||
      (t.t === "op" && t.v === "::") ||
      (prev.t === "op" && prev.v === "::");
    out += tight ? text : ` ${text}`;
    prev = t;
  }
  return out;
}

/** The canonical text of a PostgreSQL expression (see the file comment). */
export function canonicalExpression(sql: string): string {
  const tokens = tokenize(sql);
  if (!tokens) return sql.trim().replace(/\s+/g, " ");
  try {
    return print(simplify(new Parser(tokens).parseAll()));
  } catch {
    return printTokens(tokens);
  }
}
