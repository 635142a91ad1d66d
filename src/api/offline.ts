import { parseDatabaseUrl } from "../config/database-url";
import type { Project } from "../config/resolve-project";
import type { Dialect } from "../dialects/dialect";
import { getDialect } from "../dialects";
import { ConfigError } from "../errors";
import { ancestorsOf, topological, type RevisionGraph } from "../revisions/graph";
import { planDowngrade, planUpgrade, resolveRevisions } from "../revisions/targets";
import { offlineScript, replaySchema } from "../runner/offline-script";
import type { Direction } from "../runner/run-migration";
import { transactionModeNote, type TransactionMode } from "../runner/transaction-units";
import { loadRevisions, planSteps } from "./migrate";
import { userDataSource } from "./session";
import { checkServerVersion } from "../replay/declared-server-version";

export interface OfflineOptions {
  /** The server version the script is written for (default: the config's serverVersion, else the dialect's offlineServerVersion). */
  readonly serverVersion?: string;
  readonly transaction?: TransactionMode;
  readonly onWarning?: (line: string) => void;
}

/**
 * The SQL script of `upgrade --sql [FROM:]TO` or `downgrade --sql FROM:TO`, written without
 * connecting: the dialect comes from the URL's scheme or the DataSource's type, and the schema
 * at FROM is replayed from the migrations below it.
 */
export async function offlineSql(project: Project, direction: Direction, range: string, options: OfflineOptions = {}): Promise<string> {
  const dialect = offlineDialect(project);
  const revisions = loadRevisions(project);
  const { graph } = revisions;
  const [fromSpec, toSpec] = splitRange(direction, range);
  const from = resolveFrom(graph, fromSpec);
  const plan = direction === "upgrade" ? planUpgrade(graph, from, toSpec) : planDowngrade(graph, from, toSpec);
  const serverVersion = offlineServerVersion(dialect, options.serverVersion, project.serverVersion);
  const mode = options.transaction ?? "each";
  const note = transactionModeNote(mode, dialect.capabilities(serverVersion).transactionalDdl, dialect.name);
  if (note) options.onWarning?.(note);
  const below = topological(graph, ancestorsOf(graph, from)).map((id) => revisions.scripts.get(id)!);
  const schema = await replaySchema(dialect, below);
  return offlineScript(planSteps(revisions, direction, from, plan), {
    dialect,
    serverVersion,
    transaction: mode,
    schema,
    header: [
      `athanor ${direction} ${fromSpec ?? "base"}:${toSpec}, offline script for ${dialect.name} ${serverVersion}`.trimEnd(),
      plan.length ? `${plan.length} migration(s): ${plan.join(", ")}` : "nothing to do: the version table is already at the target",
      "Feed it to the database's own client; it was written without connecting to any database.",
    ],
  });
}

/** The dialect from --url's scheme (nothing connects), else from the DataSource's `type`. */
export function offlineDialect(project: Project): Dialect {
  if (project.url) return getDialect(parseDatabaseUrl(project.url, project.cwd).dialect);
  // Loads the DataSource module to read its `type`; it is never initialised.
  return userDataSource(project).dialect;
}

function splitRange(direction: Direction, range: string): [string | undefined, string] {
  const i = range.lastIndexOf(":");
  // `sqlite:`-like schemes are not revisions; an id never contains ':'.
  if (i < 0) {
    if (direction === "downgrade") {
      throw new ConfigError(
        `downgrade --sql needs FROM:TO, got "${range}"`,
        "Offline there is no database to ask where it is: write the starting revision too, e.g. `athanor downgrade --sql head:base`.",
      );
    }
    return [undefined, range];
  }
  const from = range.slice(0, i);
  const to = range.slice(i + 1);
  if (!from || !to) throw new ConfigError(`malformed revision range "${range}"`, "Write FROM:TO, e.g. `base:head` or `ae1027a6acf:head`.");
  return [from, to];
}

/** The heads the script starts from: `base` (none), or any identifier not relative to the database. */
function resolveFrom(graph: RevisionGraph, spec: string | undefined): string[] {
  return spec === undefined ? [] : resolveRevisions(graph, spec);
}

/**
 * --server-version, else the config's serverVersion, else the dialect's usual one. A given version
 * the dialect cannot read is refused: the script's statements depend on it.
 */
function offlineServerVersion(dialect: Dialect, flag: string | undefined, config: string | undefined): string {
  if (flag !== undefined) return checkServerVersion(dialect, flag, "--server-version");
  if (config !== undefined) return checkServerVersion(dialect, config, "the config's serverVersion");
  return dialect.offlineServerVersion ?? "";
}
