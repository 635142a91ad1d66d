import { migrate } from "../../api/migrate";
import { offlineSql } from "../../api/offline";
import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";
import { withMigrateOptions, type MigrateArgs } from "./migrate-options";

type Args = CommonArgs & MigrateArgs & { revision: string; strict?: boolean };

export const upgradeCommand: Command<Args> = {
  command: "upgrade [revision]",
  describe: "Apply migrations up to a revision (head, heads, +N, or an id); with --sql, print the script for [FROM:]TO",
  builder: (y) =>
    withMigrateOptions(withCommonOptions(y))
      .positional("revision", { type: "string", default: "head", describe: "Target revision (with --sql: [FROM:]TO, FROM defaulting to base)" })
      .option("strict", { type: "boolean", default: false, describe: "Refuse to run when an applied migration file was edited since" }),
  async run(args, output) {
    const project = projectFrom(args);
    const warn = (line: string) => output.err(line);
    if (args.sql) {
      output.out((await offlineSql(project, "upgrade", args.revision, { serverVersion: args["server-version"], transaction: args.transaction, onWarning: warn })).trimEnd());
      return 0;
    }
    const steps = await migrate(project, "upgrade", args.revision, {
      transaction: args.transaction,
      lockTimeoutSeconds: args["lock-timeout"],
      strict: args.strict,
      onWarning: warn,
      onStep: ({ phase, step }) => {
        if (phase === "start") output.err(`Running upgrade ${step.revision}${step.message ? ` (${step.message})` : ""} ...`);
        else output.err(`  done in ${step.ms} ms`);
      },
    });
    output.out(steps.length === 0 ? "Already at the target revision; nothing to do." : `Upgraded ${steps.length} revision(s).`);
    return 0;
  },
};
