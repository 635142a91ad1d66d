import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

export const showCommand: Command<CommonArgs & { revision: string; json?: boolean }> = {
  command: "show <revision>",
  describe: "Show a revision: id, parents, children, branch labels, dependencies, file and message",
  builder: (y) =>
    withCommonOptions(y)
      .positional("revision", { type: "string", demandOption: true, describe: "An id, a prefix, head, heads, LABEL@head, REV-N, ..." })
      .option("json", { type: "boolean", default: false, describe: "Print JSON" }),
  async run(args, output) {
    const { describeRevisionVerbose, show } = await import("../../api/status");
    const revs = show(projectFrom(args), args.revision);
    if (args.json) output.out(JSON.stringify({ revisions: revs }));
    else for (const r of revs) for (const l of describeRevisionVerbose(r)) output.out(l);
    return 0;
  },
};
