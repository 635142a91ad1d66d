import { migrate } from "../../api/migrate";
import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

export const upgradeCommand: Command<CommonArgs & { revision: string }> = {
  command: "upgrade [revision]",
  describe: "Apply migrations up to a revision (head, heads, +N, or an id)",
  builder: (y) => withCommonOptions(y).positional("revision", { type: "string", default: "head", describe: "Target revision" }),
  async run(args, output) {
    const steps = await migrate(projectFrom(args), "upgrade", args.revision, ({ phase, step }) => {
      if (phase === "start") output.err(`Running upgrade ${step.revision}${step.message ? ` (${step.message})` : ""} ...`);
      else output.err(`  done in ${step.ms} ms`);
    });
    output.out(steps.length === 0 ? "Already at the target revision; nothing to do." : `Upgraded ${steps.length} revision(s).`);
    return 0;
  },
};
