import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

export const branchesCommand: Command<CommonArgs & { json?: boolean }> = {
  command: "branches",
  describe: "Show the branch points of the history and the branches leaving each",
  builder: (y) => withCommonOptions(y).option("json", { type: "boolean", default: false, describe: "Print JSON" }),
  async run(args, output) {
    const { branches } = await import("../../api/status");
    const points = branches(projectFrom(args));
    if (args.json) {
      output.out(JSON.stringify({ branchPoints: points.map((p) => ({ revision: p.branchPoint.revision, children: p.children.map((c) => c.revision), revisions: [p.branchPoint, ...p.children] })) }));
      return 0;
    }
    if (points.length === 0) output.out("No branch points: the history is a single line.");
    for (const { branchPoint, children } of points) {
      output.out(`${branchPoint.revision} (branchpoint), ${branchPoint.message ?? "(no message)"}`);
      for (const c of children) {
        const labels = c.branches.length ? ` (${c.branches.join(", ")})` : "";
        output.out(`    -> ${c.revision}${labels}${c.isHead ? " (head)" : ""}, ${c.message ?? "(no message)"}`);
      }
    }
    return 0;
  },
};
