import type { Command } from "../command";
import { withCommonOptions, type CommonArgs } from "../common-options";
import { runMigrateCommand, withMigrateOptions, type MigrateArgs } from "./migrate-options";

type Args = CommonArgs & MigrateArgs & { revision: string };

export const downgradeCommand: Command<Args> = {
  command: "downgrade <revision>",
  describe: "Revert migrations down to a revision (-N, base, or an id); with --sql, print the script for FROM:TO",
  builder: (y) => withMigrateOptions(withCommonOptions(y)).positional("revision", { type: "string", demandOption: true, describe: "Target revision (with --sql: FROM:TO)" }),
  run: (args, output) => runMigrateCommand("downgrade", args, output),
};
