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
import { upgradeCommand } from "./commands/upgrade";
import { consoleOutput, reportError, type Output } from "./output";

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
] as readonly Command<never>[];

/** Runs the CLI and returns the exit code (also sets process.exitCode). */
export async function main(argv: readonly string[], output: Output = consoleOutput): Promise<number> {
  let code = 0;
  let cli = yargs([...argv])
    .scriptName("athanor")
    .strict()
    .demandCommand(1, "Name a command; `athanor --help` lists them.")
    .help()
    .fail((msg, err) => {
      if (err) throw err;
      output.err(`athanor: error: ${msg}`);
      output.err("  Run `athanor --help` for usage.");
      code = 2;
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
  process.exitCode = code;
  return code;
}
