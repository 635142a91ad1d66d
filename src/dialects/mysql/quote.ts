/**
 * The one place MySQL/MariaDB identifiers and string literals are quoted. Every name is quoted in
 * backticks, so reserved words (`order`), spaces and quotes survive unchanged.
 * https://mariadb.com/kb/en/identifier-names/
 */
export function quoteIdentifier(name: string): string {
  if (name.includes("\u0000")) throw new Error(`MySQL identifiers cannot contain NUL: ${JSON.stringify(name)}`);
  return "`" + name.replaceAll("`", "``") + "`";
}

/**
 * A string literal under the server's default SQL mode, where backslash is an escape character
 * (`NO_BACKSLASH_ESCAPES` off): backslashes and control characters are escaped, quotes doubled,
 * which is also how MariaDB spells literals in COLUMN_DEFAULT.
 * https://mariadb.com/kb/en/string-literals/
 */
export function quoteLiteral(value: string): string {
  let out = "'";
  for (const ch of value) {
    switch (ch) {
      case "'":
        out += "''";
        break;
      case "\\":
        out += "\\\\";
        break;
      case "\u0000":
        out += "\\0";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\u001a":
        out += "\\Z";
        break;
      default:
        out += ch;
    }
  }
  return out + "'";
}

/**
 * Reads a single-quoted literal as MySQL does (doubled quotes and backslash escapes), or returns
 * undefined when `text` is not exactly one such literal.
 * https://mariadb.com/kb/en/string-literals/#escape-sequences
 */
export function parseLiteral(text: string): string | undefined {
  if (text.length < 2 || text[0] !== "'" || text[text.length - 1] !== "'") return undefined;
  let out = "";
  for (let i = 1; i < text.length - 1; i++) {
    const ch = text[i];
    if (ch === "'") {
      if (text[i + 1] !== "'" || i + 1 >= text.length - 1) return undefined;
      out += "'";
      i++;
    } else if (ch === "\\") {
      if (i + 1 >= text.length - 1) return undefined;
      const next = text[++i];
      out += ESCAPES[next] ?? next;
    } else {
      out += ch;
    }
  }
  return out;
}

const ESCAPES: Record<string, string> = {
  "0": "\u0000",
  b: "\b",
  n: "\n",
  r: "\r",
  t: "\t",
  Z: "\u001a",
  // `\%` and `\_` keep their backslash outside LIKE patterns.
  "%": "\\%",
  _: "\\_",
};
