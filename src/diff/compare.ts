import type { Op } from "../ops/types";
import { compareNames, sortTables } from "../schema/lookup";
import type { ForeignKey, Schema, Table } from "../schema/types";
import { columnDifferences, sameCheck, sameForeignKey, sameIndex, sameList, sameUnique } from "./equal";
import { applyRenames } from "./apply-renames";
import { NO_RENAMES, type RenameHints } from "./renames";
import { orderForCreate } from "./table-order";
import { foreignKeysAroundAlters } from "./foreign-keys-around-alters";
import type { Capabilities } from "../dialects/dialect";

/**
 * compare(current, desired) → the ops that turn `current` into `desired`. Pure and deterministic.
 *
 * Order: renames; foreign keys, uniques and indexes that go away; new tables (parents first);
 * column additions and alterations; primary keys; column drops; new uniques, indexes and
 * foreign keys; dropped tables (children first). So a column is never dropped while an index or
 * key still uses it, and a foreign key never points at a table that does not exist yet.
 */
export function compare(current: Schema, desired: Schema, renames: RenameHints = NO_RENAMES, capabilities: Pick<Capabilities, "alterColumnInForeignKey"> = {}): Op[] {
  const { schema: before, ops: renameOps } = applyRenames(current, renames);
  const beforeByName = new Map(before.tables.map((t) => [t.name, t]));
  const desiredByName = new Map(desired.tables.map((t) => [t.name, t]));
  const created = sortTables(desired.tables.filter((t) => !beforeByName.has(t.name)));
  const dropped = sortTables(before.tables.filter((t) => !desiredByName.has(t.name)));
  const kept = sortTables(desired.tables.filter((t) => beforeByName.has(t.name))).map((t) => ({ before: beforeByName.get(t.name)!, after: t }));

  const dropFks: Op[] = [];
  const dropKeys: Op[] = [];
  const columnChanges: Op[] = [];
  const pkChanges: Op[] = [];
  const columnDrops: Op[] = [];
  const addKeys: Op[] = [];
  const addFks: Op[] = [];

  for (const { before: b, after: a } of kept) {
    const fks = matchNamed(b.foreignKeys, a.foreignKeys, sameForeignKey, foreignKeyKeepsLegacyName);
    for (const fk of fks.removed) dropFks.push({ kind: "dropForeignKey", table: b.name, foreignKey: fk });
    for (const fk of fks.added) addFks.push({ kind: "addForeignKey", table: a.name, foreignKey: fk });

    const uniques = matchNamed(b.uniques, a.uniques, sameUnique, true);
    const indexes = matchNamed(b.indexes, a.indexes, sameIndex, false);
    for (const u of uniques.removed) dropKeys.push({ kind: "dropUnique", table: b.name, unique: u });
    for (const i of indexes.removed) dropKeys.push({ kind: "dropIndex", table: b.name, index: i });
    for (const u of uniques.added) addKeys.push({ kind: "addUnique", table: a.name, unique: u });
    for (const i of indexes.added) addKeys.push({ kind: "createIndex", table: a.name, index: i });

    // Checks are named by TypeORM's naming strategy from their expression, so they pair by
    // definition too (a hand-named check with the same expression is not a change).
    const checks = matchNamed(b.checks ?? [], a.checks ?? [], sameCheck, true);
    for (const c of checks.removed) dropKeys.push({ kind: "dropCheck", table: b.name, check: c });
    for (const c of checks.added) addKeys.push({ kind: "addCheck", table: a.name, check: c });
    if ((b.comment ?? undefined) !== (a.comment ?? undefined)) {
      columnChanges.push({ kind: "setTableComment", table: a.name, ...(b.comment !== undefined ? { from: b.comment } : {}), ...(a.comment !== undefined ? { to: a.comment } : {}) });
    }

    const beforeCols = new Map(b.columns.map((c) => [c.name, c]));
    const afterNames = new Set(a.columns.map((c) => c.name));
    for (const col of a.columns) {
      const old = beforeCols.get(col.name);
      if (!old) columnChanges.push({ kind: "addColumn", table: a.name, column: col });
      else if (columnDifferences(old, col).length > 0) columnChanges.push({ kind: "alterColumn", table: a.name, from: old, to: col });
    }
    for (const col of b.columns) {
      if (!afterNames.has(col.name)) columnDrops.push({ kind: "dropColumn", table: b.name, column: col });
    }

    if (!sameList(b.primaryKey?.columns, a.primaryKey?.columns)) {
      if (b.primaryKey) dropKeys.push({ kind: "dropPrimaryKey", table: b.name, primaryKey: b.primaryKey });
      if (a.primaryKey) pkChanges.push({ kind: "addPrimaryKey", table: a.name, primaryKey: a.primaryKey });
    }
  }

  // Foreign keys from kept tables into dropped tables go before the drops.
  const createOps: Op[] = [];
  const { ordered, deferred } = orderForCreate(created, new Set(before.tables.map((t) => t.name)));
  for (const t of ordered) {
    const later = deferred.get(t.name) ?? [];
    const table: Table = later.length === 0 ? t : { ...t, foreignKeys: t.foreignKeys.filter((fk) => !later.includes(fk)) };
    createOps.push({ kind: "createTable", table });
    for (const fk of later) addFks.push({ kind: "addForeignKey", table: t.name, foreignKey: fk });
  }

  const dropOps: Op[] = [];
  const droppedOrder = orderForCreate(dropped, new Set()).ordered.reverse();
  // A foreign key between two dropped tables that the create order had to defer must go first.
  const droppedCycleFks = orderForCreate(dropped, new Set()).deferred;
  for (const [table, fks] of droppedCycleFks) for (const fk of fks) dropFks.push({ kind: "dropForeignKey", table, foreignKey: fk });
  for (const t of droppedOrder) {
    const cut = droppedCycleFks.get(t.name) ?? [];
    dropOps.push({ kind: "dropTable", table: cut.length === 0 ? t : { ...t, foreignKeys: t.foreignKeys.filter((fk) => !cut.includes(fk)) } });
  }

  const ops = [...renameOps, ...dropFks, ...dropKeys, ...createOps, ...columnChanges, ...pkChanges, ...columnDrops, ...addKeys, ...addFks, ...dropOps];
  return capabilities.alterColumnInForeignKey === false ? foreignKeysAroundAlters(ops, before) : ops;
}

interface Matched<T> {
  readonly removed: T[];
  readonly added: T[];
}

/**
 * Pairs named objects by name; a changed definition is a removal plus an addition. Objects whose
 * names are generated (foreign keys, unique constraints: `bySignature`) and objects the database
 * reports without a name (SQLite's inline constraints) also pair with an equal definition under
 * another name, so a legacy or hand-written constraint name is not a spurious drop and re-add.
 */
function matchNamed<T extends { readonly name: string }>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
  bySignature: boolean | ((before: T, after: T) => boolean),
): Matched<T> {
  const signature = (b: T, a: T) => (typeof bySignature === "function" ? bySignature(b, a) : bySignature);
  const removed: T[] = [];
  const added: T[] = [];
  const unmatchedBefore = [...before];
  for (const a of after) {
    const i = unmatchedBefore.findIndex((b) => b.name === a.name && a.name !== "");
    if (i >= 0) {
      const [b] = unmatchedBefore.splice(i, 1);
      if (!same(b, a)) {
        removed.push(b);
        added.push(a);
      }
      continue;
    }
    const j = unmatchedBefore.findIndex((b) => (signature(b, a) || b.name === "" || a.name === "") && (b.name === "" || !after.some((x) => x.name === b.name)) && same(b, a));
    if (j >= 0) unmatchedBefore.splice(j, 1);
    else added.push(a);
  }
  removed.push(...unmatchedBefore);
  const byName = (x: T, y: T) => compareNames(x.name, y.name);
  return { removed: removed.sort(byName), added: added.sort(byName) };
}

/**
 * TypeORM names a foreign key `FK_` + 27 hex digits hashed from its table and columns, and its
 * schema builder drops and re-adds every key whose name differs from the metadata's. A key of
 * equal definition pairs under another name only when the database's name is a legacy or
 * hand-written one and the model's is TypeORM's generated one (adopting a database must not churn
 * its keys). When the database holds a generated name (the table was renamed, so the hash moved)
 * or the entity names the key itself (`foreignKeyConstraintName`), the names must agree.
 */
function foreignKeyKeepsLegacyName(before: ForeignKey, after: ForeignKey): boolean {
  const generated = (name: string) => /^FK_[0-9a-f]{27}$/.test(name);
  return generated(after.name) && !generated(before.name);
}

export type { ForeignKey };
