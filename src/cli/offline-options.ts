import type { Argv } from "yargs";
import type { Project } from "../config/resolve-project";
import type { CatalogSource } from "../api/catalog";
import type { Output } from "./output";

/** The flags of the commands that can diff against replayed migrations instead of the database. */
export interface OfflineArgs {
  readonly offline?: boolean;
  readonly "scratch-url"?: string;
  readonly "server-version"?: string;
}

export function withOfflineOptions<T>(y: Argv<T>): Argv<T & OfflineArgs> {
  return y
    .option("offline", {
      type: "boolean",
      describe: "Diff against the migrations replayed into an embedded database (PGlite, in-memory SQLite) instead of the project's database; default: the config's `offline`",
    })
    .option("scratch-url", {
      type: "string",
      requiresArg: true,
      describe: "Replay on a scratch database created (and dropped) on this server instead of the embedded engine; implies --offline (the only way on MySQL/MariaDB)",
    })
    .option("server-version", {
      type: "string",
      requiresArg: true,
      describe: "With --offline: the server the ops are for (default: the config's serverVersion, else the newest migration's Server: line)",
    }) as Argv<T & OfflineArgs>;
}

/**
 * The catalog source the flags and the config ask for: undefined for the project's own database.
 * A --scratch-url without --offline means offline too: naming where to replay is asking for it.
 */
export async function offlineSourceFrom(project: Project, args: OfflineArgs, output: Output): Promise<CatalogSource | undefined> {
  const scratchUrl = args["scratch-url"] ?? project.scratchUrl;
  const offline = args.offline ?? (args["scratch-url"] !== undefined ? true : project.offline ?? false);
  if (!offline) return undefined;
  const { offlineCatalog } = await import("../replay/offline-catalog");
  return offlineCatalog(project, {
    ...(scratchUrl !== undefined ? { scratchUrl } : {}),
    ...(args["server-version"] !== undefined ? { serverVersion: args["server-version"] } : {}),
    cache: process.env.ATHANOR_REPLAY_CACHE !== "0",
    onNote: (line) => output.err(line),
    // Per-migration progress on a terminal only: logs and tests get the one summary line.
    ...(process.stderr.isTTY ? { onProgress: (line: string) => output.err(line) } : {}),
  });
}
