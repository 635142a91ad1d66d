import type { Op } from "../ops/types";
import { columnDefinition, columnSpec, tableSpec } from "./column-spec";
import { literal as l } from "./literal";

type Renderers = { readonly [K in Op["kind"]]: (op: Extract<Op, { kind: K }>) => string };

/**
 * One renderer per op kind: the `op.*` call a reviewer reads in the migration file. The call's
 * arguments are exactly what the runtime `op` object (src/ops/migration-operations.ts) takes.
 * What an op risks (a drop's data…) is written above it by migration-file.ts, from its hazards.
 */
const renderers: Renderers = {
  createTable: (op) => `await op.createTable(${l(tableSpec(op.table))});`,
  dropTable: (op) => `await op.dropTable(${l(op.table.name)});`,
  renameTable: (op) => `await op.renameTable(${l(op.from)}, ${l(op.to)});`,
  addColumn: (op) => `await op.addColumn(${l(op.table)}, ${l(columnSpec(op.column))});`,
  dropColumn: (op) => `await op.dropColumn(${l(op.table)}, ${l(op.column.name)});`,
  alterColumn: (op) =>
    `await op.alterColumn(${l(op.table)}, ${l(op.to.name)}, { from: ${l(columnDefinition(op.from))}, to: ${l(columnDefinition(op.to))}${op.online ? ", online: true" : ""} });`,
  renameColumn: (op) => `await op.renameColumn(${l(op.table)}, ${l(op.from)}, ${l(op.to)});`,
  createIndex: (op) =>
    `await op.createIndex(${l(op.index.name)}, ${l(op.table)}, ${l(op.index.columns)}${
      op.index.unique || op.index.where || op.index.method || op.concurrently || op.replaces
        ? `, ${l({
            unique: op.index.unique || undefined,
            where: op.index.where,
            method: op.index.method,
            concurrently: op.concurrently || undefined,
            replace: op.replaces ? true : undefined,
          })}`
        : ""
    });`,
  dropIndex: (op) => `await op.dropIndex(${l(op.index.name)}, ${l(op.table)}${op.concurrently ? `, ${l({ concurrently: true })}` : ""});`,
  addUnique: (op) => `await op.addUnique(${l(op.unique.name)}, ${l(op.table)}, ${l(op.unique.columns)});`,
  dropUnique: (op) => `await op.dropUnique(${l(op.unique.name)}, ${l(op.table)});`,
  addForeignKey: (op) =>
    `await op.addForeignKey(${l(op.foreignKey.name)}, ${l(op.table)}, ${l(op.foreignKey.columns)}, ${l(op.foreignKey.referencedTable)}, ${l(
      op.foreignKey.referencedColumns,
    )}, ${l({ onDelete: op.foreignKey.onDelete, onUpdate: op.foreignKey.onUpdate, deferrable: op.foreignKey.deferrable, validate: op.validate })});`,
  dropForeignKey: (op) => `await op.dropForeignKey(${l(op.foreignKey.name)}, ${l(op.table)}${validateOption(op)});`,
  addPrimaryKey: (op) => `await op.addPrimaryKey(${l(op.primaryKey.name ?? null)}, ${l(op.table)}, ${l(op.primaryKey.columns)});`,
  dropPrimaryKey: (op) => `await op.dropPrimaryKey(${l(op.table)});`,
  addCheck: (op) => `await op.addCheck(${l(op.check.name)}, ${l(op.table)}, ${l(op.check.expression)}${validateOption(op)});`,
  dropCheck: (op) => `await op.dropCheck(${l(op.check.name)}, ${l(op.table)}${validateOption(op)});`,
  setTableComment: (op) => `await op.setTableComment(${l(op.table)}, ${l(op.to ?? null)});`,
  execute: (op) => `await op.execute(${l(op.sql)});`,
};

function validateOption(op: { readonly validate?: "separately" }): string {
  return op.validate ? `, ${l({ validate: op.validate })}` : "";
}

export function renderOp(op: Op): string {
  return (renderers[op.kind] as (op: Op) => string)(op);
}
