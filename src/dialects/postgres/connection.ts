import { Client } from "pg";
import type { ConnectOptions, Connection, Dialect } from "../dialect";
import { ConnectionError } from "../../errors";

/** A single pg client; every statement goes through `query`, so `queryCount` counts them all. */
export async function connect(dialect: Dialect, options: ConnectOptions): Promise<Connection> {
  const host = options.host ?? "localhost";
  const port = options.port ?? 5432;
  const user = options.user ?? "postgres";
  const database = options.database ?? user;
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
      `cannot connect to PostgreSQL at ${host}:${port}/${database} as ${user}: ${describe(e, options.password)}. ` +
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
      const result = await client.query(sql, params ? [...params] : undefined);
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

function describe(e: unknown, password: string | undefined): string {
  const err = e as { code?: string; message?: string };
  let text: string;
  switch (err.code) {
    case "ECONNREFUSED":
      text = "connection refused";
      break;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      text = "host not found";
      break;
    case "ETIMEDOUT":
      text = "connection timed out";
      break;
    case "28P01":
    case "28000":
      text = "authentication failed";
      break;
    case "3D000":
      text = "database does not exist";
      break;
    default:
      text = err.message || String(e);
  }
  if (password) text = text.split(password).join("***");
  return text;
}
