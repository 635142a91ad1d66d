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
   * Generated migrations use the online forms on tables that already exist (PostgreSQL: indexes
   * built and dropped CONCURRENTLY, foreign keys and checks validated separately, SET NOT NULL
   * through a validated check; MySQL: LOCK=NONE index builds). Default true; `revision --no-online`
   * opts out for one revision.
   */
  readonly online?: boolean;
}

/** Identity function that gives `athanor.config.ts` type checking. */
export function defineConfig(config: AthanorConfig): AthanorConfig {
  return config;
}
