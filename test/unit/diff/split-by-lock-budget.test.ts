import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitByLockBudget, totalLocks } from "../../../src/diff/split-by-lock-budget";
import { compare } from "../../../src/diff/compare";
import { budgetFor, locksOf, needsToast, tableLocks } from "../../../src/dialects/postgres/lock-budget";
import { lockTableError } from "../../../src/dialects/postgres/lock-table-error";
import { LockTableFullError } from "../../../src/errors";
import type { Op } from "../../../src/ops/types";
import type { Column, Table } from "../../../src/schema/types";
import { fk, int, table, varchar } from "../fixtures";

const text = (name: string): Column => ({ name, type: "text", nullable: true });

/** The e2e test's entity: serial pk, a text column with an index. */
const entity = (i: number, extra: Partial<Table> = {}): Table =>
  table(`t_${i}`, {
    columns: [int("id", { autoIncrement: "increment" }), text("name")],
    primaryKey: { columns: ["id"] },
    indexes: [{ name: `ix_t_${i}_name`, columns: ["name"], unique: false }],
    ...extra,
  });

describe("PostgreSQL lock estimate", () => {
  it("counts a table, its primary key, sequence, TOAST table and index: 8 for the e2e test's entity", () => {
    assert.equal(tableLocks(entity(0)), 2 + 2 + 1 + 2 + 1);
    assert.equal(locksOf({ kind: "createTable", table: entity(0) }), 8);
  });

  it("gives a table a TOAST table for an unbounded variable-length column or a row over the threshold, not for fixed or short columns", () => {
    assert.equal(needsToast([int("id"), text("t")]), true);
    assert.equal(needsToast([int("id"), { name: "n", type: "numeric", nullable: true }]), true);
    assert.equal(needsToast([int("id"), { name: "a", type: "integer", array: true, nullable: true }]), true);
    assert.equal(needsToast([int("id"), { name: "n", type: "numeric", precision: 10, scale: 2, nullable: true }]), false);
    assert.equal(needsToast([int("id"), varchar("a", 255), varchar("b", 200)]), false);
    assert.equal(needsToast([int("id"), varchar("a", 255), varchar("b", 255)]), true);
    assert.equal(needsToast([int("id"), { name: "u", type: "uuid", nullable: false }, { name: "at", type: "timestamptz", nullable: false }]), false);
  });

  it("counts each unique constraint twice (index and constraint), each foreign key with its referenced table", () => {
    const t = table("t", {
      columns: [int("id"), int("p"), varchar("code", 10)],
      primaryKey: { columns: ["id"] },
      uniques: [{ name: "uq", columns: ["code"] }],
      foreignKeys: [fk("fk", ["p"], "parent")],
    });
    assert.equal(tableLocks(t), 2 + 2 + 2 + 2);
  });

  it("has an estimate for every op kind", () => {
    const ops: Op[] = [
      { kind: "renameTable", from: "a", to: "b" },
      { kind: "addColumn", table: "a", column: int("x") },
      { kind: "dropColumn", table: "a", column: int("x") },
      { kind: "createIndex", table: "a", index: { name: "i", columns: ["x"], unique: false } },
      { kind: "addForeignKey", table: "a", foreignKey: fk("f", ["x"], "b") },
      { kind: "dropForeignKey", table: "a", foreignKey: fk("f", ["x"], "b") },
      { kind: "execute", sql: "SELECT 1" },
    ];
    for (const op of ops) assert.ok(locksOf(op) >= 1 && locksOf(op) <= 12, op.kind);
  });

  it("allows one migration about half of the lock table, less its transaction's own entries, and says so", () => {
    const b = budgetFor({ maxLocksPerTransaction: 64, maxConnections: 100, maxPreparedTransactions: 0 }, true);
    assert.equal(b.perRevision, 3200 - 16);
    assert.match(b.describe, /^at most 3,184: about half of PostgreSQL's lock table of 6,400 locks, max_locks_per_transaction 64 × 100 connections/);
    const prepared = budgetFor({ maxLocksPerTransaction: 128, maxConnections: 50, maxPreparedTransactions: 10 }, false);
    assert.equal(prepared.perRevision, 3840 - 16);
    assert.match(prepared.describe, /128 × \(50 connections \+ 10 prepared transactions\).*defaults/);
  });
});

describe("splitByLockBudget", () => {
  const cost = (op: Op) => locksOf(op);

  it("keeps the ops in order, never puts more than the budget in a part, and leaves no part empty", () => {
    const ops = compare({ tables: [] }, { tables: Array.from({ length: 500 }, (_, i) => entity(i)) });
    const parts = splitByLockBudget(ops, cost, 100);
    assert.deepEqual(parts.flat(), ops);
    assert.equal(parts.length, Math.ceil(500 / Math.floor(100 / 8)));
    for (const part of parts) {
      assert.ok(part.length > 0);
      assert.ok(totalLocks(part, cost) <= 100, `a part takes ${totalLocks(part, cost)}`);
    }
  });

  it("leaves ops that fit as one part", () => {
    const ops = compare({ tables: [] }, { tables: [entity(0), entity(1)] });
    assert.deepEqual(splitByLockBudget(ops, cost, 100), [ops]);
    assert.deepEqual(splitByLockBudget([], cost, 100), []);
  });

  it("gives an op over the budget on its own a part of its own", () => {
    const ops: Op[] = [{ kind: "createTable", table: entity(0) }, { kind: "execute", sql: "a" }, { kind: "createTable", table: entity(1) }];
    assert.deepEqual(
      splitByLockBudget(ops, (op) => (op.kind === "execute" ? 50 : 8), 10).map((p) => p.length),
      [1, 1, 1],
    );
  });

  it("keeps every foreign key pointing at a table of its own part or an earlier one, cycles included", () => {
    // A chain (each table references the one before) and a cycle a → b → a: the differ defers the
    // key closing the cycle to an addForeignKey after every table.
    const chain = Array.from({ length: 60 }, (_, i) => entity(i, i === 0 ? {} : { columns: [int("id"), int("prev")], foreignKeys: [fk(`fk_${i}`, ["prev"], `t_${i - 1}`)] }));
    const a = table("cyc_a", { columns: [int("id"), int("b")], primaryKey: { columns: ["id"] }, foreignKeys: [fk("fk_a_b", ["b"], "cyc_b")] });
    const b = table("cyc_b", { columns: [int("id"), int("a")], primaryKey: { columns: ["id"] }, foreignKeys: [fk("fk_b_a", ["a"], "cyc_a")] });
    const ops = compare({ tables: [] }, { tables: [...chain.reverse(), a, b] });
    assert.ok(ops.some((op) => op.kind === "addForeignKey"), "the cycle's closing key is added after the tables");
    const parts = splitByLockBudget(ops, cost, 40);
    assert.ok(parts.length > 5);
    const createdIn = new Map<string, number>();
    parts.forEach((part, i) => {
      for (const op of part) if (op.kind === "createTable") createdIn.set(op.table.name, i);
    });
    parts.forEach((part, i) => {
      for (const op of part) {
        const keys = op.kind === "createTable" ? op.table.foreignKeys.map((k) => [op.table.name, k.referencedTable]) : op.kind === "addForeignKey" ? [[op.table, op.foreignKey.referencedTable]] : [];
        for (const [from, to] of keys) {
          assert.ok(createdIn.get(to)! <= i, `${from} → ${to}: part ${i + 1} references part ${createdIn.get(to)! + 1}`);
          assert.ok(createdIn.get(from)! <= i);
        }
      }
    });
  });
});

describe("lockTableError", () => {
  it("turns PostgreSQL's out of shared memory about max_locks_per_transaction into a LockTableFullError with what to do", () => {
    const e = lockTableError({ code: "53200", message: "out of shared memory", hint: "You might need to increase max_locks_per_transaction." }, 'CREATE TABLE "t" ()');
    assert.ok(e instanceof LockTableFullError);
    assert.match(e.message, /more locks than the server's lock table holds.*CREATE TABLE "t"/);
    assert.match(e.hint ?? "", /revision --autogenerate.*max_locks_per_transaction.*restart/s);
  });

  it("leaves other errors, the server really out of memory, and predicate locks alone", () => {
    assert.equal(lockTableError({ code: "42501", message: "permission denied" }, "x"), undefined);
    assert.equal(lockTableError({ code: "53200", message: "out of memory", hint: undefined }, "x"), undefined);
    assert.equal(lockTableError({ code: "53200", message: "out of shared memory", hint: "You might need to increase max_pred_locks_per_transaction." }, "x"), undefined);
  });
});
