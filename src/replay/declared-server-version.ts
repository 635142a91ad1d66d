import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Dialect } from "../dialects/dialect";
import { ConfigError } from "../errors";
import { ancestorsOf, topological } from "../revisions/graph";
import type { Revisions } from "../runner/revisions";

/** The user's server version, when offline work cannot ask it, and where it was found. */
export interface DeclaredServerVersion {
  readonly version: string;
  /** "--server-version", "the config's serverVersion", or the migration file whose header names it. */
  readonly from: string;
}

/**
 * What the user's server is, without connecting to it: the flag, else the config's
 * `serverVersion`, else the `Server:` line of the newest migration generated against it (walking
 * down from the heads). Undefined when nothing says.
 */
export function declaredServerVersion(
  dialect: Dialect,
  revisions: Revisions,
  cwd: string,
  given: { readonly flag?: string; readonly config?: string },
): DeclaredServerVersion | undefined {
  if (given.flag !== undefined) return { version: checkServerVersion(dialect, given.flag, "--server-version"), from: "--server-version" };
  if (given.config !== undefined) return { version: checkServerVersion(dialect, given.config, "the config's serverVersion"), from: "the config's serverVersion" };
  const { graph, scripts } = revisions;
  const newestFirst = topological(graph, ancestorsOf(graph, graph.heads)).reverse();
  for (const id of newestFirst) {
    const script = scripts.get(id);
    if (!script || !/\.[cm]?[jt]s$/.test(script.file)) continue;
    let source: string;
    try {
      source = readFileSync(resolve(cwd, script.file), "utf8");
    } catch {
      continue;
    }
    // The generated header (templates/migration.ts.tmpl): " * Server: PostgreSQL 15.4".
    const line = /^\s*\*\s*Server:\s*(.+?)\s*$/m.exec(source.slice(0, 2000))?.[1];
    if (line && dialect.describeServerVersion?.(line) !== undefined) return { version: line, from: script.file };
  }
  return undefined;
}

/**
 * `version`, unless the dialect cannot read a version in it: statements and ops depend on it, so
 * a given one that names none is refused (`from` says where it was given).
 */
export function checkServerVersion(dialect: Dialect, version: string, from: string): string {
  if (dialect.describeServerVersion && dialect.describeServerVersion(version) === undefined) {
    throw new ConfigError(
      `${from} "${version}" is not a ${dialect.name} server version`,
      `Write it as the server reports it (SELECT version()), e.g. ${dialect.offlineServerVersion ?? "16.4"}.`,
    );
  }
  return version;
}
