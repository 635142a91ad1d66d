import { IrreversibleOperationError } from "../errors";
import type { Op } from "./types";

/** The op that undoes `op`. `reverseOp(reverseOp(op))` equals `op` for every reversible op. */
export function reverseOp(op: Op): Op {
  switch (op.kind) {
    case "createTable":
      return { kind: "dropTable", table: op.table };
    case "dropTable":
      return { kind: "createTable", table: op.table };
    case "renameTable":
      return { kind: "renameTable", from: op.to, to: op.from };
    case "addColumn":
      return { kind: "dropColumn", table: op.table, column: op.column };
    case "dropColumn":
      return { kind: "addColumn", table: op.table, column: op.column };
    case "alterColumn":
      return { kind: "alterColumn", table: op.table, from: op.to, to: op.from, ...online(op) };
    case "renameColumn":
      return { kind: "renameColumn", table: op.table, from: op.to, to: op.from };
    case "createIndex":
      // Undoing a replacement is the replacement the other way round, online the same way.
      if (op.replaces) return { kind: "createIndex", table: op.table, index: op.replaces, replaces: op.index, ...concurrently(op) };
      return { kind: "dropIndex", table: op.table, index: op.index, ...concurrently(op) };
    case "dropIndex":
      return { kind: "createIndex", table: op.table, index: op.index, ...concurrently(op) };
    case "addUnique":
      return { kind: "dropUnique", table: op.table, unique: op.unique };
    case "dropUnique":
      return { kind: "addUnique", table: op.table, unique: op.unique };
    case "addForeignKey":
      return { kind: "dropForeignKey", table: op.table, foreignKey: op.foreignKey, ...separately(op) };
    case "dropForeignKey":
      return { kind: "addForeignKey", table: op.table, foreignKey: op.foreignKey, ...separately(op) };
    case "addPrimaryKey":
      return { kind: "dropPrimaryKey", table: op.table, primaryKey: op.primaryKey };
    case "dropPrimaryKey":
      return { kind: "addPrimaryKey", table: op.table, primaryKey: op.primaryKey };
    case "addCheck":
      return { kind: "dropCheck", table: op.table, check: op.check, ...separately(op) };
    case "dropCheck":
      return { kind: "addCheck", table: op.table, check: op.check, ...separately(op) };
    case "setTableComment":
      return { kind: "setTableComment", table: op.table, ...(op.to !== undefined ? { from: op.to } : {}), ...(op.from !== undefined ? { to: op.from } : {}) };
    case "execute":
      if (op.reverseSql === undefined) {
        throw new IrreversibleOperationError(`op.execute(${JSON.stringify(op.sql.slice(0, 60))}) has no reverse`);
      }
      return { kind: "execute", sql: op.reverseSql, reverseSql: op.sql };
  }
}

// The online flags travel with the reverse: undoing an online change must be as gentle as doing it.
function concurrently(op: { readonly concurrently?: boolean }): { concurrently?: true } {
  return op.concurrently ? { concurrently: true } : {};
}
function separately(op: { readonly validate?: "separately" }): { validate?: "separately" } {
  return op.validate ? { validate: op.validate } : {};
}
function online(op: { readonly online?: boolean }): { online?: true } {
  return op.online ? { online: true } : {};
}

/** The downgrade of an upgrade: the reverses, in reverse order. */
export function reverseOps(ops: readonly Op[]): Op[] {
  return [...ops].reverse().map(reverseOp);
}
