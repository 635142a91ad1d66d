import { UnsupportedOperationError } from "../errors";
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
