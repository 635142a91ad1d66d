import { migrate } from "../../api/migrate";
import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

export const downgradeCommand: Command<CommonArgs & { revision: string }> = {
  command: "downgrade <revision>",
  describe: "Revert migrations down to a revision (-N, base, or an id)",
  builder: (y) => withCommonOptions(y).positional("revision", { type: "string", demandOption: true, describe: "Target revision" }),
  async run(args, output) {
    const steps = await migrate(projectFrom(args), "downgrade", args.revision, ({ phase, step }) => {
      if (phase === "start") output.err(`Running downgrade ${step.revision}${step.message ? ` (${step.message})` : ""} ...`);
      else output.err(`  done in ${step.ms} ms`);
    });
    output.out(steps.length === 0 ? "Already at the target revision; nothing to do." : `Downgraded ${steps.length} revision(s).`);
    return 0;
  },
};
