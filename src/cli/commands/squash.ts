import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

type Args = CommonArgs & { range: string; message: string; "rev-id"?: string; "scratch-url"?: string; json?: boolean };

export const squashCommand: Command<Args> = {
  command: "squash <range>",
  describe: "Replace the revisions START:END (a linear stretch) by one revision doing the same, proven by replay before anything is written",
  builder: (y) =>
    withCommonOptions(y)
      .positional("range", { type: "string", demandOption: true, describe: "START:END, the oldest and newest revision to squash (inclusive)" })
      .option("message", { alias: "m", type: "string", demandOption: true, requiresArg: true, describe: "What the squashed revision is" })
      .option("rev-id", { type: "string", requiresArg: true, describe: "Use this revision id instead of a random one" })
      .option("scratch-url", {
        type: "string",
        requiresArg: true,
        describe: "Record and prove on a scratch database created (and dropped) on this server instead of the embedded engine (the only way on MySQL/MariaDB)",
      })
      .option("json", { type: "boolean", default: false, describe: "Print the result as JSON" }),
  async run(args, output) {
    const { squash } = await import("../../api/squash");
    const project = projectFrom(args);
    const r = await squash(project, {
      range: String(args.range),
      message: args.message,
      ...(args["rev-id"] !== undefined ? { revisionId: args["rev-id"] } : {}),
      ...(args["scratch-url"] ?? project.scratchUrl ? { scratchUrl: args["scratch-url"] ?? project.scratchUrl } : {}),
    });
    if (args.json) {
      output.out(JSON.stringify(r, null, 2));
      return 0;
    }
    output.out(`Squashed ${r.squashed.length} revision(s) (${r.squashed[0].revision} to ${r.squashed[r.squashed.length - 1].revision}) into ${r.revision}: ${r.file}`);
    output.out(
      `  proven on ${r.provenOn}: the same schema as the old revisions${r.irreversible === undefined ? `, and its downgrade returns to ${r.parents.length ? r.parents.join(", ") : "base"}` : " (its downgrade throws: a revision of the range cannot be downgraded)"}`,
    );
    output.out(`  ${r.upgradeOps} upgrade op(s), ${r.downgradeOps} downgrade op(s)`);
    for (const f of r.removed) output.out(`  removed ${f}`);
    for (const c of r.repointed) output.out(`  ${c.file}: ${c.exports.join(" and ")} now ${r.revision}`);
    for (const line of r.guidance) output.out(line);
    return 0;
  },
};
