import { diffModels } from "../../api/revision";
import { renderOp } from "../../render/render-op";
import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

export const checkCommand: Command<CommonArgs & { json?: boolean }> = {
  command: "check",
  describe: "Exit 0 when the entities match the database at head, 1 when a migration is needed, 2 on error",
  builder: (y) => withCommonOptions(y).option("json", { type: "boolean", default: false, describe: "Print JSON" }),
  async run(args, output) {
    const { ops } = await diffModels(projectFrom(args));
    if (args.json) output.out(JSON.stringify({ upToDate: ops.length === 0, operations: ops }));
    else if (ops.length === 0) output.out("No changes: the entities match the database.");
    else {
      output.out(`${ops.length} operation(s) needed; run \`athanor revision --autogenerate -m "..."\`:`);
      for (const op of ops) for (const line of renderOp(op).split("\n")) output.out(`  ${line}`);
    }
    return ops.length === 0 ? 0 : 1;
  },
};
