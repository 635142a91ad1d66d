import type { Op } from "../ops/types";
import type { Hazard } from "../ops/hazard";
import type { Column, ForeignKeyAction, Schema, Table } from "../schema/types";

export type DialectName = "postgres" | "mysql" | "sqlite";

/** What a server can do; core code reads these flags and never tests the dialect's name. */
export interface Capabilities {
  /** DDL statements roll back with the transaction (PostgreSQL, SQLite; not MySQL/MariaDB). */
  readonly transactionalDdl: boolean;
  /**
   * How an index is built without blocking writes: "outside-transaction" (PostgreSQL's
   * CONCURRENTLY, which cannot run in a transaction), "in-place" (MySQL's LOCK=NONE), or "none".
   */
  readonly onlineIndexes: "outside-transaction" | "in-place" | "none";
  /**
   * Whether a column that a foreign key uses (on either side) can be altered in place. When false
   * (MySQL/MariaDB), the differ drops such keys around the alteration and re-adds them after.
   * Absent means true.
   */
  readonly alterColumnInForeignKey?: boolean;
  /**
   * ADD COLUMN (with or without a default) without copying the table: "implicit" when the server
   * does it by itself (PostgreSQL 11+ for a non-volatile default, MariaDB 10.3.0/10.3.1),
   * "explicit" when the dialect writes `ALGORITHM=INSTANT` so the server refuses rather than
   * silently copying (MySQL 8.0.12+, MariaDB 10.3.2+; only for columns and tables it accepts),
   * "none" when it rewrites the table. Absent: "none".
   */
  readonly instantAddColumn?: "implicit" | "explicit" | "none";
  /**
   * How a column is renamed: "rename" (RENAME COLUMN: PostgreSQL, MySQL 8.0+, MariaDB 10.5.2+,
   * SQLite 3.25+), "change" (MySQL's CHANGE COLUMN with the full definition), "rebuild" (SQLite's
   * table rebuild). Absent: "rename".
   */
  readonly renameColumn?: "rename" | "change" | "rebuild";
  /**
   * How a column is dropped: "drop" (ALTER TABLE … DROP COLUMN; SQLite 3.35+ only when nothing
   * else uses the column), "rebuild" (SQLite before 3.35). Absent: "drop".
   */
  readonly dropColumn?: "drop" | "rebuild";
  /**
   * Whether foreign keys and checks can be added NOT VALID and validated in a later transaction,
   * and SET NOT NULL proven by a validated check instead of a scan under an exclusive lock
   * (PostgreSQL 12+). Absent means false: the generated migration keeps the plain statements.
   */
  readonly onlineConstraints?: boolean;
}

/** Where to connect. Built from a URL or from the user's TypeORM DataSource options. */
export interface ConnectOptions {
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  /** SQLite: the database file (":memory:" allowed). */
  readonly filename?: string;
  /**
   * A file database (SQLite) that does not exist: "create" it (what upgrade and stamp need),
   * "fail" with a ConnectionError (read-only commands must not leave an empty file behind), or
   * read it as "empty" without creating it (autogenerate's first revision). Default: "create".
   */
  readonly ifMissing?: "create" | "fail" | "empty";
}

export interface Queryable {
  /** Runs one statement. `params` use the driver's own placeholder syntax. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Connection extends Queryable {
  readonly dialect: Dialect;
  /** Statements sent so far: lets tests prove catalog reads are bulk. */
  readonly queryCount: number;
  /** The server's version string, e.g. "16.4" or "10.11.9-MariaDB". */
  readonly serverVersion: string;
  close(): Promise<void>;
}

export interface IntrospectOptions {
  /** Tables never read: athanor's own tables, TypeORM's `migrations` and `typeorm_metadata`. */
  readonly exclude: readonly string[];
}

/**
 * One column as TypeORM describes it, taken from its entity metadata through the driver's own
 * public methods (so it is what TypeORM's `synchronize` would create). The dialect turns it into
 * the canonical IR column, exactly as its introspector would read the same column back.
 */
export interface ModelColumnInput {
  readonly tableName: string;
  readonly name: string;
  /** `driver.normalizeType(column)`: TypeORM's spelling for this driver ("character varying", "int"…). */
  readonly type: string;
  /** The type the entity declared, before TypeORM normalised it ("json" where MariaDB says "longtext"). */
  readonly declaredType?: string;
  /** `driver.getColumnLength(column)`: "" when none. */
  readonly length: string;
  readonly precision?: number;
  readonly scale?: number;
  readonly width?: number;
  readonly unsigned: boolean;
  readonly zerofill: boolean;
  readonly enumValues?: readonly string[];
  readonly enumName?: string;
  readonly array: boolean;
  readonly nullable: boolean;
  /** `driver.normalizeDefault(column)`: the SQL TypeORM writes after DEFAULT; absent when none. */
  readonly default?: string;
  readonly generated?: "increment" | "identity" | "uuid" | "rowid";
  /** The driver's uuid generator expression (`uuid_generate_v4()`…) where it has one. */
  readonly uuidGenerator?: string;
  readonly primary: boolean;
  readonly comment?: string;
  /** MySQL `ON UPDATE` clause, e.g. "CURRENT_TIMESTAMP(6)". */
  readonly onUpdate?: string;
  /** Generated column expression as the entity declares it (TypeORM's `asExpression`). */
  readonly asExpression?: string;
  /** TypeORM's `generatedType` ("STORED" | "VIRTUAL"), with `asExpression`. */
  readonly generatedType?: "STORED" | "VIRTUAL";
  readonly charset?: string;
  readonly collation?: string;
}

/** Where an SQL expression sits, for `Dialect.canonicalExpression`. */
export type ExpressionContext = "check" | "where" | "generated";

export interface CompileContext {
  /**
   * The table as it stands before `op` runs. SQLite's rebuild ("move and copy") needs the whole
   * definition; online it is read from the live catalog.
   */
  currentTable(name: string): Promise<Table | undefined>;
  /**
   * The server version the statements are for (the connection's, or offline the configured one):
   * `capabilities(serverVersion)` decides what is cheapest and what works. Absent: the dialect's
   * `offlineServerVersion`.
   */
  readonly serverVersion?: string;
  /**
   * The live database, for the few catalog facts a statement depends on (PostgreSQL: an INVALID
   * index a failed CONCURRENTLY build left behind). Absent offline (`--sql`): nothing to ask.
   */
  readonly catalog?: Queryable;
}

/**
 * Where a statement must sit relative to the migration's transaction: "outside-transaction"
 * (PostgreSQL's CONCURRENTLY refuses to run inside one), "commit-before" (a VALIDATE CONSTRAINT
 * only lets writes through once the ADD … NOT VALID before it, and its ACCESS EXCLUSIVE lock, has
 * committed). The runner commits there and begins again; offline scripts write COMMIT;/BEGIN;.
 */
export type StatementBoundary = "outside-transaction" | "commit-before";

/** One compiled statement and the transaction boundary it needs, if any. */
export interface CompiledStatement {
  readonly sql: string;
  readonly boundary?: StatementBoundary;
}

export interface Dialect {
  readonly name: DialectName;
  capabilities(serverVersion: string): Capabilities;
  /** The one function that quotes identifiers for this dialect. */
  quoteIdentifier(name: string): string;
  /** The one function that escapes string literals for this dialect. */
  quoteLiteral(value: string): string;
  connect(options: ConnectOptions): Promise<Connection>;
  /** Reads the schema in scope with a constant number of catalog queries. */
  introspect(conn: Queryable, options: IntrospectOptions): Promise<Schema>;
  /** Whether `introspect` would read a table of this name: one small query, whatever the schema's size. */
  tableExists(conn: Queryable, name: string): Promise<boolean>;
  /**
   * The schema `introspect` reads, by the name `schema.table` scope patterns match: PostgreSQL's
   * current schema, the MySQL/MariaDB database, SQLite's "main". Absent: only plain table patterns.
   */
  scopeSchemaName?(conn: Queryable): Promise<string>;
  /** TypeORM column facts → canonical IR column, equal to what `introspect` reads back. */
  modelColumn(input: ModelColumnInput): Column;
  /**
   * An SQL expression from an entity (a `@Check`, an index's `where`, an `asExpression`) in the
   * form this dialect's introspector reads the same expression back, so the differ compares text.
   */
  canonicalExpression(sql: string, context: ExpressionContext): string;
  /**
   * Sets on the user's (never initialised) TypeORM driver the flags its `connect()` would set from
   * the server's version (MariaDB 10.7+'s uuid type, PostgreSQL 12+'s generated columns…), so the
   * metadata is what TypeORM would build for *that* server. `serverVersion` is the connection's.
   */
  prepareModelDriver?(driver: unknown, serverVersion: string): void;
  /**
   * Last touch on a table read from the models, for what TypeORM's schema builder adds or
   * rewrites on this dialect beyond the column facts (MySQL's implicit foreign-key indexes,
   * PostgreSQL's `spatial` index being GiST…). Absent: the table as read.
   */
  modelTable?(table: Table): Table;
  /** Canonical referential action for a model's `onDelete`/`onUpdate` (undefined: the default). */
  modelForeignKeyAction(action: string | undefined): ForeignKeyAction;
  /** The SQL statements that perform `op`, in order. */
  compile(op: Op, ctx: CompileContext): Promise<string[]>;
  /**
   * `compile` with each statement's transaction boundary, for dialects whose online forms need
   * commit points (PostgreSQL). Absent: `compile`'s statements, all inside the transaction.
   */
  compileStatements?(op: Op, ctx: CompileContext): Promise<CompiledStatement[]>;
  /**
   * Statements the runner sends once per connection before any migration, outside transactions
   * (SQLite: `PRAGMA foreign_keys = OFF`, so a table rebuild's DROP TABLE cannot cascade).
   */
  readonly runnerSetup?: readonly string[];
  /** Checks run inside each migration's transaction before it commits; throwing rolls it back. */
  verifyMigration?(conn: Queryable): Promise<void>;
  /**
   * Takes this database's migration lock for `conn`'s session, waiting at most `timeoutSeconds`;
   * undefined when another holder kept it that long. Without this hook runs are not serialised.
   */
  acquireMigrationLock?(conn: Connection, timeoutSeconds: number): Promise<MigrationLock | undefined>;
  /** The server version offline (`--sql`) scripts are written for when none is given. */
  readonly offlineServerVersion?: string;
  /**
   * The server a version string names, as a reviewer reads it ("MariaDB 10.11.9", "PostgreSQL 16.4",
   * "SQLite 3.45.1"); undefined when `serverVersion` holds no version. Written in the generated
   * file's header, and used to refuse a configured version that is not one.
   */
  describeServerVersion?(serverVersion: string): string | undefined;
  /**
   * The longest name (table, column, index, constraint, type) the database keeps as written, and
   * whether it counts UTF-8 bytes or characters. Absent: no limit worth checking (SQLite).
   */
  readonly maxIdentifierLength?: { readonly limit: number; readonly unit: "bytes" | "characters" };
  /** Rows a change of type would lose or alter (a shorter varchar, a smaller integer, fewer
   *  decimals or fractional-second digits, an enum value removed, text → varchar(n)), as an SQL
   *  condition on the column; undefined when every value fits (or the database keeps it anyway). */
  narrowing?(from: Column, to: Column): { readonly reason: string; readonly where: string } | undefined;
  /** Triggers keeping a renamed column's old and new names in step (expand/contract). Absent: renames are refused there. */
  readonly syncTriggers?: SyncTriggers;
  /**
   * Short lock waits for a migration's statements, so one stuck behind a long transaction gives up
   * (and is retried) instead of queueing every other query on the table behind it. Absent: the
   * runner sets no timeout and retries nothing.
   */
  readonly ddlLockTimeout?: DdlLockTimeout;
  /**
   * What `op` risks on this database beyond the hazards every database shares (src/ops/hazards.ts):
   * a PostgreSQL rewrite under ACCESS EXCLUSIVE, MySQL's COPY algorithm, SQLite's rebuild…, for
   * the server at `serverVersion`. Absent: the shared hazards only.
   */
  hazards?(op: Op, serverVersion: string): Hazard[];
  /**
   * The bounded lock table one migration's transaction fills (PostgreSQL's, shared by all
   * sessions): autogenerate splits a migration whose ops would take more locks than one
   * transaction should into a chain of revisions. Absent: no such limit (MySQL/MariaDB release
   * each DDL statement's metadata locks at its implicit commit; SQLite locks the whole file).
   */
  readonly lockBudget?: LockBudgetHooks;
  /**
   * A database engine inside this process that migrations can be replayed into, for `--offline`
   * (PGlite for PostgreSQL, an in-memory SQLite). Absent: there is none (MySQL/MariaDB), and
   * offline work needs `--scratch-url`.
   */
  embedded?(options?: EmbeddedOptions): Promise<EmbeddedDatabase>;
  /** How a throwaway database for `--scratch-url` is made and removed. Absent: no scratch databases. */
  readonly scratch?: ScratchHooks;
}

export interface EmbeddedOptions {
  /** A folder the engine may keep start-up state in (PGlite: its empty cluster), between runs. */
  readonly cacheDir?: string;
  /** A database `save` returned earlier, to start from instead of an empty one. */
  readonly image?: Buffer;
}

/** A database in this process, empty when opened; closing the connection discards it. */
export interface EmbeddedDatabase {
  readonly conn: Connection;
  /** What it is, for a reader: "PGlite (PostgreSQL 18.7)", "in-memory SQLite 3.45.1". */
  readonly engine: string;
  /**
   * The database as it is now, to be opened again later with `image` (a replay goes on from
   * there instead of from base). Absent: the engine cannot, or a replay is cheap enough without.
   */
  save?(): Promise<Buffer>;
  /** Whether `image` was loaded (false: it could not be, and the database is empty). */
  readonly fromImage: boolean;
}

/** See `Dialect.scratch`. */
export interface ScratchHooks {
  /**
   * Creates an empty database named `name` next to the one `options` reach (a new database on
   * that server; a new file beside an SQLite file) and returns where to connect to it. Refuses
   * when `name` exists: a scratch database never reuses anything.
   */
  create(options: ConnectOptions, name: string): Promise<ConnectOptions>;
  /** Removes what `create` made (the connection to it is closed first). */
  drop(options: ConnectOptions, name: string): Promise<void>;
  /**
   * The name scope patterns match as `schema.table` (see scopeSchemaName) for the database that
   * `options` reach, without connecting, when the scratch database's own name would stand in for
   * it (MySQL/MariaDB: the database's name). Absent: the scratch database's reading is the same.
   */
  scopeSchemaNameOf?(options: ConnectOptions): string | undefined;
}

/** See `Dialect.lockBudget`. */
export interface LockBudgetHooks {
  /** About how many lock-table entries `op` holds until its transaction ends (an estimate, on the high side). */
  locksOf(op: Op): number;
  /** What one migration may take on the server behind `conn` (one query); the server's defaults without one. */
  read(conn: Queryable | undefined): Promise<LockBudget>;
}

export interface LockBudget {
  /** Lock-table entries one revision's ops may take. */
  readonly perRevision: number;
  /** That figure and where it comes from, for a reader: "at most 3,184: about half of PostgreSQL's lock table…". */
  readonly describe: string;
}

/** A held migration lock. Closing the connection (or the process dying) releases it too. */
export interface MigrationLock {
  release(): Promise<void>;
}

/**
 * Triggers that keep two columns of one table in step while old and new application code run
 * side by side (the expand phase of an expand/contract rename): a row written through either
 * name gets the same value in the other.
 */
export interface SyncTriggers {
  /**
   * Whether a BEFORE trigger can fill a NOT NULL column an INSERT leaves out (PostgreSQL, MySQL
   * 5.7+/MariaDB check NOT NULL after BEFORE triggers). When false (SQLite checks NOT NULL before
   * any trigger sees the row), the expand phase makes the old column nullable so new code can
   * insert through the new name alone.
   */
  readonly fillsNotNull: boolean;
  /** The statements creating the triggers (and any function they call), in order. */
  create(table: string, from: string, to: string): string[];
  /** The statements dropping what `create` made. */
  drop(table: string, from: string, to: string): string[];
}

/** A dialect's statements and error codes for DDL lock timeouts (see `Dialect.ddlLockTimeout`). */
export interface DdlLockTimeout {
  /** Statements that bound this session's lock waits to about `ms` milliseconds. */
  set(ms: number): readonly string[];
  /** Statements that give the session back its usual lock wait. */
  readonly reset: readonly string[];
  /** Whether a statement failed because a lock wait ran out: only such failures are retried. */
  isLockTimeout(error: unknown): boolean;
  /** How to find the session holding the lock on `table` (a query to run, where one exists). */
  findBlocker(table: string | undefined): string;
  /**
   * Statements whose lock wait queues no other session's reads or writes (PostgreSQL's
   * CONCURRENTLY builds and drops): they run without the timeout, which would only make them fail.
   */
  waitsWithoutBlocking?(sql: string): boolean;
}
