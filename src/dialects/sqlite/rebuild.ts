import { applyOp } from "../../ops/apply";
import type { Op } from "../../ops/types";
import { findTable } from "../../schema/lookup";
import type { Column, Table, UnmodelledObject } from "../../schema/types";
import { tokenize } from "./create-table-sql";
import { COLUMN_CONSTRAINT, columnConstraints, foreignKeyClauses, tableConstraints } from "./unmodelled";
import { createIndexSql, createTableSql } from "./table-sql";
import { quoteIdentifier as q, quoteLiteral } from "./quote";

/**
 * SQLite's ALTER TABLE cannot change a column's type, nullability or default, nor add or drop
 * constraints. Those ops rebuild the table ("move and copy",
 * https://www.sqlite.org/lang_altertable.html#otheralter):
 *
 *   CREATE TABLE "<tmp>" (new definition)
 *   INSERT INTO "<tmp>" (cols) SELECT cols FROM "t"      -- every row; SQLite's type affinity converts
 *   (carry the AUTOINCREMENT counter over in sqlite_sequence)
 *   DROP TABLE "t"                                        -- drops its indexes too
 *   ALTER TABLE "<tmp>" RENAME TO "t"
 *   CREATE INDEX ...                                      -- every index that survives
 *
 * THE CALLER MUST, around these statements (SQLite ignores `PRAGMA foreign_keys` inside a
 * transaction, and better-sqlite3 turns foreign keys ON by default):
 *   PRAGMA foreign_keys = OFF   -- before BEGIN; otherwise DROP TABLE "t" deletes (CASCADE) or
 *                               -- rejects the child rows that reference "t"
 *   BEGIN
 *   ...statements...
 *   PRAGMA foreign_key_check    -- any row returned: ROLLBACK and report it
 *   COMMIT
 *   PRAGMA foreign_keys = ON    -- restore the previous value
 * and keep `PRAGMA legacy_alter_table` OFF (the default). Triggers and views on the table are
 * not recreated (the IR does not carry them). What the table's CREATE text holds beyond the IR
 * (`table.unmodelled`: a hand-written `CHECK(json_valid("info"))`, `WITHOUT ROWID`…) is written
 * again verbatim; a column's own clauses go with the column when it is dropped.
 * Generated columns are computed, never copied (SQLite refuses an INSERT into them).
 */

export type RebuildOp = Extract<
  Op,
  {
    kind:
      | "addColumn"
      | "dropColumn"
      | "alterColumn"
      | "addUnique"
      | "dropUnique"
      | "addForeignKey"
      | "dropForeignKey"
      | "addPrimaryKey"
      | "dropPrimaryKey"
      | "addCheck"
      | "dropCheck";
  }
>;

export interface Rebuilt {
  readonly table: Table;
  /** New column name → the old column its rows come from (absent: a new column, filled by its default). */
  readonly sources: ReadonlyMap<string, string>;
}

/**
 * `table` with `op` applied, and where each of its columns' data comes from. The table is the
 * shared simulation's (ops/apply.ts: what the runner and offline replay predict too), with the
 * SQLite-only adjustments on top, each because SQLite's CREATE TABLE text holds more than the IR:
 * - a column's unmodelled clauses go with the column (dropped with it, renamed with it);
 * - AUTOINCREMENT stays only on a single-column primary key (autoIncrementOnKeyOnly).
 */
export function rebuiltTable(table: Table, op: RebuildOp): Rebuilt {
  const shared = findTable(applyOp({ tables: [table] }, op), table.name)!;
  const { unmodelled: kept = [], ...base } = shared;
  const sources = new Map(table.columns.map((c) => [c.name, c.name]));
  switch (op.kind) {
    case "dropColumn": {
      const name = op.column.name;
      sources.delete(name);
      return { table: autoIncrementOnKeyOnly({ ...base, ...unmodelledPart(kept.filter((u) => !(u.kind === COLUMN_CONSTRAINT && u.name === name))) }), sources };
    }
    case "alterColumn": {
      const from = op.from.name;
      const to = op.to.name;
      sources.delete(from);
      sources.set(to, from);
      const renamed = kept.map((u) => (u.kind === COLUMN_CONSTRAINT && u.name === from ? { ...u, name: to } : u));
      return { table: autoIncrementOnKeyOnly({ ...base, ...unmodelledPart(renamed) }), sources };
    }
    default:
      return { table: autoIncrementOnKeyOnly(shared), sources };
  }
}

/**
 * AUTOINCREMENT is legal only on the column of a single-column INTEGER PRIMARY KEY
 * (https://www.sqlite.org/autoinc.html): it goes with the key. Applied to every rebuild, not only
 * to dropPrimaryKey's, because the runner's model (the shared simulation, which cannot know this
 * SQLite rule) still marks the column after the key was dropped, and a later rebuild in the same
 * migration must not write the keyword back.
 */
function autoIncrementOnKeyOnly(table: Table): Table {
  const key = table.primaryKey?.columns ?? [];
  if (!table.columns.some((c) => c.autoIncrement && !(key.length === 1 && key[0] === c.name))) return table;
  const columns = table.columns.map((c): Column => {
    if (!c.autoIncrement || (key.length === 1 && key[0] === c.name)) return c;
    const { autoIncrement: _dropped, ...rest } = c;
    return rest;
  });
  return { ...table, columns };
}

/** `unmodelled` as a conditional spread: an absent key, never an empty list. */
function unmodelledPart(unmodelled: readonly UnmodelledObject[]): { unmodelled?: readonly UnmodelledObject[] } {
  return unmodelled.length ? { unmodelled } : {};
}

/** Temporary name of the table being rebuilt. */
export function rebuildTempName(table: string): string {
  return `__athanor_rebuild_${table}`;
}

/** The move-and-copy statements turning `current` into `next` (same name), keeping every row. */
export function rebuildSql(current: Table, rebuilt: Rebuilt): string[] {
  const next = rebuilt.table;
  const tmp = rebuildTempName(next.name);
  const stored = (c: Column | undefined) => c !== undefined && c.asExpression === undefined;
  const pairs = next.columns
    .filter((c) => stored(c) && rebuilt.sources.has(c.name) && stored(current.columns.find((o) => o.name === rebuilt.sources.get(c.name))))
    .map((c) => [c.name, rebuilt.sources.get(c.name)!] as const);
  const sql = [createTableSql(next, tmp)];
  if (pairs.length > 0) {
    sql.push(
      `INSERT INTO ${q(tmp)} (${pairs.map(([n]) => q(n)).join(", ")}) SELECT ${pairs.map(([, o]) => q(o)).join(", ")} FROM ${q(current.name)}`,
    );
  }
  // Copying explicit ids sets the counter to max(id); the old one may be higher (deleted rows).
  if (current.columns.some((c) => c.autoIncrement === "increment") && next.columns.some((c) => c.autoIncrement === "increment")) {
    sql.push(`DELETE FROM sqlite_sequence WHERE name = ${quoteLiteral(tmp)}`);
    sql.push(`INSERT INTO sqlite_sequence (name, seq) SELECT ${quoteLiteral(tmp)}, seq FROM sqlite_sequence WHERE name = ${quoteLiteral(current.name)}`);
  }
  sql.push(`DROP TABLE ${q(current.name)}`);
  sql.push(`ALTER TABLE ${q(tmp)} RENAME TO ${q(next.name)}`);
  for (const index of next.indexes) sql.push(createIndexSql(next.name, index));
  return sql;
}

/**
 * The expressions of `table` (CHECKs, generated columns, partial index predicates, unmodelled
 * constraints) that still name one of `columns`: SQLite refuses to drop or rename a column from
 * under them ("no such column" in the middle of the migration), so the op is refused up front.
 */
export function expressionsUsing(table: Table, columns: readonly string[]): string[] {
  const names = new Set(columns.map((c) => c.toLowerCase()));
  const uses = (sql: string) => tokenize(sql).some((t) => t.kind === "id" && names.has(t.value.toLowerCase()));
  const texts = [
    ...(table.checks ?? []).map((c) => `CHECK (${c.expression})`),
    ...table.columns.filter((c) => c.asExpression !== undefined && !names.has(c.name.toLowerCase())).map((c) => `${c.name} AS (${c.asExpression})`),
    ...table.indexes.filter((i) => i.where !== undefined).map((i) => `${i.name} WHERE ${i.where}`),
    ...tableConstraints(table),
    ...table.columns.filter((c) => !names.has(c.name.toLowerCase())).flatMap((c) => columnConstraints(table, c.name)),
    ...table.foreignKeys.flatMap((f) => foreignKeyClauses(table, f.name)),
  ];
  return texts.filter(uses);
}
