import type { Argv } from "yargs";
import type { Output } from "./output";

/** One CLI command: parse (builder), call the library, print. Returns the exit code. */
export interface Command<A = Record<string, unknown>> {
  readonly command: string;
  readonly describe: string;
  builder(y: Argv): Argv;
  run(args: A, output: Output): Promise<number>;
}
