/**
 * Whether a SQL expression (a CHECK, a partial index's WHERE) names a column. The expression is
 * text in the dialect's spelling, so this reads only its identifier tokens: words outside string
 * literals, and "double-quoted", `backquoted` or [bracketed] names. A word directly followed by
 * `(` is a function name, not a column.
 *
 * Conservative, and on purpose: names are compared without regard to case (MySQL's column names
 * are case-insensitive; PostgreSQL folds unquoted ones), and a keyword spelt like the column
 * counts as a use. So a column named `value` or `date` may be reported as used where the
 * database sees no use. Never the reverse: a real reference is always found.
 */
export function expressionUses(expression: string, column: string): boolean {
  const wanted = column.toLowerCase();
  for (const name of identifiersOf(expression)) if (name.toLowerCase() === wanted) return true;
  return false;
}

const QUOTE_END: Readonly<Record<string, string>> = { '"': '"', "`": "`", "[": "]" };

function* identifiersOf(sql: string): Generator<string> {
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'") {
      i = closing(sql, i, "'");
    } else if (ch in QUOTE_END) {
      const end = closing(sql, i, QUOTE_END[ch]);
      yield sql.slice(i + 1, end - 1).split(QUOTE_END[ch] + QUOTE_END[ch]).join(QUOTE_END[ch]);
      i = end;
    } else if (/[0-9]/.test(ch)) {
      // A number, exponent included (`1e5` names no column "e5").
      while (i < sql.length && /[\p{L}\p{N}_.]/u.test(sql[i])) i++;
    } else if (/[\p{L}_]/u.test(ch)) {
      let j = i + 1;
      while (j < sql.length && /[\p{L}\p{N}_$]/u.test(sql[j])) j++;
      let k = j;
      while (k < sql.length && /\s/.test(sql[k])) k++;
      if (sql[k] !== "(") yield sql.slice(i, j);
      i = j;
    } else {
      i++;
    }
  }
}

/** The index just past the quote that closes the one at `start` (a doubled quote is part of the text). */
function closing(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (quote !== "]" && sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}
