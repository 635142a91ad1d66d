import { AthanorError, redactSecrets } from "../errors";

/** Where the CLI writes: stdout for results, stderr for progress and errors. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/**
 * A reader that stops early (`athanor check | head -1`) closes stdout: what is left to print is
 * dropped and the command ends with the exit code it would have had, never an EPIPE crash.
 */
let stdoutClosed = false;
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  stdoutClosed = true;
});

export const consoleOutput: Output = {
  out: (line) => {
    if (!stdoutClosed) process.stdout.write(`${redactSecrets(line)}\n`);
  },
  err: (line) => process.stderr.write(`${redactSecrets(line)}\n`),
};

/** Prints an error the user can act on, and returns the exit code. Never prints a password. */
export function reportError(output: Output, error: unknown): number {
  if (error instanceof AthanorError) {
    output.err(`athanor: error: ${error.message}`);
    if (error.hint) output.err(`  ${error.hint}`);
    return error.exitCode;
  }
  const e = error as Error;
  output.err(`athanor: unexpected error: ${e?.stack ?? String(error)}`);
  output.err("  This is a bug in athanor; please report it with the command you ran.");
  return 2;
}
