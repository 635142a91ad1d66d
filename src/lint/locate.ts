import type { Op } from "../ops/types";

/**
 * Best-effort line numbers (1-based) of recorded ops in their migration file: the n-th op is looked
 * for after the (n-1)-th, as the call `.kind(` in a TypeScript file (the `op` methods are named
 * after the op kinds) or, in a SQL file, as the statement's first line of code. An op not found
 * (built in a loop, a helper) is put on the line of the one before it, or line 1.
 */
export function locateOps(source: string, ops: readonly Op[], direction: "upgrade" | "downgrade", sql: boolean): number[] {
  const lineAt = lineIndex(source);
  let cursor = sql ? 0 : functionStart(source, direction);
  let last = 1;
  return ops.map((op) => {
    const needle = sql && op.kind === "execute" ? firstCodeLine(op.sql) : `.${op.kind}(`;
    const at = needle ? source.indexOf(needle, cursor) : -1;
    if (needle === undefined || at < 0) return last;
    cursor = at + needle.length;
    last = lineAt(at);
    return last;
  });
}

/** Where `upgrade`/`downgrade` is defined (`function upgrade(`, `upgrade = async`, `upgrade: async`); 0 when not found. */
function functionStart(source: string, name: string): number {
  const m = new RegExp(`function\\s+${name}\\s*\\(|\\b${name}\\s*[=:]\\s*(?:async\\b)?`).exec(source);
  return m ? m.index : 0;
}

function firstCodeLine(sql: string): string | undefined {
  return sql
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l !== "" && !l.startsWith("--"));
}

function lineIndex(source: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
