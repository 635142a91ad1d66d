import { planSteps, runSteps } from "../api/migrate";
import type { Connection } from "../dialects/dialect";
import { ancestorsOf, topological } from "../revisions/graph";
import { currentHeads, type Revisions } from "../runner/revisions";
import { unmanagedTables } from "../runner/version-table";
import type { Schema } from "../schema/types";

/** A replay database is nobody else's: its statements wait for no lock and retry nothing. */
export const NO_LOCK_WAITS = { lockTimeoutMs: 0, lockRetries: 0 } as const;

/** Applies `ids` on a replay database, with whatever they need that it does not have yet, parents first. */
export async function upgradeTo(conn: Connection, revisions: Revisions, ids: readonly string[]): Promise<void> {
  const heads = await currentHeads(conn, revisions);
  const done = ancestorsOf(revisions.graph, heads);
  const plan = topological(revisions.graph, new Set([...ancestorsOf(revisions.graph, ids)].filter((id) => !done.has(id))));
  await runSteps(conn, planSteps(revisions, "upgrade", heads, plan), {}, NO_LOCK_WAITS);
}

/** The schema the migrations built on a replay database: athanor's own tables and TypeORM's bookkeeping left out. */
export function replayedSchema(conn: Connection): Promise<Schema> {
  return conn.dialect.introspect(conn, { exclude: unmanagedTables() });
}
