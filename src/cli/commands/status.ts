import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

type Args = CommonArgs & { json?: boolean };

const withJson = (y: Parameters<Command["builder"]>[0]) => withCommonOptions(y).option("json", { type: "boolean", default: false, describe: "Print JSON" });

export const headsCommand: Command<Args & { verbose?: boolean }> = {
  command: "heads",
  describe: "Show the head revision(s) of the migration files",
  builder: (y) => withJson(y).option("verbose", { type: "boolean", default: false, describe: "Show parents, labels and file" }),
  async run(args, output) {
    const { describeRevisionVerbose, heads } = await import("../../api/status");
    const revs = heads(projectFrom(args));
    if (args.json) output.out(JSON.stringify({ heads: revs.map((r) => r.revision), revisions: revs }));
    else if (revs.length === 0) output.out("No revisions yet.");
    else if (args.verbose) for (const r of revs) for (const l of describeRevisionVerbose(r)) output.out(l);
    else for (const r of revs) output.out(`${r.revision}${r.branches.length ? ` (${r.branches.join(", ")})` : ""} (head)`);
    return 0;
  },
};

type HistoryArgs = Args & { rev?: string; verbose?: boolean; "indicate-current"?: boolean };

export const historyCommand: Command<HistoryArgs> = {
  command: "history",
  describe: "List revisions, newest first",
  builder: (y) =>
    withJson(y)
      .option("rev", { alias: "r", type: "string", describe: "Range START:END (either side optional), e.g. base:head, ae10:, -3:current" })
      .option("verbose", { type: "boolean", default: false, describe: "Show parents, branch labels, dependencies and file" })
      .option("indicate-current", { alias: "i", type: "boolean", default: false, describe: "Mark the revision(s) the database is at, and when each was applied (connects)" }),
  async run(args, output) {
    const { describeRevision, describeRevisionVerbose, history, historyFromDatabase, historyNeedsDatabase } = await import("../../api/status");
    const project = projectFrom(args);
    const options = { range: args.rev, indicateCurrent: args["indicate-current"] };
    const revs = historyNeedsDatabase(options) ? await historyFromDatabase(project, options) : history(project, args.rev);
    if (args.json) output.out(JSON.stringify({ revisions: revs }));
    else if (revs.length === 0) output.out(args.rev ? `No revisions in ${args.rev}.` : "No revisions yet.");
    else if (args.verbose) for (const r of revs) for (const l of describeRevisionVerbose(r)) output.out(l);
    else for (const r of revs) output.out(`${describeRevision(r)}${r.appliedAt ? ` [applied ${r.appliedAt}]` : ""}`);
    return 0;
  },
};
