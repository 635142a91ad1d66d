import { NotAtHeadError } from "../../errors";
import type { Command } from "../command";
import { projectFrom, withCommonOptions, withScopeOptions, type CommonArgs, type ScopeArgs } from "../common-options";
import { offlineSourceFrom, withOfflineOptions, type OfflineArgs } from "../offline-options";

export const checkCommand: Command<CommonArgs & ScopeArgs & OfflineArgs & { json?: boolean; strict?: boolean }> = {
  command: "check",
  describe: "Exit 0 when the entities match the database at head, 1 when a migration is needed, 2 on error",
  builder: (y) =>
    withOfflineOptions(withScopeOptions(withCommonOptions(y)))
      .option("json", { type: "boolean", default: false, describe: "Print JSON" })
      .option("strict", { type: "boolean", default: false, describe: "Fail (exit 2) when an applied migration file was edited since it ran" }),
  async run(args, output) {
    const { diffModels } = await import("../../api/revision");
    const { verifyAppliedMigrations } = await import("../../api/tampered");
    const { renderOp } = await import("../../render/render-op");
    const { describeUnmappedDrops, excludeTableFlag, keepConfigLines, keepIndexDeclaration } = await import("../../scope/keep-instructions");
    const { listHazards } = await import("../../ops/hazards");
    const project = projectFrom(args);
    // Edited files are warnings on stderr: stdout stays the diff (or the JSON document).
    const source = await offlineSourceFrom(project, args, output);
    // Offline there is no applied history to compare the files with.
    const tampered = source ? [] : await verifyAppliedMigrations(project, args.strict === true, (line) => output.err(line));
    let diff: Awaited<ReturnType<typeof diffModels>>;
    try {
      diff = await diffModels(project, undefined, undefined, "fail", false, source);
    } catch (e) {
      // Behind head is a mismatch the database can be brought out of (exit 1, as for changes), not
      // a failure to run: CI tells "someone forgot to upgrade" from "athanor could not run" (2).
      if (!(e instanceof NotAtHeadError) || e.pending === undefined) throw e;
      if (args.json) output.out(JSON.stringify({ upToDate: false, pendingRevisions: e.pending, operations: [], hazards: [], unmappedDrops: [], editedMigrations: tampered.map((t) => ({ revision: t.revision, file: t.file })) }));
      else {
        output.out(`The database is behind: ${e.pending.length} revision(s) not applied; run \`athanor upgrade heads\`:`);
        for (const id of e.pending) output.out(`  ${id}`);
      }
      return 1;
    }
    const { ops, unmappedDrops, notes } = diff;
    const hazards = listHazards(ops, { dialect: diff.dialect, serverVersion: diff.serverVersion });
    // What athanor saw but does not manage: never a silent "No changes".
    for (const note of notes) output.err(`warning: ${note}`);
    if (args.json) {
      output.out(
        JSON.stringify({
          upToDate: ops.length === 0,
          operations: ops,
          hazards,
          unmappedDrops: unmappedDrops.map((d) => ({
            ...d,
            ...(d.kind === "table" ? { keepFlag: excludeTableFlag(d.name) } : { keepDeclaration: keepIndexDeclaration(d.name) }),
            keepConfig: keepConfigLines([d]),
          })),
          editedMigrations: tampered.map((t) => ({ revision: t.revision, file: t.file })),
          notes,
        }),
      );
    } else if (ops.length === 0) output.out("No changes: the entities match the database.");
    else {
      output.out(`${ops.length} operation(s) needed; run \`athanor revision --autogenerate -m "..."\`:`);
      for (const op of ops) for (const line of renderOp(op).split("\n")) output.out(`  ${line}`);
      for (const line of describeUnmappedDrops(unmappedDrops)) output.out(line);
    }
    return ops.length === 0 ? 0 : 1;
  },
};
