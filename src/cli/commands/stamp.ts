import { DEFAULT_LOCK_TIMEOUT_SECONDS } from "../../runner/migration-lock";
import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

type Args = CommonArgs & { revisions: string[]; purge?: boolean; "lock-timeout"?: number };

const list = (heads: readonly string[]) => (heads.length ? heads.join(", ") : "base");

export const stampCommand: Command<Args> = {
  command: "stamp <revisions..>",
  describe: "Set the version table to revision(s) (head, heads, base, or ids) without running any migration",
  builder: (y) =>
    withCommonOptions(y)
      .positional("revisions", { type: "string", array: true, demandOption: true, describe: "Revision(s) the database's schema already matches" })
      .option("purge", { type: "boolean", default: false, describe: "Empty the version table first (drops revisions no file defines)" })
      .option("lock-timeout", { type: "number", default: DEFAULT_LOCK_TIMEOUT_SECONDS, describe: "Seconds to wait for another athanor migrating the same database" }),
  async run(args, output) {
    const { stamp } = await import("../../api/stamp");
    const result = await stamp(projectFrom(args), args.revisions.map(String), { purge: args.purge, lockTimeoutSeconds: args["lock-timeout"] });
    output.out(`Stamped the database at ${list(result.after)} (was ${list(result.before)}); no migration ran.`);
    return 0;
  },
};
