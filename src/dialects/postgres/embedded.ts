import type { Extensions } from "@electric-sql/pglite";
import type { Connection, Dialect, EmbeddedDatabase } from "../dialect";
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
export async function openEmbedded(dialect: Dialect): Promise<EmbeddedDatabase> {
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
  const db = await PGlite.create({
    extensions,
    // node-postgres' conventions, which the introspector and the runner were written against:
    // int8 stays a string (a bigint's digits), as `pg` returns it.
    parsers: { 20: (value: string) => value },
  });
  let queryCount = 0;
  const serverVersion = String((await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "");
  const conn: Connection = {
    dialect,
    serverVersion,
    get queryCount() {
      return queryCount;
    },
    async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      queryCount++;
      if (params && params.length > 0) return (await db.query<T>(sql, [...params])).rows;
      // The simple protocol takes several statements in one string, as `pg` does; the last
      // statement's rows are what callers want.
      const results = await db.exec(sql);
      return (results[results.length - 1]?.rows ?? []) as T[];
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
  return { conn, engine: `PGlite (PostgreSQL ${serverVersion})` };
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
