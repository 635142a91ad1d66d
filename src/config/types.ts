import type { IncludeObject } from "../scope/scope-object";

/** athanor.config.ts's default export. Paths are relative to the config file. */
export interface AthanorConfig {
  /** The module exporting the TypeORM DataSource: a path, or `{ file, export }` for a named export. */
  readonly dataSource: string | { readonly file: string; readonly export?: string };
  /** The migrations folder (holding `versions/` and the template). Default: `./migrations`. */
  readonly migrations?: string;
  /** Database URL; overrides the DataSource's connection settings. `ATHANOR_DATABASE_URL` overrides it. */
  readonly url?: string;
  /**
   * Only tables matching one of these glob patterns are diffed (`*` any characters, `?` one),
   * matched on `table` and on `schema.table` (PostgreSQL: the current schema, e.g. "public.audit_*";
   * MySQL/MariaDB: the database; SQLite: "main"). Absent: every table. `--include-table` adds to it.
   */
  readonly include?: readonly string[];
  /** Tables matching one of these patterns are never created, dropped nor altered. `--exclude-table` adds to it. */
  readonly exclude?: readonly string[];
  /**
   * Asked about every table, column, index, unique constraint, foreign key and check on both sides
   * of the diff (as Alembic's include_object); false leaves the object alone.
   */
  readonly includeObject?: IncludeObject;
  /**
   * How long each migration statement may wait for a lock before it gives up and is retried, so a
   * migration stuck behind a long transaction never queues the table's traffic behind it: "2s",
   * "500ms", or milliseconds; 0 turns it off. Default "2s". `--ddl-lock-timeout` overrides it.
   * (PostgreSQL `lock_timeout`, MySQL/MariaDB `lock_wait_timeout` in whole seconds, SQLite busy timeout.)
   */
  readonly lockTimeout?: string | number;
  /** How many times a statement that ran out of `lockTimeout` is tried again, with backoff. Default 5. `--lock-retries` overrides it. */
  readonly lockRetries?: number;
  /**
   * The server version offline scripts (`upgrade --sql`) are written for when `--server-version` is
   * absent, spelled as the server reports it ("16.4", "8.0.36", "10.11.9-MariaDB", "3.45.1"): it
   * decides which statements the server accepts (RENAME COLUMN, ALGORITHM=INSTANT, SQLite's DROP
   * COLUMN). Absent: the dialect's usual one (PostgreSQL 16, MariaDB 10.11, SQLite 3.45).
   */
  readonly serverVersion?: string;
  /**
   * Generated migrations use the online forms on tables that already exist (PostgreSQL: indexes
   * built and dropped CONCURRENTLY, foreign keys and checks validated separately, SET NOT NULL
   * through a validated check; MySQL: LOCK=NONE index builds). Default true; `revision --no-online`
   * opts out for one revision.
   */
  readonly online?: boolean;
  /**
   * `revision --autogenerate` and `check` work without the project's database: every migration is
   * replayed into an embedded engine (PGlite, in-memory SQLite) or a scratch database on
   * `scratchUrl`, and that catalog is diffed. Default false; `--offline`/`--no-offline` override it.
   */
  readonly offline?: boolean;
  /**
   * A server URL on which offline work and `verify` create a throwaway database (dropped after):
   * instead of the embedded engine, and the only way on MySQL/MariaDB. `--scratch-url` overrides it.
   */
  readonly scratchUrl?: string;
}

/** Identity function that gives `athanor.config.ts` type checking. */
export function defineConfig(config: AthanorConfig): AthanorConfig {
  return config;
}
