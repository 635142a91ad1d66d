import yargs from "yargs";
import type { Command } from "./command";
import { branchesCommand } from "./commands/branches";
import { checkCommand } from "./commands/check";
import { downgradeCommand } from "./commands/downgrade";
import { initCommand } from "./commands/init";
import { mergeCommand } from "./commands/merge";
import { revisionCommand } from "./commands/revision";
import { showCommand } from "./commands/show";
import { currentCommand } from "./commands/current";
import { headsCommand, historyCommand } from "./commands/status";
import { stampCommand } from "./commands/stamp";
import { squashCommand } from "./commands/squash";
import { upgradeCommand } from "./commands/upgrade";
import { lintCommand } from "./commands/lint";
import { verifyCommand } from "./commands/verify";
import { consoleOutput, reportError, type Output } from "./output";
import { UsageError } from "../errors";
import { closestOptions } from "./closest-option";
import { enableTimings, printTimings, timingsFromEnvironment } from "../timings";

export const USAGE_HINT = "Run `athanor --help` (or `athanor COMMAND --help`) for usage. Nothing was run.";

const COMMANDS: readonly Command<never>[] = [
  initCommand,
  revisionCommand,
  upgradeCommand,
  downgradeCommand,
  currentCommand,
  headsCommand,
  historyCommand,
  branchesCommand,
  showCommand,
  mergeCommand,
  checkCommand,
  stampCommand,
  squashCommand,
  lintCommand,
  verifyCommand,
] as readonly Command<never>[];

/** Runs the CLI and returns the exit code (also sets process.exitCode). */
export async function main(argv: readonly string[], output: Output = consoleOutput): Promise<number> {
  const fromEnv = timingsFromEnvironment();
  if (fromEnv.enabled || argv.includes("--timings")) enableTimings(fromEnv.json);
  let code = 0;
  let cli = yargs([...argv])
    .scriptName("athanor")
    .strict()
    .demandCommand(1, "Name a command; `athanor --help` lists them.")
    .option("timings", { type: "boolean", global: true, describe: "Print where the time went, by phase, on stderr (also ATHANOR_TIMINGS=1, or =json)" })
    .help()
    // A rejected command line must stop everything: throwing here keeps yargs from running the
    // command's handler after printing the error (it otherwise goes on, e.g. `stamp` with no
    // revision stamped base).
    .fail((msg, err) => {
      if (err) throw err;
      throw usageError(msg, knownOptions(argv[0]));
    });
  for (const c of COMMANDS) {
    cli = cli.command(c.command, c.describe, c.builder, async (args) => {
      code = await (c.run as (a: unknown, o: Output) => Promise<number>)(args, output);
    });
  }
  try {
    await cli.parseAsync();
  } catch (e) {
    code = reportError(output, e);
  }
  printTimings();
  process.exitCode = code;
  return code;
}

/** The usage error for yargs' message, naming the closest valid options for an unknown one. */
/** The options (and aliases) the named command accepts, for suggestions; the global ones otherwise. */
function knownOptions(commandName: string | undefined): string[] {
  const command = COMMANDS.find((c) => c.command.split(" ")[0] === commandName);
  const y = command ? command.builder(yargs([])) : yargs([]);
  const opts = (y as unknown as { getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]> } }).getOptions();
  return [...Object.keys(opts.key), ...Object.values(opts.alias).flat()].filter((k) => k !== "$0" && k !== "_");
}

/** The usage error for yargs' message, naming the closest valid options for an unknown one. */
export function usageError(message: string, known: readonly string[]): UsageError {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  const hints: string[] = [];
  if (unknown) {
    for (const name of unknown[1].split(", ")) {
      const close = closestOptions(name, known);
      if (close.length > 0) hints.push(`--${name}: did you mean ${close.map((c) => `--${c}`).join(" or ")}?`);
    }
  }
  return new UsageError(message, [...hints, USAGE_HINT].join("\n  "));
}
