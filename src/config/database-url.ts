import { isAbsolute, resolve } from "node:path";
import type { ConnectOptions, DialectName } from "../dialects/dialect";
import { ConfigError } from "../errors";

/** The dialect a TypeORM DataSource `type` means, or undefined for one athanor does not support. */
export function dialectOfTypeormType(type: string): DialectName | undefined {
  switch (type) {
    case "postgres":
    case "aurora-postgres":
      return "postgres";
    case "mysql":
    case "mariadb":
    case "aurora-mysql":
      return "mysql";
    case "better-sqlite3":
    case "sqlite":
      return "sqlite";
    default:
      return undefined;
  }
}

/**
 * Parses `postgres://user:pass@host:port/db`, `mysql://…`, `mariadb://…`, `sqlite:path/to.db`,
 * `sqlite:///abs/path.db` and `sqlite::memory:`. SQLite paths are relative to `cwd`.
 */
export function parseDatabaseUrl(url: string, cwd: string): { dialect: DialectName; options: ConnectOptions } {
  const scheme = /^([a-z0-9+]+):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "sqlite" || scheme === "better-sqlite3" || scheme === "file") {
    let path = url.slice(scheme.length + 1);
    if (path.startsWith("//")) path = path.slice(2);
    if (path === "" ) throw new ConfigError(`the SQLite URL "${url}" names no file`, "Write sqlite:path/to/file.db or sqlite:///absolute/path.db.");
    const filename = path === ":memory:" ? path : isAbsolute(path) ? path : resolve(cwd, path);
    return { dialect: "sqlite", options: { filename } };
  }
  const dialect = scheme === "postgres" || scheme === "postgresql" ? "postgres" : scheme === "mysql" || scheme === "mariadb" ? "mysql" : undefined;
  if (!dialect) {
    throw new ConfigError(
      `unsupported database URL "${redactUrl(url)}"`,
      "Use postgres://user:password@host:5432/db, mysql://user:password@host:3306/db, mariadb://… or sqlite:path/to/file.db.",
    );
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`malformed database URL "${redactUrl(url)}"`, "Check the URL's syntax (percent-encode special characters in the password).");
  }
  return {
    dialect,
    options: {
      // WHATWG keeps an IPv6 literal's brackets ("[::1]"); pg and mysql2 look that up as a name.
      host: u.hostname.replace(/^\[(.*)\]$/, "$1") || undefined,
      port: u.port ? Number(u.port) : undefined,
      user: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      database: u.pathname.length > 1 ? decodeURIComponent(u.pathname.slice(1)) : undefined,
    },
  };
}

/**
 * `url` for an error message, the whole string taken as one URL: everything between the user name
 * and the last "@" is hidden, even where the URL is too broken for `redactSecrets` to recognise
 * (no scheme, a space in the password).
 */
export function redactUrl(url: string): string {
  const start = url.includes("://") ? url.indexOf("://") + 3 : 0;
  const colon = url.indexOf(":", start);
  const at = url.lastIndexOf("@");
  return colon >= 0 && at > colon ? `${url.slice(0, colon + 1)}***${url.slice(at)}` : url;
}

/** Connection settings from a TypeORM DataSource's options (used when no URL is given). */
export function connectOptionsFromTypeorm(options: Readonly<Record<string, unknown>>, dialect: DialectName, cwd: string): ConnectOptions {
  if (typeof options.url === "string") return parseDatabaseUrl(options.url, cwd).options;
  const str = (k: string) => (typeof options[k] === "string" ? (options[k] as string) : undefined);
  if (dialect === "sqlite") {
    const db = str("database");
    if (!db) throw new ConfigError("the SQLite DataSource names no database file", "Set `database` in the DataSource or pass --url sqlite:path/to/file.db.");
    return { filename: db === ":memory:" || isAbsolute(db) ? db : resolve(cwd, db) };
  }
  return {
    host: str("host"),
    port: typeof options.port === "number" ? options.port : options.port ? Number(options.port) : undefined,
    user: str("username"),
    password: str("password"),
    database: str("database"),
  };
}
