import type { Project } from "../config/resolve-project";
import type { Connection } from "../dialects/dialect";
import { UnknownRevisionError } from "../errors";
import { ancestorsOf, buildGraph, headsOf, type RevisionGraph } from "../revisions/graph";
import { planDowngrade, planUpgrade } from "../revisions/targets";
import { loadMigrations, type MigrationScript } from "../runner/load-migrations";
import { runMigration, type Direction } from "../runner/run-migration";
import { createVersionTableSql, readHeads } from "../runner/version-table";
import { openDatabase } from "./session";

export interface Revisions {
  readonly scripts: ReadonlyMap<string, MigrationScript>;
  readonly graph: RevisionGraph;
}

export function loadRevisions(project: Project): Revisions {
  const list = loadMigrations(project.migrationsDir, project.cwd);
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

export interface StepReport {
  readonly direction: Direction;
  readonly revision: string;
  readonly message?: string;
  readonly ms: number;
}

/** Applies (or reverts) revisions up (down) to `target`, one transaction each where the database allows. */
export async function migrate(
  project: Project,
  direction: Direction,
  target: string,
  onStep: (event: { phase: "start" | "done"; step: StepReport }) => void = () => undefined,
): Promise<StepReport[]> {
  const revisions = loadRevisions(project);
  const conn = await openDatabase(project);
  try {
    const heads = await currentHeads(conn, revisions);
    const plan = direction === "upgrade" ? planUpgrade(revisions.graph, heads, target) : planDowngrade(revisions.graph, heads, target);
    if (plan.length === 0) return [];
    for (const sql of conn.dialect.runnerSetup ?? []) await conn.query(sql);
    await conn.query(createVersionTableSql(conn.dialect));
    const applied = ancestorsOf(revisions.graph, heads);
    let before = heads;
    const done: StepReport[] = [];
    for (const id of plan) {
      const script = revisions.scripts.get(id)!;
      if (direction === "upgrade") applied.add(id);
      else applied.delete(id);
      const after = headsOf(revisions.graph, applied);
      const step = { direction, revision: id, message: script.message, ms: 0 };
      onStep({ phase: "start", step });
      const result = await runMigration(conn, conn.dialect, script, direction, before, after);
      const report = { ...step, ms: result.ms };
      onStep({ phase: "done", step: report });
      done.push(report);
      before = after;
    }
    return done;
  } finally {
    await conn.close();
  }
}
