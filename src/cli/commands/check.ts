import { diffModels } from "../../api/revision";
import { verifyAppliedMigrations } from "../../api/tampered";
import { renderOp } from "../../render/render-op";
import type { Command } from "../command";
import { projectFrom, withCommonOptions, type CommonArgs } from "../common-options";

export const checkCommand: Command<CommonArgs & { json?: boolean; strict?: boolean }> = {
  command: "check",
  describe: "Exit 0 when the entities match the database at head, 1 when a migration is needed, 2 on error",
  builder: (y) =>
    withCommonOptions(y)
      .option("json", { type: "boolean", default: false, describe: "Print JSON" })
      .option("strict", { type: "boolean", default: false, describe: "Fail (exit 2) when an applied migration file was edited since it ran" }),
  async run(args, output) {
    const project = projectFrom(args);
    // Edited files are warnings on stderr: stdout stays the diff (or the JSON document).
    const tampered = await verifyAppliedMigrations(project, args.strict === true, (line) => output.err(line));
    const { ops, notes } = await diffModels(project);
    for (const note of notes) output.err(`warning: ${note}`);
    if (args.json) output.out(JSON.stringify({ upToDate: ops.length === 0, operations: ops, editedMigrations: tampered.map((t) => ({ revision: t.revision, file: t.file })) }));
    else if (ops.length === 0) output.out("No changes: the entities match the database.");
    else {
      output.out(`${ops.length} operation(s) needed; run \`athanor revision --autogenerate -m "..."\`:`);
      for (const op of ops) for (const line of renderOp(op).split("\n")) output.out(`  ${line}`);
    }
    return ops.length === 0 ? 0 : 1;
  },
};
