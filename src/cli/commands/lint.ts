import { LINT_FORMATS, formatLint, type LintFormat } from "../../lint/format";
import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

type Args = CommonArgs & { range?: string; format: LintFormat; "server-version"?: string };

export const lintCommand: Command<Args> = {
  command: "lint [range]",
  describe: "Check migration files for risky steps without a database (exit 0 clean, 1 findings, 2 error)",
  builder: (y) =>
    withCommonOptions(y)
      .positional("range", { type: "string", describe: "A revision (REV), or START:END as for `history -r`; default: every revision" })
      .option("format", { choices: LINT_FORMATS, default: "text" as LintFormat, describe: "text, json, or github (GitHub Actions annotations)" })
      .option("server-version", { type: "string", describe: "The server version to judge for (default: the dialect's usual one, as for --sql)" }),
  async run(args, output) {
    const { lintMigrations } = await import("../../api/lint");
    const result = await lintMigrations(projectFrom(args), { range: args.range, serverVersion: args["server-version"] });
    for (const line of formatLint(result, args.format)) output.out(line);
    return result.findings.some((f) => f.ignoredBecause === undefined) ? 1 : 0;
  },
};
