import { current, describeRevision, heads, history } from "../../api/status";
import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

type Args = CommonArgs & { json?: boolean };

const withJson = (y: Parameters<Command["builder"]>[0]) => withCommonOptions(y).option("json", { type: "boolean", default: false, describe: "Print JSON" });

export const currentCommand: Command<Args> = {
  command: "current",
  describe: "Show the revision(s) the database is at",
  builder: withJson,
  async run(args, output) {
    const revs = await current(projectFrom(args));
    if (args.json) output.out(JSON.stringify({ current: revs.map((r) => r.revision) }));
    else if (revs.length === 0) output.out("base (no revision applied)");
    else for (const r of revs) output.out(`${r.revision}${r.isHead ? " (head)" : ""}`);
    return 0;
  },
};

export const headsCommand: Command<Args> = {
  command: "heads",
  describe: "Show the head revision(s) of the migration files",
  builder: withJson,
  async run(args, output) {
    const revs = heads(projectFrom(args));
    if (args.json) output.out(JSON.stringify({ heads: revs.map((r) => r.revision) }));
    else for (const r of revs) output.out(`${r.revision} (head)`);
    return 0;
  },
};

export const historyCommand: Command<Args> = {
  command: "history",
  describe: "List revisions, newest first",
  builder: withJson,
  async run(args, output) {
    const revs = history(projectFrom(args));
    if (args.json) output.out(JSON.stringify({ revisions: revs }));
    else if (revs.length === 0) output.out("No revisions yet.");
    else for (const r of revs) output.out(describeRevision(r));
    return 0;
  },
};
