import { createRevision } from "../../api/revision";
import { ConfigError } from "../../errors";
import type { RenameHints } from "../../diff/renames";
import type { Command } from "../command";
import { describeUnmappedDrops } from "../../scope/keep-instructions";
import { projectFrom, withCommonOptions, withScopeOptions, type CommonArgs, type ScopeArgs } from "../common-options";
import { promptRenames } from "../prompt-renames";

type Args = CommonArgs & ScopeArgs & {
  message: string;
  autogenerate: boolean;
  "rev-id"?: string;
  "rename-table"?: string[];
  "rename-column"?: string[];
  head?: string;
  splice: boolean;
  "branch-label"?: string[];
  "depends-on"?: string[];
  interactive: boolean;
  online?: boolean;
};

export const revisionCommand: Command<Args> = {
  command: "revision",
  describe: "Create a migration file (--autogenerate: from the difference between entities and database)",
  builder: (y) =>
    withScopeOptions(withCommonOptions(y))
      .option("message", { alias: "m", type: "string", demandOption: true, describe: "What the migration does" })
      .option("autogenerate", { type: "boolean", default: false, describe: "Fill upgrade/downgrade from the entity/database diff" })
      .option("rev-id", { type: "string", describe: "Use this revision id instead of a random one" })
      .option("rename-table", { type: "string", array: true, describe: "OLD:NEW — a table renamed (kept, not dropped)" })
      .option("rename-column", { type: "string", array: true, describe: "TABLE.OLD:NEW — a column renamed (kept, not dropped)" })
      .option("head", { type: "string", describe: "Build on this head (an id, LABEL@head; `base` starts a new root)" })
      .option("splice", { type: "boolean", default: false, describe: "Allow --head to name a revision that is not a head (starts a branch)" })
      .option("branch-label", { type: "string", array: true, describe: "Label the branch this revision starts (for LABEL@head)" })
      .option("depends-on", { type: "string", array: true, describe: "Revisions (on other branches) to apply before this one" })
      .option("online", {
        type: "boolean",
        // The earlier opt-in flag: now the default, kept so scripts using it still run (and --online-indexes=false opts out).
        alias: "online-indexes",
        describe:
          "On existing tables, build/drop indexes without blocking writes (PostgreSQL CONCURRENTLY, MySQL LOCK=NONE), validate new foreign keys, checks and NOT NULL separately (PostgreSQL). Default: on (config `online`); --no-online opts out",
      })
      .option("interactive", {
        type: "boolean",
        default: process.stdin.isTTY === true,
        describe: "Ask about possible renames (default: when run in a terminal)",
      }),
  async run(args, output) {
    const result = await createRevision(projectFrom(args), {
      message: args.message,
      autogenerate: args.autogenerate,
      revisionId: args["rev-id"],
      renames: renameHints(args["rename-table"] ?? [], args["rename-column"] ?? []),
      head: args.head,
      splice: args.splice,
      branchLabels: args["branch-label"],
      dependsOn: args["depends-on"],
      resolveRenames: args.interactive ? promptRenames : undefined,
      ...(args.online !== undefined ? { online: args.online } : {}),
    });
    for (const note of result.notes) output.err(`warning: ${note}`);
    if (!result.file) {
      output.out("No changes in schema detected; no migration written.");
      return 0;
    }
    output.out(`Generated ${result.file}${args.autogenerate ? ` (${result.ops.length} operation(s))` : ""}`);
    // On stderr as well as in the file: a drop of data nobody modelled must not go unread.
    for (const line of describeUnmappedDrops(result.unmappedDrops)) output.err(line);
    return 0;
  },
};

function renameHints(tables: readonly string[], columns: readonly string[]): RenameHints {
  const t: Record<string, string> = {};
  for (const spec of tables) {
    const m = /^([^:]+):(.+)$/.exec(spec);
    if (!m) throw new ConfigError(`--rename-table ${spec}: expected OLD:NEW`, "Example: --rename-table device:devices");
    t[m[1]] = m[2];
  }
  const c: Record<string, Record<string, string>> = {};
  for (const spec of columns) {
    const m = /^([^.]+)\.([^:]+):(.+)$/.exec(spec);
    if (!m) throw new ConfigError(`--rename-column ${spec}: expected TABLE.OLD:NEW`, "Example: --rename-column devices.ip:ip_address");
    (c[m[1]] ??= {})[m[2]] = m[3];
  }
  return { tables: t, columns: c };
}
