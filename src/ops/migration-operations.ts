import { BackfillNotWrittenError, OfflineModeError, UnsupportedOperationError } from "../errors";
import type { Dialect } from "../dialects/dialect";
import type { Op } from "./types";
import type { Column, ForeignKeyAction, ForeignKeyDeferrable, Index, Table } from "../schema/types";

/** A column as migration files write it: the IR column without the database's raw type. */
export type ColumnSpec = Omit<Column, "rawType">;
export type ColumnDefinition = Omit<ColumnSpec, "name">;

export interface TableSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  readonly primaryKey?: { readonly name?: string; readonly columns: readonly string[] };
  readonly uniques?: readonly { readonly name: string; readonly columns: readonly string[] }[];
  readonly indexes?: readonly {
    readonly name: string;
    readonly columns: readonly string[];
    readonly unique?: boolean;
    readonly where?: string;
    readonly method?: string;
  }[];
  readonly foreignKeys?: readonly {
    readonly name: string;
    readonly columns: readonly string[];
    readonly referencedTable: string;
    readonly referencedColumns: readonly string[];
    readonly onDelete?: ForeignKeyAction;
    readonly onUpdate?: ForeignKeyAction;
    readonly deferrable?: ForeignKeyDeferrable;
  }[];
  readonly checks?: readonly { readonly name: string; readonly expression: string }[];
  readonly comment?: string;
  /** Objects athanor does not diff but re-creates with the table (an exclusion constraint's definition). */
  readonly unmodelled?: readonly { readonly kind: string; readonly name: string; readonly definition?: string }[];
}

/**
 * The `op` object a migration's `upgrade`/`downgrade` receives. Each call becomes an `Op` and is
 * handed to `perform`, which compiles it for the dialect and runs it (or records its SQL).
 * Drops take only names: the whole object is read from what the runner knows of the schema, so
 * the dialect (SQLite's rebuild above all) always sees the real definition.
 */
export class MigrationOperations {
  constructor(
    private readonly perform: (op: Op) => Promise<void>,
    private readonly currentTable: (name: string) => Promise<Table | undefined>,
    private readonly runQuery: (sql: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>,
    /** For the helpers that write their own SQL (backfill, sync triggers); absent: they refuse. */
    private readonly dialect?: Dialect,
  ) {}

  createTable(spec: TableSpec): Promise<void> {
    const table: Table = {
      name: spec.name,
      columns: spec.columns,
      primaryKey: spec.primaryKey,
      indexes: (spec.indexes ?? []).map((i) => indexOf(i.name, i.columns, i)),
      uniques: spec.uniques ?? [],
      foreignKeys: (spec.foreignKeys ?? []).map(({ deferrable, ...fk }) => ({
        ...fk,
        onDelete: fk.onDelete ?? "NO ACTION",
        onUpdate: fk.onUpdate ?? "NO ACTION",
        ...(deferrable ? { deferrable } : {}),
      })),
      ...(spec.checks?.length ? { checks: spec.checks } : {}),
      ...(spec.comment !== undefined ? { comment: spec.comment } : {}),
      ...(spec.unmodelled?.length ? { unmodelled: spec.unmodelled } : {}),
    };
    return this.perform({ kind: "createTable", table });
  }

  async dropTable(name: string): Promise<void> {
    await this.perform({ kind: "dropTable", table: await this.table(name) });
  }

  renameTable(from: string, to: string): Promise<void> {
    return this.perform({ kind: "renameTable", from, to });
  }

  addColumn(table: string, column: ColumnSpec): Promise<void> {
    return this.perform({ kind: "addColumn", table, column });
  }

  async dropColumn(table: string, name: string): Promise<void> {
    await this.perform({ kind: "dropColumn", table, column: await this.column(table, name) });
  }

  /**
   * `from` documents the reviewed state; the live definition is what the dialect alters.
   * `online: true`: SET NOT NULL through a check validated after a commit (PostgreSQL), so writes
   * are not blocked while the rows are read.
   */
  async alterColumn(
    table: string,
    name: string,
    change: { readonly from?: ColumnDefinition; readonly to: ColumnDefinition; readonly online?: boolean },
  ): Promise<void> {
    const live = (await this.currentTable(table))?.columns.find((c) => c.name === name);
    const from: Column = live ?? (change.from ? { ...change.from, name } : await this.column(table, name));
    await this.perform({ kind: "alterColumn", table, from, to: { ...change.to, name }, ...(change.online ? { online: true } : {}) });
  }

  renameColumn(table: string, from: string, to: string): Promise<void> {
    return this.perform({ kind: "renameColumn", table, from, to });
  }

  /**
   * `concurrently`: build without blocking writes (PostgreSQL: CONCURRENTLY, which the runner
   * runs outside the transaction, committing before it). `replace`: the table's index of this
   * name is replaced by this definition (online: built beside it under a temporary name, then swapped).
   */
  async createIndex(
    name: string,
    table: string,
    columns: readonly string[],
    options: { readonly unique?: boolean; readonly where?: string; readonly method?: string; readonly concurrently?: boolean; readonly replace?: boolean } = {},
  ): Promise<void> {
    let replaces: Index | undefined;
    if (options.replace) {
      replaces = (await this.table(table)).indexes.find((i) => i.name === name);
      if (!replaces) throw missing(`index "${name}" (to replace)`, table);
    }
    await this.perform({
      kind: "createIndex",
      table,
      index: indexOf(name, columns, options),
      ...(options.concurrently ? { concurrently: true } : {}),
      ...(replaces ? { replaces } : {}),
    });
  }

  async dropIndex(name: string, table: string, options: { readonly concurrently?: boolean } = {}): Promise<void> {
    const index = (await this.table(table)).indexes.find((i) => i.name === name);
    if (!index) throw missing(`index "${name}"`, table);
    await this.perform({ kind: "dropIndex", table, index, ...(options.concurrently ? { concurrently: true } : {}) });
  }

  addUnique(name: string, table: string, columns: readonly string[]): Promise<void> {
    return this.perform({ kind: "addUnique", table, unique: { name, columns } });
  }

  async dropUnique(name: string, table: string): Promise<void> {
    const unique = (await this.table(table)).uniques.find((u) => u.name === name);
    if (!unique) throw missing(`unique constraint "${name}"`, table);
    await this.perform({ kind: "dropUnique", table, unique });
  }

  addForeignKey(
    name: string,
    table: string,
    columns: readonly string[],
    referencedTable: string,
    referencedColumns: readonly string[],
    options: {
      readonly onDelete?: ForeignKeyAction;
      readonly onUpdate?: ForeignKeyAction;
      readonly deferrable?: ForeignKeyDeferrable;
      /** "separately": added NOT VALID, validated after a commit so writes go on (PostgreSQL). */
      readonly validate?: "separately";
    } = {},
  ): Promise<void> {
    return this.perform({
      ...separately(options),
      kind: "addForeignKey",
      table,
      foreignKey: {
        name,
        columns,
        referencedTable,
        referencedColumns,
        onDelete: options.onDelete ?? "NO ACTION",
        onUpdate: options.onUpdate ?? "NO ACTION",
        ...(options.deferrable ? { deferrable: options.deferrable } : {}),
      },
    });
  }

  /** `validate: "separately"` says how the downgrade re-adds it; the drop is the same. */
  async dropForeignKey(name: string, table: string, options: { readonly validate?: "separately" } = {}): Promise<void> {
    const foreignKey = (await this.table(table)).foreignKeys.find((fk) => fk.name === name);
    if (!foreignKey) throw missing(`foreign key "${name}"`, table);
    await this.perform({ kind: "dropForeignKey", table, foreignKey, ...separately(options) });
  }

  addPrimaryKey(name: string | null, table: string, columns: readonly string[]): Promise<void> {
    return this.perform({ kind: "addPrimaryKey", table, primaryKey: { name: name ?? undefined, columns } });
  }

  async dropPrimaryKey(table: string): Promise<void> {
    const primaryKey = (await this.table(table)).primaryKey;
    if (!primaryKey) throw missing("primary key", table);
    await this.perform({ kind: "dropPrimaryKey", table, primaryKey });
  }

  /** `validate: "separately"`: added NOT VALID, validated after a commit so writes go on (PostgreSQL). */
  addCheck(name: string, table: string, expression: string, options: { readonly validate?: "separately" } = {}): Promise<void> {
    return this.perform({ kind: "addCheck", table, check: { name, expression }, ...separately(options) });
  }

  /** `validate: "separately"` says how the downgrade re-adds it; the drop is the same. */
  async dropCheck(name: string, table: string, options: { readonly validate?: "separately" } = {}): Promise<void> {
    const check = ((await this.table(table)).checks ?? []).find((c) => c.name === name);
    if (!check) throw missing(`check constraint "${name}"`, table);
    await this.perform({ kind: "dropCheck", table, check, ...separately(options) });
  }

  /** Sets the table's comment; `null` removes it. */
  async setTableComment(table: string, comment: string | null): Promise<void> {
    const from = (await this.table(table)).comment;
    await this.perform({ kind: "setTableComment", table, ...(from !== undefined ? { from } : {}), ...(comment !== null ? { to: comment } : {}) });
  }

  /** Raw SQL, for data steps and what the op vocabulary does not cover. */
  execute(sql: string): Promise<void> {
    return this.perform({ kind: "execute", sql });
  }

  /** Runs a query and returns its rows (online only: offline `--sql` mode has no database). */
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]> {
    return this.runQuery(sql, params);
  }

  /**
   * Fills columns of existing rows in batches along the primary key, so no statement locks more
   * than `batchSize` rows (or holds them long): `UPDATE t SET … WHERE (where) AND pk > last AND
   * pk <= hi`, repeated until no row is left. `set` maps each column to an SQL expression, or to
   * `{ column }` to copy another column. `where` defaults to "every set column IS NULL", so a
   * re-run continues where an interrupted one stopped. Without a one-column primary key (or
   * offline, where nothing can be counted) it is one UPDATE.
   */
  async backfill(
    table: string,
    spec: { readonly set: Readonly<Record<string, string | { readonly column: string }>>; readonly where?: string; readonly batchSize?: number },
  ): Promise<void> {
    const d = this.needDialect("op.backfill");
    const q = (name: string) => d.quoteIdentifier(name);
    const entries = Object.entries(spec.set);
    if (entries.length === 0) throw new UnsupportedOperationError(`op.backfill("${table}") sets no column`, "Give `set` at least one column: { set: { column: SQL expression } }.");
    const assignments = entries.map(([c, v]) => `${q(c)} = ${typeof v === "string" ? v : q(v.column)}`).join(", ");
    const where = spec.where ?? entries.map(([c]) => `${q(c)} IS NULL`).join(" AND ");
    const update = `UPDATE ${q(table)} SET ${assignments} WHERE (${where})`;
    const pk = (await this.table(table)).primaryKey?.columns ?? [];
    if (pk.length !== 1) return this.execute(update);
    const key = q(pk[0]);
    const size = Math.max(1, Math.floor(spec.batchSize ?? 1000));
    let last: unknown;
    for (;;) {
      const after = last === undefined ? "" : ` AND ${key} > ${sqlValue(d, last)}`;
      let rows: Record<string, unknown>[];
      try {
        rows = await this.runQuery(`SELECT MAX(${key}) AS hi FROM (SELECT ${key} FROM ${q(table)} WHERE (${where})${after} ORDER BY ${key} LIMIT ${size}) batch`);
      } catch (e) {
        // Offline (--sql): no database to batch against, so the script gets the one UPDATE.
        if (e instanceof OfflineModeError && last === undefined) return this.execute(update);
        throw e;
      }
      const hi = rows[0]?.hi ?? rows[0]?.HI;
      if (hi === null || hi === undefined) return;
      // Through query, not execute: a batch changes no schema, so the runner keeps its model of it.
      await this.runQuery(`${update}${after} AND ${key} <= ${sqlValue(d, hi)}`);
      last = hi;
    }
  }

  /**
   * The placeholder of a generated backfill: stands where the reviewer writes the SQL expression
   * existing rows get. Reached first thing in `upgrade`, it stops the migration before any change.
   */
  backfillTodo(table: string, column: string): never {
    throw new BackfillNotWrittenError(
      `the migration has a backfill to write before it can run: the value existing rows of "${table}" get for "${column}"`,
      `In the migration file, replace \`op.backfillTodo("${table}", "${column}")\` with that SQL expression as a string (e.g. "'unknown'" or "lower(name)"), then run it again.`,
    );
  }

  /**
   * Keeps `from` and `to` of `table` in step with triggers (a row written through either name gets
   * the value in the other), while code using the old name and code using the new one both run.
   */
  async syncColumns(table: string, from: string, to: string): Promise<void> {
    const triggers = this.syncTriggers();
    for (const sql of triggers.create(table, from, to)) await this.perform({ kind: "execute", sql });
  }

  /** Drops the triggers `syncColumns` created. */
  async dropSyncColumns(table: string, from: string, to: string): Promise<void> {
    for (const sql of this.syncTriggers().drop(table, from, to)) await this.perform({ kind: "execute", sql });
  }

  private syncTriggers() {
    const d = this.needDialect("op.syncColumns");
    if (!d.syncTriggers) throw new UnsupportedOperationError(`${d.name} has no column sync triggers in athanor`, "Keep the columns in step from the application code instead.");
    return d.syncTriggers;
  }

  private needDialect(what: string): Dialect {
    if (!this.dialect) throw new UnsupportedOperationError(`${what} is not available here: no dialect was given to the op object`, "Run the migration through athanor's runner.");
    return this.dialect;
  }

  private async table(name: string): Promise<Table> {
    const t = await this.currentTable(name);
    if (!t) throw new UnsupportedOperationError(`table "${name}" does not exist`, "Check the table name in the migration against `athanor current` and the database.");
    return t;
  }

  private async column(table: string, name: string): Promise<Column> {
    const c = (await this.table(table)).columns.find((x) => x.name === name);
    if (!c) throw missing(`column "${name}"`, table);
    return c;
  }
}

function indexOf(name: string, columns: readonly string[], options: { readonly unique?: boolean; readonly where?: string; readonly method?: string }): Index {
  return { name, columns, unique: options.unique === true, ...(options.where ? { where: options.where } : {}), ...(options.method ? { method: options.method } : {}) };
}

function separately(options: { readonly validate?: "separately" }): { validate?: "separately" } {
  return options.validate === "separately" ? { validate: "separately" } : {};
}

function missing(what: string, table: string): UnsupportedOperationError {
  return new UnsupportedOperationError(`${what} does not exist on table "${table}"`, "Check the name in the migration against the database.");
}

/** A key value read back from the database, as an SQL literal (bigint keys arrive as strings). */
function sqlValue(dialect: Dialect, value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return dialect.quoteLiteral(value.toISOString());
  return dialect.quoteLiteral(String(value));
}
