import type { Command } from "../command";
import { withCommonOptions, type CommonArgs } from "../common-options";
import { runMigrateCommand, withMigrateOptions, type MigrateArgs } from "./migrate-options";

type Args = CommonArgs & MigrateArgs & { revision: string; strict?: boolean };

export const upgradeCommand: Command<Args> = {
  command: "upgrade [revision]",
  describe: "Apply migrations up to a revision (head, heads, +N, or an id); with --sql, print the script for [FROM:]TO",
  builder: (y) =>
    withMigrateOptions(withCommonOptions(y))
      .positional("revision", { type: "string", default: "head", describe: "Target revision (with --sql: [FROM:]TO, FROM defaulting to base)" })
      .option("strict", { type: "boolean", default: false, describe: "Refuse to run when an applied migration file was edited since" }),
  run: (args, output) => runMigrateCommand("upgrade", args, output),
};
