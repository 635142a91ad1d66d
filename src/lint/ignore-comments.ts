/**
 * `// athanor-lint-ignore RULE[, RULE…]: reason` (SQL: `-- athanor-lint-ignore …`) in the comment
 * block right above an op acknowledges those rules for that op. The reason is required: a comment
 * without one acknowledges nothing, and the finding says so.
 */
export interface IgnoreComment {
  readonly rules: readonly string[];
  /** Empty when the comment gives none (then it does not count). */
  readonly reason: string;
  readonly line: number;
}

const MARKER = /^(?:\/\/|--|\/?\*+)\s*athanor-lint-ignore\s+([^:]*?)\s*(?::\s*(.*?))?\s*(?:\*\/)?$/;

/** The ignore comments in the comment lines directly above `line` (1-based) of `lines`. */
export function ignoresAbove(lines: readonly string[], line: number): IgnoreComment[] {
  const out: IgnoreComment[] = [];
  for (let i = line - 2; i >= 0; i--) {
    const text = lines[i].trim();
    if (!isComment(text)) break;
    const m = MARKER.exec(text);
    if (m) out.push({ rules: m[1].split(/[\s,]+/).filter(Boolean), reason: (m[2] ?? "").trim(), line: i + 1 });
  }
  return out;
}

function isComment(text: string): boolean {
  return text.startsWith("//") || text.startsWith("--") || text.startsWith("/*") || text.startsWith("*");
}
