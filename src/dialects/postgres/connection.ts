import type { ConnectOptions, Connection, Dialect } from "../dialect";
import { ConnectionError } from "../../errors";
import { privilegeError } from "./privilege-error";
import { lockTableError } from "./lock-table-error";
import { describeConnectError } from "../describe-connect-error";

/** A single pg client; every statement goes through `query`, so `queryCount` counts them all. */
export async function connect(dialect: Dialect, options: ConnectOptions): Promise<Connection> {
  const host = options.host ?? "localhost";
  const port = options.port ?? 5432;
  const user = options.user ?? "postgres";
  const database = options.database ?? user;
  // The driver is loaded on connecting: commands that never connect (heads, lint, --sql) never load it.
  const { Client } = await import("pg");
  const client = new Client({
    host,
    port,
    user,
    password: options.password,
    database,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client that loses its server emits "error"; without a listener node would crash.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new ConnectionError(
      `cannot connect to PostgreSQL at ${host}:${port}/${database} as ${user}: ${describeConnectError(e, options.password, POSTGRES_CODES)}. ` +
        "Check the URL (host, port, database name) and the credentials, and that the server accepts connections.",
    );
  }
  let queryCount = 0;
  let serverVersion = "";
  const conn: Connection = {
    dialect,
    get queryCount() {
      return queryCount;
    },
    get serverVersion() {
      return serverVersion;
    },
    async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      queryCount++;
      const result = await client.query(sql, params ? [...params] : undefined).catch((e: unknown) => {
        throw privilegeError(e, user, sql) ?? lockTableError(e, sql) ?? e;
      });
      // A multi-statement string yields one result per statement; the last one is what callers want.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return (last?.rows ?? []) as T[];
    },
    async close() {
      await client.end();
    },
  };
  const rows = await conn.query<{ server_version: string }>("SHOW server_version");
  serverVersion = rows[0]?.server_version ?? "";
  return conn;
}

/** PostgreSQL's SQLSTATEs for the usual reasons a connection is refused. */
const POSTGRES_CODES: Readonly<Record<string, string>> = {
  "28P01": "authentication failed",
  "28000": "authentication failed",
  "3D000": "database does not exist",
};
