/**
 * One canonical text for an SQL expression (a CHECK, a generated column's expression), so an
 * expression written in an entity and the same expression as the server prints it back compare
 * equal. The server rewrites what it stores: MariaDB quotes identifiers, lower-cases keywords and
 * function names, prints `!=` as `<>`, UPPER as ucase, drops redundant parentheses; MySQL 8 wraps
 * the whole expression in parentheses and adds charset introducers (`_utf8mb4'x'`).
 * https://mariadb.com/kb/en/information-schema-check_constraints-table/
 * https://dev.mysql.com/doc/refman/8.0/en/information-schema-columns-table.html (GENERATION_EXPRESSION)
 *
 * The canonical form is a token stream: identifiers back-quoted, keywords and function names lower
 * case (and a few synonyms folded), strings single-quoted, one space between tokens except around
 * parentheses, commas and dots. It is a comparison key, not a re-formatter for humans.
 */

import { quoteLiteral } from "./quote";

/** A backslash escape inside a string literal (https://mariadb.com/kb/en/string-literals/#escape-sequences). */
function unescape(c: string): string {
  switch (c) {
    case "n":
      return "\n";
    case "t":
      return "\t";
    case "r":
      return "\r";
    case "0":
      return "\u0000";
    case "Z":
      return "\u001a";
    case "b":
      return "\b";
    case "%":
    case "_":
      // Kept with their backslash, so LIKE patterns keep matching them literally.
      return "\\" + c;
    default:
      return c;
  }
}

/**
 * Reserved words that may appear bare in an expression (so never a column name written bare):
 * https://mariadb.com/kb/en/reserved-words/
 */
const KEYWORDS = new Set(
  ("and or not xor is null true false in like between case when then else end div mod regexp rlike binary interval " +
    "escape collate sounds distinct exists unknown as using for from both leading trailing " +
    "current_timestamp current_date current_time current_user localtime localtimestamp utc_date utc_time utc_timestamp")
    .split(" "),
);

/**
 * Words that are keywords only where they stand: the type of CAST(x AS type) / CONVERT(x, type),
 * the charset of CONVERT(x USING cs), the unit of INTERVAL n unit. Elsewhere they may be column
 * names (`date`, `year`), which the server prints quoted.
 */
function isContextKeyword(prev: Token | undefined, prev2: Token | undefined): boolean {
  if (prev?.kind === "word" && (prev.text === "as" || prev.text === "using")) return true;
  return prev2?.kind === "word" && prev2.text === "interval";
}

/** Function names the server prints differently from how they may be written. */
const FUNCTION_SYNONYMS: Readonly<Record<string, string>> = {
  upper: "ucase",
  lower: "lcase",
  substring: "substr",
  character_length: "char_length",
};

type Token = { readonly kind: "ident" | "word" | "string" | "number" | "op" | "open" | "close" | "comma" | "dot"; readonly text: string };

const OPERATORS = ["<=>", "->>", "<=", ">=", "<>", "!=", "||", "&&", "<<", ">>", ":=", "->"];

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "`") {
      let j = i + 1;
      let name = "";
      while (j < sql.length) {
        if (sql[j] === "`" && sql[j + 1] === "`") {
          name += "`";
          j += 2;
        } else if (sql[j] === "`") break;
        else name += sql[j++];
      }
      out.push({ kind: "ident", text: name });
      i = j + 1;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let value = "";
      while (j < sql.length) {
        if (sql[j] === "\\" && j + 1 < sql.length) {
          value += unescape(sql[j + 1]);
          j += 2;
        } else if (sql[j] === c && sql[j + 1] === c) {
          value += c;
          j += 2;
        } else if (sql[j] === c) break;
        else value += sql[j++];
      }
      out.push({ kind: "string", text: quoteLiteral(value) });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      const m = /^(?:0x[0-9a-f]+|\d*\.?\d+(?:e[+-]?\d+)?)/i.exec(sql.slice(i))!;
      out.push({ kind: "number", text: m[0].toLowerCase() });
      i += m[0].length;
    } else if (/[A-Za-z_$\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z0-9_$\u0080-\uffff]+/.exec(sql.slice(i))!;
      out.push({ kind: "word", text: m[0] });
      i += m[0].length;
    } else if (c === "(") {
      out.push({ kind: "open", text: "(" });
      i++;
    } else if (c === ")") {
      out.push({ kind: "close", text: ")" });
      i++;
    } else if (c === ",") {
      out.push({ kind: "comma", text: "," });
      i++;
    } else if (c === ".") {
      out.push({ kind: "dot", text: "." });
      i++;
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i)) ?? c;
      out.push({ kind: "op", text: op === "!=" ? "<>" : op });
      i += op.length;
    }
  }
  return out;
}

/** Words become identifiers, keywords or function names; introducers and redundant parentheses go. */
function classify(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const next = tokens[k + 1];
    if (t.kind !== "word") {
      out.push(t);
      continue;
    }
    const lower = t.text.toLowerCase();
    // `_utf8mb4'x'`: MySQL's charset introducer before a string literal.
    if (/^_[a-z0-9]+$/.test(lower) && next?.kind === "string") continue;
    const prev = out[out.length - 1];
    // MariaDB prints CAST(x AS CHAR) as `cast(x as char charset utf8mb4)`, naming the connection's.
    if (lower === "charset" && prev?.kind === "word" && prev.text === "char" && next?.kind === "word") {
      k++;
      continue;
    }
    // TRUE and FALSE are 1 and 0, and MariaDB prints them so.
    if (lower === "true" || lower === "false") {
      out.push({ kind: "number", text: lower === "true" ? "1" : "0" });
      continue;
    }
    if (prev?.kind === "dot") out.push({ kind: "ident", text: t.text });
    else if (isContextKeyword(prev, out[out.length - 2])) out.push({ kind: "word", text: lower });
    else if (next?.kind === "open" && !KEYWORDS.has(lower)) out.push({ kind: "word", text: FUNCTION_SYNONYMS[lower] ?? lower });
    else if (KEYWORDS.has(lower)) out.push({ kind: "word", text: lower });
    else out.push({ kind: "ident", text: t.text });
  }
  return dropSingleTokenParens(stripOuterParens(out));
}

/** Index of the parenthesis closing the one at `open`, or -1. */
function closing(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k].kind === "open") depth++;
    else if (tokens[k].kind === "close" && --depth === 0) return k;
  }
  return -1;
}

function stripOuterParens(tokens: Token[]): Token[] {
  let t = tokens;
  while (t.length >= 2 && t[0].kind === "open" && closing(t, 0) === t.length - 1) t = t.slice(1, -1);
  return t;
}

/** `(a)` → `a` where the parentheses are not a call's: MariaDB prints `(a) > 0` as `a > 0`. */
function dropSingleTokenParens(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const isCall = out[out.length - 1]?.kind === "word" && !KEYWORDS.has(out[out.length - 1].text);
    if (t.kind === "open" && !isCall && tokens[k + 2]?.kind === "close" && ["ident", "number", "string"].includes(tokens[k + 1]?.kind)) {
      out.push(tokens[k + 1]);
      k += 2;
    } else out.push(t);
  }
  return out;
}

function render(tokens: readonly Token[]): string {
  let s = "";
  tokens.forEach((t, k) => {
    const prev = tokens[k - 1];
    const text = t.kind === "ident" ? `\`${t.text.replace(/`/g, "``")}\`` : t.text;
    const tight =
      k === 0 ||
      t.kind === "close" ||
      t.kind === "comma" ||
      t.kind === "dot" ||
      prev.kind === "open" ||
      prev.kind === "dot" ||
      (t.kind === "open" && prev.kind === "word" && !KEYWORDS.has(prev.text));
    s += (tight ? "" : " ") + text;
  });
  return s;
}

/** The canonical comparison text of an SQL expression (see the file comment). */
export function canonicalExpression(sql: string): string {
  return render(classify(tokenize(sql.trim())));
}
