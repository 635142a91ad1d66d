import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { parseDatabaseUrl, redactUrl } from "../config/database-url";
import type { Connection, Dialect } from "../dialects/dialect";
import { ConfigError, OfflineModeError } from "../errors";

/** Where migrations are replayed: `--scratch-url`, else the dialect's embedded engine. */
export interface ReplayTarget {
  /** A server URL on which a throwaway database is created, and dropped afterwards. */
  readonly scratchUrl?: string;
  /** Relative SQLite paths in the URL are read from here. */
  readonly cwd: string;
  /** Where the embedded engine may keep start-up state between runs (default: the project's athanor cache). */
  readonly cacheDir?: string;
  /** An embedded database saved earlier (ReplayDatabase.save) to start from. */
  readonly image?: Buffer;
}

/** An empty database that nobody else uses, for replaying migrations into. */
export interface ReplayDatabase {
  readonly conn: Connection;
  /** What it is, for a reader: "PGlite (PostgreSQL 18.7)", "scratch database athanor_scratch_1a2b… on postgres://…". */
  readonly engine: string;
  /** Whether it runs in this process (its server version is then not the user's server's). */
  readonly embedded: boolean;
  /** Whether it started from the given image (false: empty). */
  readonly fromImage: boolean;
  /** The embedded database as it is now, to start from later; absent where it cannot be saved. */
  save?(): Promise<Buffer>;
  /** Closes it and removes what was created; safe to call twice. */
  dispose(): Promise<void>;
}

/**
 * Opens an empty database of `dialect`'s kind: a scratch database on the `scratchUrl` server
 * (created here, dropped by `dispose`), else the dialect's embedded engine. A dialect without one
 * (MySQL/MariaDB) is refused with the flag that replaces it.
 */
export async function openReplayDatabase(dialect: Dialect, target: ReplayTarget): Promise<ReplayDatabase> {
  if (target.scratchUrl !== undefined) return openScratch(dialect, target.scratchUrl, target.cwd);
  if (!dialect.embedded) {
    throw new OfflineModeError(
      `${dialect.name === "mysql" ? "MySQL/MariaDB has" : `${dialect.name} has`} no embedded engine to replay the migrations into, so --offline needs a server`,
      `Give it a scratch database: --scratch-url ${dialect.name}://user:password@host:3306/any_database (athanor creates a new database on that server for the replay and drops it afterwards; the URL's own database is only used to connect).`,
    );
  }
  const embedded = await dialect.embedded({
    cacheDir: target.cacheDir ?? join(target.cwd, "node_modules", ".cache", "athanor"),
    ...(target.image ? { image: target.image } : {}),
  });
  const { conn, engine, fromImage, save } = embedded;
  let open = true;
  return {
    conn,
    engine,
    embedded: true,
    fromImage,
    ...(save ? { save: () => save.call(embedded) } : {}),
    async dispose() {
      if (open) await conn.close();
      open = false;
    },
  };
}

async function openScratch(dialect: Dialect, url: string, cwd: string): Promise<ReplayDatabase> {
  const parsed = parseDatabaseUrl(url, cwd);
  if (parsed.dialect !== dialect.name) {
    throw new ConfigError(
      `--scratch-url is a ${parsed.dialect} URL, but the project's database is ${dialect.name}`,
      `Point --scratch-url at a ${dialect.name} database: the migrations are replayed in a new one beside it.`,
    );
  }
  if (!dialect.scratch) throw new OfflineModeError(`${dialect.name} cannot make scratch databases`, "Replay with --offline on the embedded engine instead.");
  const scratch = dialect.scratch;
  // Unique per run: parallel runs (CI jobs, test workers) never share a scratch database.
  const name = `athanor_scratch_${randomBytes(6).toString("hex")}`;
  const options = await scratch.create(parsed.options, name);
  let conn: Connection;
  try {
    conn = await dialect.connect(options);
  } catch (e) {
    await scratch.drop(parsed.options, name).catch(() => undefined);
    throw e;
  }
  let open = true;
  return {
    conn,
    engine: `scratch database ${name} on ${redactUrl(url)}`,
    embedded: false,
    fromImage: false,
    async dispose() {
      if (!open) return;
      open = false;
      await conn.close().catch(() => undefined);
      await scratch.drop(parsed.options, name);
    },
  };
}
