import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Project } from "../config/resolve-project";
import type { Connection } from "../dialects/dialect";
import { readCatalog, type Catalog, type CatalogRequest, type CatalogSource } from "../api/catalog";
import { connectOptionsFromTypeorm, parseDatabaseUrl } from "../config/database-url";
import { migrateOn } from "../api/migrate";
import { MigrationFailedError } from "../errors";
import { ancestorsOf, topological } from "../revisions/graph";
import type { Revisions } from "../runner/revisions";
import { timed } from "../timings";
import { declaredServerVersion } from "./declared-server-version";
import { openReplayDatabase, type ReplayDatabase } from "./replay-database";
import { NO_LOCK_WAITS } from "./replay-upgrade";
import { imageKeys, readImage, readSnapshot, replayKey, writeImage, writeSnapshot, type ReplaySnapshot } from "./replay-cache";

export interface OfflineOptions {
  /** A server for a scratch database instead of the embedded engine (the only way on MySQL/MariaDB). */
  readonly scratchUrl?: string;
  /** --server-version: the user's server, which offline work cannot ask. */
  readonly serverVersion?: string;
  /** Reuse and keep replayed catalogs (default true). */
  readonly cache?: boolean;
  /** What the reader should know: the engine, the version difference, a cache hit. */
  readonly onNote?: (line: string) => void;
  /** Each migration as it is replayed. */
  readonly onProgress?: (line: string) => void;
}

/**
 * The catalog the migrations build, without the project's database: every migration from base to
 * head(s) replayed into an empty embedded (or scratch) database and read by the same introspector
 * as a live one. The result is cached by the migrations' checksums (replay-cache.ts).
 *
 * The ops are written for the user's server (declared-server-version.ts), not the embedded one:
 * where the two differ in major version, the note says so.
 */
export function offlineCatalog(project: Project, options: OfflineOptions = {}): CatalogSource {
  return async (request) => {
    const { revisions, known } = request;
    const dialect = known.dialect;
    const declared = declaredServerVersion(dialect, revisions, project.cwd, { flag: options.serverVersion, config: project.serverVersion });
    const order = replayOrder(revisions);
    const scripts = order.map((id) => ({ revision: id, checksum: revisions.scripts.get(id)!.checksum }));
    const key = replayKey({
      dialect: dialect.name,
      where: options.scratchUrl ?? "embedded",
      scripts,
      exclude: request.exclude,
      scoped: request.scoped,
      athanorVersion: ATHANOR_VERSION,
    });
    const cacheDir = join(project.cwd, "node_modules", ".cache", "athanor", "replay");
    const useCache = options.cache !== false;
    let snapshot = useCache ? readSnapshot(cacheDir, key) : undefined;
    let lockBudget: Catalog["lockBudget"];
    if (snapshot) {
      options.onNote?.(`Offline: ${snapshot.replayed} migration(s) replayed into ${snapshot.engine} earlier, unchanged since (cached).`);
    } else {
      // The longest replayed prefix of this history kept as a database image (embedded engines
      // only): a new revision on top of a known history replays just itself.
      const images = useCache && options.scratchUrl === undefined ? imageKeys({ dialect: dialect.name, scripts, athanorVersion: ATHANOR_VERSION }) : [];
      let start: { readonly image: Buffer; readonly applied: number } | undefined;
      for (let i = images.length - 1; i >= 0 && !start; i--) {
        const image = readImage(cacheDir, images[i]);
        if (image) start = { image, applied: i + 1 };
      }
      const db = await timed("connect", () => openReplayDatabase(dialect, { scratchUrl: options.scratchUrl, cwd: project.cwd, ...(start ? { image: start.image } : {}) }));
      try {
        const applied = start && db.fromImage ? start.applied : 0;
        const replayStarted = Date.now();
        await replayInto(db, revisions, options.onProgress);
        const replayMs = Date.now() - replayStarted;
        const read = await readCatalog(db.conn, request);
        snapshot = {
          engine: db.engine,
          engineVersion: db.conn.serverVersion,
          live: read.live,
          ...(read.schemaName !== undefined ? { schemaName: read.schemaName } : {}),
          replayed: order.length,
        };
        if (useCache) writeSnapshot(cacheDir, key, snapshot);
        // Saving an image costs about what replaying a few hundred statements does (PGlite dumps
        // its whole cluster; SQLite copies its pages): kept only when this replay took longer.
        if (db.save && images.length > 0 && applied < order.length && replayMs >= IMAGE_WORTH_MS) writeImage(cacheDir, images[images.length - 1], await db.save());
        options.onNote?.(
          applied > 0
            ? `Offline: replayed ${order.length - applied} migration(s) into ${db.engine}, on top of ${applied} replayed earlier.`
            : `Offline: replayed ${order.length} migration(s) into ${db.engine}.`,
        );
      } finally {
        await db.dispose();
      }
    }
    const serverVersion = declared?.version ?? snapshot.engineVersion;
    const schemaName = request.scoped && options.scratchUrl !== undefined ? userScopeSchemaName(project, request) ?? snapshot.schemaName : snapshot.schemaName;
    options.onNote?.(versionNote(dialect.describeServerVersion, snapshot, declared));
    // The budget of a server at its defaults: offline there is no server to ask.
    if (request.lockBudget) lockBudget = await dialect.lockBudget?.read(undefined);
    return {
      dialect,
      serverVersion,
      live: snapshot.live,
      ...(schemaName !== undefined ? { schemaName } : {}),
      ...(lockBudget ? { lockBudget } : {}),
    };
  };
}

/** The scope schema name of the project's own database, where a scratch database's would differ. */
function userScopeSchemaName(project: Project, request: CatalogRequest): string | undefined {
  const { ds, dialect } = request.known;
  const of = dialect.scratch?.scopeSchemaNameOf;
  if (!of) return undefined;
  const options = project.url ? parseDatabaseUrl(project.url, project.cwd).options : connectOptionsFromTypeorm(ds.options, dialect.name, project.cwd);
  return of(options);
}

/** Every revision from base to the head(s), parents first: the order `upgrade heads` applies them. */
export function replayOrder(revisions: Revisions): string[] {
  return topological(revisions.graph, ancestorsOf(revisions.graph, revisions.graph.heads));
}

/**
 * `upgrade heads` on the replay database. A statement the engine refuses (an extension PGlite
 * does not ship, a server-only feature) is reported with the migration and the statement.
 */
export async function replayInto(db: ReplayDatabase, revisions: Revisions, onProgress?: (line: string) => void): Promise<void> {
  let failed: string | undefined;
  const inner = db.conn;
  // Remembers the first statement the engine refused: the runner's error names the migration only
  // (and the runner's own bookkeeping statements come after it).
  const conn: Connection = {
    dialect: inner.dialect,
    get queryCount() {
      return inner.queryCount;
    },
    get serverVersion() {
      return inner.serverVersion;
    },
    query: async (sql, params) => {
      try {
        return await inner.query(sql, params);
      } catch (e) {
        failed ??= sql;
        throw e;
      }
    },
    close: () => inner.close(),
  };
  try {
    await migrateOn(conn, revisions, "upgrade", "heads", {
      onStep: (e) => {
        if (e.phase !== "start") return;
        failed = undefined;
        onProgress?.(`  replaying ${e.step.revision}${e.step.message ? ` ${e.step.message}` : ""}`);
      },
    }, NO_LOCK_WAITS);
  } catch (e) {
    if (!(e instanceof MigrationFailedError)) throw e;
    const firstLine = e.message.split("\n")[0];
    throw new MigrationFailedError(
      `offline replay into ${db.engine} failed: ${firstLine}${failed ? `\n  statement: ${failed}` : ""}`,
      db.embedded
        ? "The embedded engine cannot run this statement (an extension or feature only a real server has). Replay on a real server instead: --scratch-url URL (athanor creates a scratch database there and drops it afterwards)."
        : "Fix the migration: it fails on an empty database of this kind, so it would fail on any new environment too.",
    );
  }
}

function versionNote(describe: ((v: string) => string | undefined) | undefined, snapshot: ReplaySnapshot, declared: ReturnType<typeof declaredServerVersion>): string {
  const engine = describe?.(snapshot.engineVersion) ?? snapshot.engineVersion;
  if (!declared) return `Offline: the ops are written for ${engine}, the replay engine's version (set serverVersion in athanor.config.ts if your server's differs).`;
  const user = describe?.(declared.version) ?? declared.version;
  const major = (v: string) => /\d+/.exec(v)?.[0];
  const differs = major(describe?.(declared.version) ?? declared.version) !== major(engine) || user.split(" ")[0] !== engine.split(" ")[0];
  return differs
    ? `Offline: replayed on ${engine}, a different major version from your server, ${user} (from ${declared.from}); the ops are written for ${user}.`
    : `Offline: the ops are written for ${user} (from ${declared.from}).`;
}

/** A replay shorter than this is redone rather than saved as an image (see above). */
const IMAGE_WORTH_MS = Number(process.env.ATHANOR_REPLAY_IMAGE_MS ?? 1000);

/** athanor's version, from its package.json (two folders up from src/replay or dist/replay). */
const ATHANOR_VERSION = ((): string => {
  const file = join(__dirname, "..", "..", "package.json");
  try {
    return existsSync(file) ? String((JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version) : "unknown";
  } catch {
    return "unknown";
  }
})();
