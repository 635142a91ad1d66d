import type { Extensions } from "@electric-sql/pglite";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Connection, Dialect, EmbeddedDatabase, EmbeddedOptions } from "../dialect";
import { ConnectionError } from "../../errors";

/**
 * PostgreSQL compiled to WebAssembly and run in this process (PGlite, https://pglite.dev), for
 * `--offline`: a real PostgreSQL catalog, read by the same introspector, without a server. It is
 * loaded only here, so nothing else pays for its 25 MB.
 *
 * PGlite's build is one major version (its own, 18 in 0.5); `serverVersion` says which, and the
 * caller states the difference with the user's server. Its contrib extensions are offered at
 * start-up (offering one costs nothing until CREATE EXTENSION loads it); an extension it does not
 * ship (postgis…) fails that statement with PostgreSQL's own "is not available", which the
 * replay reports with the migration and statement.
 */
export async function openEmbedded(dialect: Dialect, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  let PGlite: typeof import("@electric-sql/pglite").PGlite;
  try {
    ({ PGlite } = await import("@electric-sql/pglite"));
  } catch (e) {
    throw new ConnectionError(
      `cannot load the embedded PostgreSQL (@electric-sql/pglite): ${(e as Error).message}`,
      "Reinstall athanor's dependencies (`npm install`), or replay on a server with --scratch-url postgres://…",
    );
  }
  const extensions = await contribExtensions();
  const fresh = freshDataDir(options.cacheDir);
  const create = (data: Buffer | undefined) =>
    PGlite.create({
      extensions,
      ...(data ? { loadDataDir: new Blob([data]) } : {}),
      // node-postgres' conventions, which the introspector and the runner were written against:
      // int8 stays a string (a bigint's digits), as `pg` returns it.
      parsers: { 20: (value: string) => value },
    });
  // The given image, else the kept empty cluster, else initdb; an image or cluster that does not
  // load (truncated, another PGlite build) falls through to the next.
  let db: Awaited<ReturnType<typeof create>> | undefined;
  let fromImage = false;
  if (options.image) db = await create(options.image).catch(() => undefined);
  if (db) fromImage = true;
  const saved = db ? undefined : fresh?.read();
  if (!db && saved) db = await create(saved).catch(() => undefined);
  if (!db) {
    db = await create(undefined);
    // initdb is most of a fresh start (about 2 s of 3): the empty cluster it makes is kept, and
    // the next start loads it instead (under 1 s).
    fresh?.write(Buffer.from(await (await db.dumpDataDir("gzip")).arrayBuffer()));
  }
  const pg = db;
  let queryCount = 0;
  const serverVersion = String((await pg.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "");
  const conn: Connection = {
    dialect,
    serverVersion,
    get queryCount() {
      return queryCount;
    },
    async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      queryCount++;
      if (params && params.length > 0) return (await pg.query<T>(sql, [...params])).rows;
      // The simple protocol takes several statements in one string, as `pg` does; the last
      // statement's rows are what callers want.
      const results = await pg.exec(sql);
      return (results[results.length - 1]?.rows ?? []) as T[];
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
  return {
    conn,
    engine: `PGlite (PostgreSQL ${serverVersion})`,
    fromImage,
    save: async () => Buffer.from(await (await pg.dumpDataDir("gzip")).arrayBuffer()),
  };
}

/**
 * Every contrib extension PGlite ships, by the module that registers it. Loaded in parallel: each
 * module is a few lines pointing at its archive, which is only read on CREATE EXTENSION.
 */
const CONTRIB = [
  "amcheck", "bloom", "btree_gin", "btree_gist", "citext", "cube", "dict_int", "dict_xsyn", "earthdistance",
  "fuzzystrmatch", "hstore", "intarray", "isn", "lo", "ltree", "moddatetime", "pg_trgm", "pgcrypto", "seg",
  "tablefunc", "tcn", "tsm_system_rows", "tsm_system_time", "unaccent", "uuid_ossp",
] as const;

async function contribExtensions(): Promise<Extensions> {
  const loaded = await Promise.all(
    CONTRIB.map(async (name) => {
      try {
        const mod = (await import(`@electric-sql/pglite/contrib/${name}`)) as Record<string, unknown>;
        return [name as string, mod[name]] as const;
      } catch {
        // A PGlite release without this extension: CREATE EXTENSION then says it is not available.
        return undefined;
      }
    }),
  );
  const vector = await import("@electric-sql/pglite/vector" as string).then((m: Record<string, unknown>) => m.vector).catch(() => undefined);
  const entries: (readonly [string, unknown] | undefined)[] = [...loaded, ["vector", vector]];
  return Object.fromEntries(entries.filter((e): e is readonly [string, unknown] => e !== undefined && e[1] !== undefined)) as Extensions;
}

/**
 * The empty cluster of this PGlite release, in `cacheDir`: keyed by the package's version, since
 * a data directory only loads into the release that made it. Undefined without a cache folder.
 */
function freshDataDir(cacheDir: string | undefined): { read(): Buffer | undefined; write(data: Buffer): void } | undefined {
  if (!cacheDir) return undefined;
  const version = pgliteVersion();
  if (!version) return undefined;
  const file = join(cacheDir, `pglite-${version}-initdb.tar.gz`);
  return {
    read() {
      try {
        return readFileSync(file);
      } catch {
        return undefined;
      }
    },
    write(data) {
      try {
        mkdirSync(cacheDir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, data);
        renameSync(tmp, file);
      } catch {
        // A read-only folder: every start runs initdb, slower but the same.
      }
    },
  };
}

/** The installed PGlite's version, from its package.json (its `exports` do not list that file). */
function pgliteVersion(): string | undefined {
  try {
    for (let dir = dirname(require.resolve("@electric-sql/pglite")); dir !== dirname(dir); dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
        if (pkg.name === "@electric-sql/pglite") return pkg.version;
      } catch {
        // no package.json here: look further up
      }
    }
  } catch {
    // not resolvable: the import above has already said so
  }
  return undefined;
}
