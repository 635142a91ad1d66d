/**
 * The graph exports of a TypeScript migration file (`revision`, `downRevision`, `branchLabels`,
 * `dependsOn`, `transactional`), read from its text without compiling or running it, for the
 * commands that only read the revision graph (heads, history, show, branches): requiring a
 * thousand files costs far more than reading them.
 *
 * Only the form the generator writes (templates/migration.ts.tmpl, src/render/migration-file.ts)
 * is read, line by line, as prettier lays it out: top-level statements start in column 0, and
 * are comments, `import type` lines, `export const NAME = LITERAL;` for those five names, with
 * a string, null, true/false or a list of strings as the literal, and the two
 * `export async function upgrade/downgrade` declarations, whose bodies are indented and end with
 * a `}` line. Anything else (another statement, a value import, a computed or annotated value, a
 * name declared twice, a function missing) gives undefined: the caller then requires the file,
 * so it gets exactly the values and errors it always had.
 *
 * What reading cannot see is an error inside a function body; it shows when the body is run.
 */

const GRAPH_EXPORTS = new Set(["revision", "downRevision", "branchLabels", "dependsOn", "transactional"]);

/** The file's graph exports (absent ones absent), or undefined when the file is not in the generator's form. */
export function staticExports(source: string): Record<string, unknown> | undefined {
  const lines = source.split(/\r?\n/);
  const exports: Record<string, unknown> = {};
  const functions = new Set<string>();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "" || line.startsWith("//")) {
      i++;
    } else if (line.startsWith("/*")) {
      while (i < lines.length && !lines[i].includes("*/")) i++;
      // Code after the comment on its last line would go unread.
      if (i === lines.length || !/\*\/\s*$/.test(lines[i])) return undefined;
      i++;
    } else if (/^import type [^;]*;?$/.test(line)) {
      i++;
    } else if (line.startsWith("export const ")) {
      // A list broken over several lines ends with a `];` line (`]` without semicolons).
      let end = i;
      if (/= \[$/.test(line)) while (end < lines.length && lines[end] !== "];" && lines[end] !== "]") end++;
      if (end === lines.length) return undefined;
      const declared = /^export const (\w+) = ([^]*?);?$/.exec(lines.slice(i, end + 1).join("\n"));
      if (!declared || !GRAPH_EXPORTS.has(declared[1]) || declared[1] in exports) return undefined;
      const value = literal(declared[2]);
      if (value === NOT_A_LITERAL) return undefined;
      exports[declared[1]] = value;
      i = end + 1;
    } else {
      const fn = /^export async function (upgrade|downgrade)\(/.exec(line);
      if (!fn || functions.has(fn[1])) return undefined;
      functions.add(fn[1]);
      // A signature too long for one line goes on over indented lines and a last one starting
      // with `}` (`}: MigrationContext): Promise<void> {`); none holds a `;` (an overload would).
      let open = i;
      while (open < lines.length && !/\)(:.*)? \{$/.test(lines[open])) open++;
      if (open === lines.length) return undefined;
      for (let k = i; k <= open; k++) {
        if (lines[k].includes(";") || (k > i && !/^(\s|\})/.test(lines[k]))) return undefined;
      }
      i = open + 1;
      // The body: indented or empty lines up to the closing `}` in column 0.
      while (i < lines.length && lines[i] !== "}") {
        if (!/^(\s|$)/.test(lines[i])) return undefined;
        i++;
      }
      if (i === lines.length) return undefined;
      i++;
    }
  }
  return functions.size === 2 ? exports : undefined;
}

const NOT_A_LITERAL = Symbol("not a literal");

/** A string, null, true/false or a list of strings written as a literal; NOT_A_LITERAL for anything else. */
function literal(text: string): unknown {
  const t = text.trim();
  if (t === "null") return null;
  if (t === "true") return true;
  if (t === "false") return false;
  if (t.startsWith("[") && t.endsWith("]")) {
    const items = t.slice(1, -1).trim().replace(/,$/, "");
    if (items === "") return [];
    const values = items.split(",").map(stringLiteral);
    return values.includes(NOT_A_LITERAL) ? NOT_A_LITERAL : values;
  }
  return stringLiteral(t);
}

/**
 * "…" or '…' holding no quote, backslash or comma (ids and labels never do): the value is the
 * text between the quotes. Anything else is left to the real compiler.
 */
function stringLiteral(text: string): string | typeof NOT_A_LITERAL {
  const m = /^\s*(["'])([^"'\\,\n]*)\1\s*$/.exec(text);
  return m ? m[2] : NOT_A_LITERAL;
}
