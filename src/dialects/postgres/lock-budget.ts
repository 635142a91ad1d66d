import type { LockBudget, LockBudgetHooks, Queryable } from "../dialect";
import type { Op } from "../../ops/types";
import type { Column, Table } from "../../schema/types";

/**
 * PostgreSQL keeps every lock a transaction takes on something other than a plain read or write
 * of a table (which go to the backend's 16 fast-path slots) in one shared lock table, sized at
 * start-up for max_locks_per_transaction × (max_connections + max_prepared_transactions) objects
 * and shared by every session. A transaction that fills it fails with "out of shared memory"
 * (SQLSTATE 53200). https://www.postgresql.org/docs/current/runtime-config-locks.html
 *
 * The unit here is one locked object (a table, an index, a sequence, a constraint, a row type…):
 * PostgreSQL keeps one entry per object however many modes the transaction holds on it, so
 * pg_locks, which lists one row per mode, shows more rows than entries. Measured on PostgreSQL 15
 * by creating each shape in an open transaction and counting the distinct objects pg_locks lists
 * (test/dialects/postgres/lock-budget.test.ts keeps the two in step).
 */

/** The server's defaults, used when its settings cannot be read. */
const DEFAULT_SETTINGS: LockSettings = { maxLocksPerTransaction: 64, maxConnections: 100, maxPreparedTransactions: 0 };

/**
 * The part of the lock table one migration may use. The table is shared: the application's
 * sessions hold locks too while a migration runs, and max_locks_per_transaction is meant as an
 * average per session, not what one session may take. Half leaves the other half to everyone
 * else, and absorbs the estimate's error on shapes it counts low. (The server can in fact give one
 * session somewhat more than the nominal size, from spare shared memory: about twice as much on an
 * idle PostgreSQL 15 with the defaults. Nothing guarantees that margin, so it is not counted on.)
 */
const SHARE = 0.5;

/**
 * Entries every migration's transaction takes besides its ops: its transaction id, the schema it
 * creates in, the version and audit-log tables, their indexes and sequence.
 */
const PER_TRANSACTION = 16;

export interface LockSettings {
  readonly maxLocksPerTransaction: number;
  readonly maxConnections: number;
  readonly maxPreparedTransactions: number;
}

export function budgetFor(settings: LockSettings, read: boolean): LockBudget {
  const { maxLocksPerTransaction: perTx, maxConnections: conns, maxPreparedTransactions: prepared } = settings;
  const total = perTx * (conns + prepared);
  const sessions = prepared > 0 ? `(${conns} connections + ${prepared} prepared transactions)` : `${conns} connections`;
  const perRevision = Math.max(1, Math.floor(total * SHARE) - PER_TRANSACTION);
  const n = (x: number) => x.toLocaleString("en-US");
  return {
    perRevision,
    describe:
      `at most ${n(perRevision)}: about half of PostgreSQL's lock table of ${n(total)} locks, max_locks_per_transaction ${perTx} × ${sessions}, which every session shares` +
      (read ? "" : "; the server's defaults, as its settings could not be read"),
  };
}

/** One query for the three settings; the defaults when there is no server to ask or it refuses. */
async function read(conn: Queryable | undefined): Promise<LockBudget> {
  if (!conn) return budgetFor(DEFAULT_SETTINGS, false);
  try {
    const [row] = await conn.query<{ per_tx: string; conns: string; prepared: string }>(
      "SELECT current_setting('max_locks_per_transaction') AS per_tx, current_setting('max_connections') AS conns, current_setting('max_prepared_transactions') AS prepared",
    );
    const settings = { maxLocksPerTransaction: Number(row?.per_tx), maxConnections: Number(row?.conns), maxPreparedTransactions: Number(row?.prepared) };
    if (!Object.values(settings).every((n) => Number.isInteger(n) && n >= 0)) return budgetFor(DEFAULT_SETTINGS, false);
    return budgetFor(settings, true);
  } catch {
    return budgetFor(DEFAULT_SETTINGS, false);
  }
}

/**
 * Fixed-size types: a column of one never gives the table a TOAST table. Every other type is
 * variable-length ("varlena"): text, varchar, bytea, json, jsonb, numeric, inet, arrays, ranges,
 * tsvector, extension types…
 */
const FIXED_SIZE = new Set([
  "smallint", "integer", "bigint", "real", "double precision", "boolean", "date", "time", "timetz", "timestamp", "timestamptz",
  "interval", "uuid", "money", "oid", "point", "line", "lseg", "box", "circle", "macaddr", "macaddr8", "enum", '"char"',
]);

/**
 * The row size above which PostgreSQL gives a new table a TOAST table when every column has a
 * known maximum size (TOAST_TUPLE_THRESHOLD with 8 kB pages, less the tuple header).
 * https://www.postgresql.org/docs/current/storage-toast.html
 */
const TOAST_THRESHOLD = 2032 - 24;

/** Whether `c` is of a fixed-size type (no TOAST-able value). */
function fixedSize(c: Column): boolean {
  return !c.array && FIXED_SIZE.has(c.type);
}

/** The largest value of a variable-length column, in bytes; undefined when it has no bound. */
function maxSize(c: Column): number | undefined {
  if (c.array) return undefined;
  switch (c.type) {
    // A character takes up to 4 bytes in UTF-8, the usual encoding; plus a 4-byte length header.
    case "varchar":
      return c.length === undefined ? undefined : c.length * 4 + 4;
    case "char":
      return (c.length ?? 1) * 4 + 4;
    case "bit":
    case "varbit":
      return c.length === undefined ? (c.type === "bit" ? 9 : undefined) : Math.ceil(c.length / 8) + 8;
    case "numeric":
      return c.precision === undefined ? undefined : Math.ceil(c.precision / 4) * 2 + 8;
    default:
      return undefined;
  }
}

/**
 * Whether PostgreSQL creates a TOAST table (and its index) with `columns`: when a variable-length
 * column has no maximum size, or the largest row is over the threshold. Fixed-size columns are
 * counted at 8 bytes, a little high for most.
 */
export function needsToast(columns: readonly Column[]): boolean {
  let total = 0;
  let variable = false;
  for (const c of columns) {
    if (fixedSize(c)) {
      total += 8;
      continue;
    }
    const size = maxSize(c);
    if (size === undefined) return true;
    variable = true;
    total += size;
  }
  return variable && total > TOAST_THRESHOLD;
}

/** Entries a new (or dropped) table takes, with everything created (or dropped) with it. */
export function tableLocks(table: Table): number {
  const generated = table.columns.filter((c) => c.autoIncrement !== undefined).length;
  const enums = new Set(table.columns.filter((c) => c.type === "enum").map((c) => c.enumName ?? c.name)).size;
  const referenced = new Set(table.foreignKeys.map((fk) => fk.referencedTable).filter((t) => t !== table.name)).size;
  return (
    2 + // the table and its row type
    (table.primaryKey ? 2 : 0) + // its index and its constraint
    table.uniques.length * 2 + // the same for each unique constraint
    table.indexes.length + // each index (CREATE [UNIQUE] INDEX makes no constraint)
    generated + // the sequence of each serial or identity column
    (needsToast(table.columns) ? 2 : 0) + // the TOAST table and its index
    enums + // an enum type created with it
    table.foreignKeys.length + // each foreign key's constraint…
    referenced // …and the table it references (counted even when this transaction holds it already)
  );
}

/**
 * Entries a dropped table takes: what its creation locked, and besides the objects a drop removes
 * that a create makes without locking: the row type's array type, each column default (a serial's
 * too), each check constraint, and the four triggers that enforce each foreign key.
 */
export function dropLocks(table: Table): number {
  const defaults = table.columns.filter((c) => c.default !== undefined || c.autoIncrement === "increment").length;
  return tableLocks(table) + 1 + defaults + (table.checks ?? []).length + table.foreignKeys.length * FOREIGN_KEY_TRIGGERS;
}

/** A foreign key is enforced by two triggers on each of its tables, each locked when dropped. */
const FOREIGN_KEY_TRIGGERS = 4;

/**
 * About how many lock-table entries `op` adds to its transaction, counted high rather than low
 * where the op does not say enough (an alteration's cost depends on the table's indexes).
 */
export function locksOf(op: Op): number {
  switch (op.kind) {
    case "createTable":
      return tableLocks(op.table);
    case "dropTable":
      return dropLocks(op.table);
    case "renameTable":
      // The table, its row type, and the sequences and indexes renamed with it.
      return 4;
    case "addColumn":
      // The table, a serial's sequence, a TOAST table the table may not have had yet.
      return 1 + (op.column.autoIncrement !== undefined ? 1 : 0) + (fixedSize(op.column) ? 0 : 2);
    case "dropColumn":
      // The table, the column's default, an index or constraint on it.
      return 3;
    case "renameColumn":
    case "setTableComment":
    case "dropCheck":
    case "addCheck":
      return 2;
    case "alterColumn":
      // A type change rewrites the table and rebuilds each of its indexes under new file nodes.
      return 12;
    case "createIndex":
    case "dropIndex":
      return 2 + (op.kind === "createIndex" && op.replaces ? 1 : 0);
    case "addUnique":
    case "dropUnique":
    case "addPrimaryKey":
    case "dropPrimaryKey":
      return 3;
    case "addForeignKey":
      // Both tables and the constraint.
      return 3;
    case "dropForeignKey":
      return 3 + FOREIGN_KEY_TRIGGERS;
    case "execute":
      // Unknown SQL: counted as one statement on one table.
      return 2;
    default: {
      const never: never = op;
      throw new Error(`unknown op ${JSON.stringify(never)}`);
    }
  }
}

export const lockBudget: LockBudgetHooks = { locksOf, read };
