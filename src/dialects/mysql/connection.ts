import { createConnection } from "mysql2/promise";
import type { ConnectOptions, Connection, Dialect } from "../dialect";
import { ConnectionError } from "../../errors";

/**
 * One mysql2 connection; every statement goes through `query`, so `queryCount` counts them all.
 * The same code serves MySQL and MariaDB (`mysql://` and `mariadb://` URLs give the same options).
 */
export async function connect(dialect: Dialect, options: ConnectOptions): Promise<Connection> {
  const host = options.host ?? "localhost";
  const port = options.port ?? 3306;
  const user = options.user ?? "root";
  const database = options.database;
  let client;
  try {
    client = await createConnection({
      host,
      port,
      user,
      password: options.password,
      database,
      connectTimeout: 10_000,
      // Catalog numbers (lengths up to 4294967295) and BIGINT values arrive as exact strings.
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
    });
  } catch (e) {
    throw new ConnectionError(
      `cannot connect to MySQL/MariaDB at ${host}:${port}/${database ?? ""} as ${user}: ${describe(e, options.password)}. ` +
        "Check the URL (host, port, database name) and the credentials, and that the server accepts connections.",
    );
  }
  // A connection that loses its server emits "error"; without a listener node would crash.
  client.on("error", () => undefined);
  const c = client;
  let queryCount = 0;
  const [versionRows] = await c.query("SELECT VERSION() AS v");
  const serverVersion = String((versionRows as { v: string }[])[0]?.v ?? "");
  const conn: Connection = {
    dialect,
    get queryCount() {
      return queryCount;
    },
    serverVersion,
    async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      queryCount++;
      // `query`, not `execute`: many DDL statements cannot be prepared.
      const [result] = await c.query(sql, params ? [...params] : undefined);
      return Array.isArray(result) ? (result as T[]) : [];
    },
    async close() {
      await c.end();
    },
  };
  return conn;
}

/** `mysql://` or `mariadb://` URL → ConnectOptions (user and password percent-decoded). */
export function connectOptionsFromUrl(url: string): ConnectOptions {
  const u = new URL(url);
  if (u.protocol !== "mysql:" && u.protocol !== "mariadb:") {
    throw new ConnectionError(
      `not a MySQL/MariaDB URL: ${u.protocol}//…`,
      "use mysql://user:password@host:port/database",
    );
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  return {
    host: u.hostname || undefined,
    port: u.port ? Number(u.port) : undefined,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database || undefined,
  };
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
    case "ER_ACCESS_DENIED_ERROR":
    case "ER_DBACCESS_DENIED_ERROR":
      text = "access denied (wrong user or password?)";
      break;
    case "ER_BAD_DB_ERROR":
      text = "database does not exist";
      break;
    default:
      text = err.message || String(e);
  }
  if (password) text = text.split(password).join("***");
  return text;
}
