/**
 * Splits a hand-written SQL file into statements for `op.execute`, one at a time (no driver is
 * asked to run several statements in one call).
 *
 * The rule: a statement ends at a `;` that is the last thing on its line (only spaces or a `--`
 * comment may follow it), outside quotes ('…', "…", `…`), comments (-- … and /* … *\/) and
 * PostgreSQL dollar-quoted bodies ($$ … $$, $tag$ … $tag$). So a `;` in the middle of a line
 * never splits, and a PL/pgSQL function body stays one statement. A MySQL procedure or trigger
 * body (BEGIN … END) has no such quoting: keep its inner `;` off the ends of lines, or write
 * that migration in TypeScript with `op.execute`. Chunks holding only comments are dropped;
 * a statement keeps the comments written above it. Inside quotes a backslash escapes the next
 * character (MySQL's default, and mysqldump writes \' ), so a PostgreSQL literal that ends in a
 * backslash ('C:\') must be written as E'C:\\' there.
 */
export function splitSqlStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  const n = text.length;
  const push = (end: number) => {
    const stmt = text.slice(start, end).trim();
    if (hasCode && stmt.length > 0) out.push(stmt);
    hasCode = false;
  };
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "-" && next === "-") {
      const eol = text.indexOf("\n", i);
      i = eol < 0 ? n : eol;
      continue;
    }
    if (c === "/" && next === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      hasCode = true;
      i = skipQuoted(text, i, c);
      continue;
    }
    if (c === "$") {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (tag) {
        hasCode = true;
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
        continue;
      }
    }
    if (c === ";" && endsLine(text, i + 1)) {
      push(i);
      i += 1;
      start = i;
      continue;
    }
    if (!/\s/.test(c)) hasCode = true;
    i += 1;
  }
  push(n);
  return out;
}

/** Index just past the closing quote; a doubled quote or a backslash escape stays inside. */
function skipQuoted(text: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\" && quote !== "`") {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return text.length;
}

/** Only spaces, then a newline, a `--` comment, or the end of the text. */
function endsLine(text: string, from: number): boolean {
  const m = /^[ \t\r]*(\n|--|$)/.exec(text.slice(from, from + 4096));
  return m !== null;
}
