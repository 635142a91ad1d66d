import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

type Args = CommonArgs & { revisions: string[]; message: string; "rev-id"?: string; "branch-label"?: string[] };

export const mergeCommand: Command<Args> = {
  command: "merge <revisions..>",
  describe: "Write a merge revision joining several revisions (`heads`: all heads) into one head",
  builder: (y) =>
    withCommonOptions(y)
      .positional("revisions", { type: "string", array: true, demandOption: true, describe: "Revisions to merge, or `heads`" })
      .option("message", { alias: "m", type: "string", demandOption: true, describe: "What the merge is" })
      .option("rev-id", { type: "string", describe: "Use this revision id instead of a random one" })
      .option("branch-label", { type: "string", array: true, describe: "Label the merged branch" }),
  async run(args, output) {
    const { createMerge } = await import("../../api/merge");
    const r = await createMerge(projectFrom(args), { revisions: args.revisions, message: args.message, revisionId: args["rev-id"], branchLabels: args["branch-label"] });
    output.out(`Generated ${r.file} (merges ${r.parents.join(", ")})`);
    return 0;
  },
};
