/**
 * Real test databases. Every test gets a database of its own (PostgreSQL and MariaDB: a fresh
 * database on the server; SQLite: a fresh file) and drops it afterwards, so suites run in parallel.
 * Servers come from environment variables, defaulting to the ones on the development machine.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { createConnection } from "mysql2/promise";

export type TestDialect = "postgres" | "mysql" | "sqlite";
export const DIALECTS: readonly TestDialect[] = ["sqlite", "postgres", "mysql"];

export const SERVER_URLS = {
  postgres: process.env.ATHANOR_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test",
} as const;

export interface TestDatabase {
  readonly dialect: TestDialect;
  /** Connection URL of this test's own database. */
  readonly url: string;
  /** Database name (PostgreSQL/MariaDB) or file path (SQLite). */
  readonly database: string;
  /** A scratch folder for this test's files (migrations, entities). */
  readonly dir: string;
  /** Connection settings for a TypeORM DataSource pointed at this database. */
  readonly typeorm: Record<string, unknown>;
}

const availability = new Map<TestDialect, Promise<string | undefined>>();

/** Why a dialect's server cannot be used here, or undefined when it can. */
export function unavailable(dialect: TestDialect): Promise<string | undefined> {
  let p = availability.get(dialect);
  if (!p) {
    p = probe(dialect);
    availability.set(dialect, p);
  }
  return p;
}

async function probe(dialect: TestDialect): Promise<string | undefined> {
  if (dialect === "sqlite") return undefined;
  try {
    if (dialect === "postgres") {
      const c = new Client({ connectionString: SERVER_URLS.postgres, connectionTimeoutMillis: 3000 });
      await c.connect();
      await c.end();
    } else {
      const c = await createConnection({ uri: SERVER_URLS.mysql, connectTimeout: 3000 });
      await c.end();
    }
    return undefined;
  } catch (e) {
    const required = serverRequired(dialect, process.env);
    if (required) throw new Error(`${dialect} server unreachable (${required}): ${(e as Error).message}`);
    return `${dialect} server unreachable (${(e as Error).message}); ${dialect} suite skipped`;
  }
}

/**
 * Why an unreachable server of `dialect` must fail the run rather than skip its suites, or
 * undefined when skipping is allowed. In CI (`CI` set), always; elsewhere when
 * ATHANOR_REQUIRE_SERVERS (comma-separated: "postgres,mysql") names it, as `.ci/run` does for each
 * server it found installed, so a developer running `.ci/run` by hand is not told "all green" while
 * a whole dialect was skipped. A plain `npm test` on a machine without servers still skips.
 */
export function serverRequired(dialect: TestDialect, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (dialect === "sqlite") return undefined;
  if (env.CI) return "required in CI";
  const listed = (env.ATHANOR_REQUIRE_SERVERS ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0);
  // "mariadb" is what people call the server .ci/run starts; the suites call that dialect "mysql".
  const names = dialect === "mysql" ? ["mysql", "mariadb"] : [dialect];
  return listed.some((s) => names.includes(s)) ? `required by ATHANOR_REQUIRE_SERVERS=${env.ATHANOR_REQUIRE_SERVERS}` : undefined;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "athanor-test-"));
  const name = `athanor_t_${randomBytes(5).toString("hex")}`;
  switch (dialect) {
    case "sqlite": {
      const file = join(dir, "db.sqlite");
      return { dialect, url: `sqlite:${file}`, database: file, dir, typeorm: { type: "better-sqlite3", database: file } };
    }
    case "postgres": {
      const c = new Client({ connectionString: SERVER_URLS.postgres });
      await c.connect();
      await c.query(`CREATE DATABASE "${name}"`);
      await c.end();
      const url = withDatabase(SERVER_URLS.postgres, name);
      const u = new URL(url);
      return {
        dialect, url, database: name, dir,
        typeorm: { type: "postgres", host: u.hostname, port: Number(u.port || 5432), username: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: name },
      };
    }
    case "mysql": {
      const c = await createConnection({ uri: SERVER_URLS.mysql });
      await c.query(`CREATE DATABASE \`${name}\``);
      await c.end();
      const url = withDatabase(SERVER_URLS.mysql, name);
      const u = new URL(url);
      return {
        dialect, url, database: name, dir,
        typeorm: { type: "mariadb", host: u.hostname, port: Number(u.port || 3306), username: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: name },
      };
    }
  }
}

export async function dropTestDatabase(db: TestDatabase): Promise<void> {
  try {
    if (db.dialect === "postgres") {
      const c = new Client({ connectionString: SERVER_URLS.postgres });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${db.database}" WITH (FORCE)`);
      await c.end();
    } else if (db.dialect === "mysql") {
      const c = await createConnection({ uri: SERVER_URLS.mysql });
      await c.query(`DROP DATABASE IF EXISTS \`${db.database}\``);
      await c.end();
    }
  } finally {
    rmSync(db.dir, { recursive: true, force: true });
  }
}

/** Runs `fn` against a fresh database of `dialect`, dropping it afterwards whatever happens. */
export async function withTestDatabase<T>(dialect: TestDialect, fn: (db: TestDatabase) => Promise<T>): Promise<T> {
  const db = await createTestDatabase(dialect);
  try {
    return await fn(db);
  } finally {
    await dropTestDatabase(db);
  }
}
