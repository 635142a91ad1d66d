import { migrate } from "../../api/migrate";
import { offlineSql } from "../../api/offline";
import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";
import { withMigrateOptions, type MigrateArgs } from "./migrate-options";

type Args = CommonArgs & MigrateArgs & { revision: string };

export const downgradeCommand: Command<Args> = {
  command: "downgrade <revision>",
  describe: "Revert migrations down to a revision (-N, base, or an id); with --sql, print the script for FROM:TO",
  builder: (y) => withMigrateOptions(withCommonOptions(y)).positional("revision", { type: "string", demandOption: true, describe: "Target revision (with --sql: FROM:TO)" }),
  async run(args, output) {
    const project = projectFrom(args);
    const warn = (line: string) => output.err(line);
    if (args.sql) {
      output.out((await offlineSql(project, "downgrade", args.revision, { serverVersion: args["server-version"], transaction: args.transaction, onWarning: warn })).trimEnd());
      return 0;
    }
    const steps = await migrate(project, "downgrade", args.revision, {
      transaction: args.transaction,
      lockTimeoutSeconds: args["lock-timeout"],
      onWarning: warn,
      onStep: ({ phase, step }) => {
        if (phase === "start") output.err(`Running downgrade ${step.revision}${step.message ? ` (${step.message})` : ""} ...`);
        else output.err(`  done in ${step.ms} ms`);
      },
    });
    output.out(steps.length === 0 ? "Already at the target revision; nothing to do." : `Downgraded ${steps.length} revision(s).`);
    return 0;
  },
};
