import type { Project } from "../config/resolve-project";
import type { Connection } from "../dialects/dialect";
import { UnknownRevisionError } from "../errors";
import { buildGraph, type RevisionGraph } from "../revisions/graph";
import { timed } from "../timings";
import { loadMigrations, type LoadOptions, type MigrationScript } from "./load-migrations";
import { readHeads } from "./version-table";

/** The project's migrations and the graph they form. */
export interface Revisions {
  readonly scripts: ReadonlyMap<string, MigrationScript>;
  readonly graph: RevisionGraph;
}

/** The project's migrations; `graphOnly` when the caller runs none of them (see LoadOptions). */
export function loadRevisions(project: Project, options: LoadOptions = {}): Revisions {
  const list = timed("revisions", () => loadMigrations(project.migrationsDir, project.cwd, options));
  return { scripts: new Map(list.map((s) => [s.revision, s])), graph: buildGraph(list) };
}

/** The database's recorded heads, checked against the migration files. */
export async function currentHeads(conn: Connection, revisions: Revisions): Promise<string[]> {
  const heads = await readHeads(conn, conn.dialect);
  for (const h of heads) {
    if (!revisions.graph.nodes.has(h)) {
      throw new UnknownRevisionError(
        `the database is at revision ${h}, which no migration file in ${revisions.graph.nodes.size ? "the versions folder" : "this project"} defines`,
        "Restore that migration file (check out the branch that has it), or `athanor stamp` the database to a known revision.",
      );
    }
  }
  return heads;
}
