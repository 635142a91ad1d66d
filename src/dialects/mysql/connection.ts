import type { ConnectOptions, Connection, Dialect } from "../dialect";
import { ConnectionError } from "../../errors";
import { privilegeError } from "./privilege-error";
import { describeConnectError } from "../describe-connect-error";

/**
 * One mysql2 connection; every statement goes through `query`, so `queryCount` counts them all.
 * The same code serves MySQL and MariaDB (`mysql://` and `mariadb://` URLs give the same options).
 */
export async function connect(dialect: Dialect, options: ConnectOptions): Promise<Connection> {
  const host = options.host ?? "localhost";
  const port = options.port ?? 3306;
  const user = options.user ?? "root";
  const database = options.database;
  // The driver is loaded on connecting: commands that never connect (heads, lint, --sql) never load it.
  const { createConnection } = await import("mysql2/promise");
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
      `cannot connect to MySQL/MariaDB at ${host}:${port}/${database ?? ""} as ${user}: ${describeConnectError(e, options.password, MYSQL_CODES)}. ` +
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
      const [result] = await c.query(sql, params ? [...params] : undefined).catch((e: unknown) => {
        throw privilegeError(e, user, database, sql) ?? e;
      });
      return Array.isArray(result) ? (result as T[]) : [];
    },
    async close() {
      await c.end();
    },
  };
  return conn;
}

const MYSQL_CODES: Readonly<Record<string, string>> = {
  ER_ACCESS_DENIED_ERROR: "access denied (wrong user or password?)",
  ER_DBACCESS_DENIED_ERROR: "access denied (wrong user or password?)",
  ER_BAD_DB_ERROR: "database does not exist",
};
