import type { Argv } from "yargs";
import type { Output } from "./output";

/**
 * One CLI command: parse (builder), call the library, print. Returns the exit code.
 * `run` loads the use case it calls with `await import(...)`: main.ts registers every command, so
 * a top-level import here would make `--help` or `heads` load database drivers, the TypeScript
 * compiler and prettier that only other commands use.
 */
export interface Command<A = Record<string, unknown>> {
  readonly command: string;
  readonly describe: string;
  builder(y: Argv): Argv;
  run(args: A, output: Output): Promise<number>;
}
