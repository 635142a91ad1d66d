import type { ExpressionContext } from "../dialect";

/**
 * The canonical text of an SQL expression (a CHECK, a partial index's WHERE, a generated
 * column's AS), shared by the model reader and the introspector.
 *
 * SQLite keeps the CREATE text verbatim (https://www.sqlite.org/schematab.html): what TypeORM or
 * athanor wrote is what comes back, so both readers agree once the spelling that carries no
 * meaning is taken out. For CHECK and WHERE: runs of whitespace outside quotes become one space,
 * none just inside parentheses, and parentheses wrapping the whole expression go (`CHECK (x)`
 * and `CHECK ((x))` are one constraint). Nothing else is rewritten: `"age" > 18` and `age>18`
 * stay different texts.
 *
 * A generated column's expression is only trimmed: TypeORM compares the entity's `asExpression`
 * with the copy it keeps in `typeorm_metadata` character for character, and athanor writes that
 * copy from this text (see typeorm-metadata.ts).
 */
export function canonicalExpression(sql: string, context: ExpressionContext): string {
  if (context === "generated") return sql.trim();
  let e = collapseWhitespace(sql);
  while (wrapsWhole(e)) e = e.slice(1, -1).trim();
  return e;
}

function collapseWhitespace(sql: string): string {
  let out = "";
  let quote: string | undefined;
  let pendingSpace = false;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote) {
      out += c;
      if (c === quote) quote = undefined;
      continue;
    }
    if (/\s/.test(c)) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace && out !== "" && !out.endsWith("(") && c !== ")") out += " ";
    pendingSpace = false;
    if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "[") quote = "]";
    out += c;
  }
  return out;
}

/** True when the `(` at 0 closes at the very end, so the parentheses wrap the whole text. */
export function wrapsWhole(expr: string): boolean {
  if (!expr.startsWith("(") || !expr.endsWith(")")) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "[") quote = "]";
    else if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth === 0 && i < expr.length - 1) return false;
    }
  }
  return depth === 0;
}
