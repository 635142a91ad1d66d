import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

type Args = CommonArgs & { json?: boolean };

export const currentCommand: Command<Args> = {
  command: "current",
  describe: "Show the revision(s) the database is at, and any migration that failed partway",
  builder: (y) => withCommonOptions(y).option("json", { type: "boolean", default: false, describe: "Print JSON" }),
  async run(args, output) {
    const { currentState, describeFailure } = await import("../../api/current");
    const state = await currentState(projectFrom(args));
    if (args.json) {
      output.out(JSON.stringify({ current: state.heads.map((r) => r.revision), ...(state.failure ? { failure: state.failure } : {}) }));
      return 0;
    }
    if (state.heads.length === 0) output.out("base (no revision applied)");
    else for (const r of state.heads) output.out(`${r.revision}${r.isHead ? " (head)" : ""}`);
    if (state.failure) for (const line of describeFailure(state.failure, state.heads.map((h) => h.revision))) output.out(line);
    return 0;
  },
};
