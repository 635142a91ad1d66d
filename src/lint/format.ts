import type { LintFinding, LintResult } from "../api/lint";

export const LINT_FORMATS = ["text", "json", "github"] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

/** The lines `athanor lint` prints on stdout for `result`. */
export function formatLint(result: LintResult, format: LintFormat): string[] {
  const open = result.findings.filter((f) => f.ignoredBecause === undefined);
  const acknowledged = result.findings.length - open.length;
  switch (format) {
    case "json":
      return [JSON.stringify({ ...result, clean: open.length === 0 })];
    case "github":
      // Acknowledged findings are left out: an annotation asks for action, and they had it.
      return open.map(githubAnnotation);
    case "text": {
      const lines = open.map((f) => `${f.file}:${f.line}: ${f.rule}: ${f.message} (${f.revision} ${f.direction})`);
      const ack = acknowledged ? `; ${acknowledged} acknowledged by athanor-lint-ignore comments` : "";
      const scope = `${result.revisions.length} revision(s), ${result.dialect} ${result.serverVersion}`.trimEnd();
      lines.push(open.length === 0 ? `No findings in ${scope}${ack}.` : `${open.length} finding(s) in ${scope}${ack}.`);
      return lines;
    }
  }
}

/**
 * A GitHub Actions workflow command: `::warning file=F,line=N,title=RULE::MESSAGE`, with the
 * escapes the runner expects (% \r \n in the message; also : and , in properties).
 * https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions
 */
export function githubAnnotation(f: LintFinding): string {
  const data = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const prop = (s: string) => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  return `::warning file=${prop(f.file)},line=${f.line},title=${prop(f.rule)}::${data(`${f.message} (${f.revision} ${f.direction})`)}`;
}
