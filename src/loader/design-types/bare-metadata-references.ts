/**
 * tsc writes a class (or a global constructor such as Date) in decorator metadata as a bare
 * reference, `__metadata("design:type", user_1.User)`, which is `undefined` while a circular
 * import is still loading; swc guards it, `typeof _user.User === "undefined" ? Object : _user.User`,
 * and gives `Object` there. Inside swc's `_ts_metadata("design:…", …)` calls this drops the
 * guard, so the value is tsc's. Only used when every reference left in the file's metadata is
 * known to be declared (rewrite-design-types.ts decides), since a bare reference to a name that
 * does not exist would throw.
 */
export function bareMetadataReferences(code: string): string {
  const marker = '_ts_metadata("design:';
  let out = "";
  let at = 0;
  for (let start = code.indexOf(marker); start >= 0; start = code.indexOf(marker, at)) {
    const end = closingParen(code, start + "_ts_metadata".length);
    if (end < 0) break;
    out += code.slice(at, start) + code.slice(start, end).replace(GUARD, "$2");
    at = end;
  }
  return out + code.slice(at);
}

const NAME = String.raw`[\w$]+(?:\.[\w$]+)*`;
const GUARD = new RegExp(String.raw`(?:typeof (${NAME}) === "undefined" \|\| )*typeof (${NAME}) === "undefined" \? Object : \2(?![\w$.])`, "g");

/** Index just past the parenthesis that closes the one at `open` (metadata arguments hold no strings with parens). */
function closingParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const ch = code[i];
    if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") {
      depth--;
      if (depth === 0) return i + 1;
    } else if (ch === '"') {
      const close = code.indexOf('"', i + 1);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}
