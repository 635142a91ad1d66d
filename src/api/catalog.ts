import type { Project } from "../config/resolve-project";
import type { ConnectOptions, Connection, Dialect, LockBudget } from "../dialects/dialect";
import { NotAtHeadError } from "../errors";
import type { DataSourceLike } from "../models/typeorm/read-models";
import { ancestorsOf, topological, type RevisionGraph } from "../revisions/graph";
import { currentHeads, type Revisions } from "../runner/revisions";
import type { Schema } from "../schema/types";
import { countCatalogQueries, timed } from "../timings";
import { openDatabase } from "./session";

/** What the diff asks of a database, once the models are loaded. */
export interface CatalogRequest {
  readonly revisions: Revisions;
  /** Tables never read (athanor's own, TypeORM's bookkeeping, `synchronize: false` entities). */
  readonly exclude: readonly string[];
  /** Whether scope patterns name schemas, so the schema's name is wanted. */
  readonly scoped: boolean;
  /** Whether the lock budget is wanted (autogenerate may split a migration by it). */
  readonly lockBudget: boolean;
  /** The DataSource already loaded, and its dialect. */
  readonly known: { readonly ds: DataSourceLike; readonly dialect: Dialect };
}

/** A database's schema at the migrations' head(s), as the diff needs it. */
export interface Catalog {
  readonly dialect: Dialect;
  /** The version of the server the ops are written for (the live one; offline, the user's, as declared). */
  readonly serverVersion: string;
  readonly live: Schema;
  /** See Dialect.scopeSchemaName; read only for a scoped request. */
  readonly schemaName?: string;
  readonly lockBudget?: LockBudget;
}

/** Where a diff reads its catalog: the project's database (`liveCatalog`), or a replay of the migrations (src/replay/). */
export type CatalogSource = (request: CatalogRequest) => Promise<Catalog>;

/** The project's own database, read-only; `ifMissing` as in ConnectOptions. */
export function liveCatalog(project: Project, ifMissing: NonNullable<ConnectOptions["ifMissing"]> = "fail"): CatalogSource {
  return async (request) => {
    const conn = await timed("connect", () => openDatabase(project, request.known, ifMissing));
    try {
      return await readCatalog(conn, request);
    } finally {
      await conn.close();
    }
  };
}

/**
 * The catalog behind `conn`, which must be at the migrations' head(s): every head, when the
 * history has several, so the diff sees every branch's changes (as in Alembic). `serverVersion`:
 * the server the ops are for, when it is not the one behind `conn` (an embedded replay).
 */
export async function readCatalog(conn: Connection, request: CatalogRequest, serverVersion = conn.serverVersion): Promise<Catalog> {
  const { revisions } = request;
  const want = [...revisions.graph.heads];
  const heads = await currentHeads(conn, revisions);
  if ([...heads].sort().join(",") !== want.join(",")) {
    const error = new NotAtHeadError(
      `the database is at ${heads.length ? heads.join(", ") : "base (no revision applied)"}, but the migrations' head${want.length > 1 ? "s are" : " is"} ${want.length ? want.join(", ") : "base"}`,
      `Run \`athanor upgrade ${want.length > 1 ? "heads" : "head"}\` first, so the new migration is computed against the latest schema.`,
    );
    error.pending = pendingRevisions(revisions.graph, heads);
    throw error;
  }
  const schemaName = request.scoped ? await conn.dialect.scopeSchemaName?.(conn) : undefined;
  const queriesBefore = conn.queryCount;
  const live = await timed("introspect", () => conn.dialect.introspect(conn, { exclude: request.exclude }));
  countCatalogQueries(conn.queryCount - queriesBefore);
  // Asked only when the migration may be split, and only while a connection is open anyway.
  const lockBudget = request.lockBudget ? await conn.dialect.lockBudget?.read(conn) : undefined;
  return {
    dialect: conn.dialect,
    serverVersion,
    live,
    ...(schemaName !== undefined ? { schemaName } : {}),
    ...(lockBudget ? { lockBudget } : {}),
  };
}

/**
 * The revisions `upgrade heads` would apply, when the database is only behind: every applied
 * revision is known and lies below the heads. Undefined when it stands elsewhere (unknown
 * revisions, or a branch the files no longer have), which is not "behind" but a broken state.
 */
function pendingRevisions(graph: RevisionGraph, applied: readonly string[]): string[] | undefined {
  const all = ancestorsOf(graph, graph.heads);
  if (!applied.every((id) => all.has(id))) return undefined;
  const done = ancestorsOf(graph, applied);
  return topological(graph, new Set([...all].filter((id) => !done.has(id))));
}
