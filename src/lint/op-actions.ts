import type { DialectName } from "../dialects/dialect";
import type { Hazard } from "../ops/hazard";
import type { Op } from "../ops/types";
import type { LintAction } from "./action";
import { classifySql } from "./classify-sql";
import { splitSqlStatements } from "../runner/split-sql";

/**
 * The lint actions of one recorded op. What depends on the dialect and the server's version (does
 * this rewrite the table? does it narrow the type?) comes from the op's hazards
 * (src/ops/hazards.ts), so lint and the generated file's comments always agree.
 */
export function opActions(op: Op, found: readonly Hazard[], dialect: DialectName, serverVersion: string): LintAction[] {
  const out: LintAction[] = [];
  const rewrite = found.find((h) => h.code === "rewrites-table");
  switch (op.kind) {
    case "createTable":
      return [{ kind: "create-table", table: op.table.name }];
    case "dropTable":
      return [{ kind: "drop-table", table: op.table.name }];
    case "renameTable":
      return [{ kind: "rename-table", from: op.from, to: op.to }];
    case "addColumn": {
      const required = found.some((h) => h.code === "validates-rows");
      if (required) out.push({ kind: "add-required-column", table: op.table, column: op.column.name });
      break;
    }
    case "dropColumn":
      out.push({ kind: "drop-column", table: op.table, column: op.column.name });
      break;
    case "alterColumn": {
      if (op.from.name !== op.to.name) out.push({ kind: "rename-column", table: op.table, from: op.from.name, to: op.to.name });
      if (op.from.nullable && !op.to.nullable) out.push({ kind: "set-not-null", table: op.table, column: op.to.name });
      const narrows = found.find((h) => h.code === "deletes-data");
      if (narrows) out.push({ kind: "narrow-column", table: op.table, column: op.to.name, reason: narrows.message });
      break;
    }
    case "renameColumn":
      return [{ kind: "rename-column", table: op.table, from: op.from, to: op.to }];
    case "createIndex":
      out.push({ kind: "create-index", table: op.table, name: op.index.name, concurrently: op.concurrently === true });
      if (op.index.unique) out.push({ kind: "add-unique", table: op.table, name: op.index.name });
      break;
    case "dropIndex":
      return [{ kind: "drop-index", table: op.table, name: op.index.name, concurrently: op.concurrently === true }];
    case "addUnique":
      out.push({ kind: "add-unique", table: op.table, name: op.unique.name });
      break;
    case "addPrimaryKey":
      out.push({ kind: "add-unique", table: op.table, name: op.primaryKey.name ?? "primary key" });
      break;
    case "addForeignKey":
      out.push({ kind: "add-foreign-key", table: op.table, name: op.foreignKey.name, notValid: op.validate === "separately" });
      break;
    case "addCheck":
      out.push({ kind: "add-check", table: op.table, name: op.check.name, notValid: op.validate === "separately" });
      break;
    case "execute":
      return splitSqlStatements(op.sql).flatMap((sql) => classifySql(sql, dialect, serverVersion));
    case "dropUnique":
    case "dropForeignKey":
    case "dropPrimaryKey":
    case "dropCheck":
    case "setTableComment":
      break;
  }
  if (rewrite) out.push({ kind: "rewrite-table", table: op.table, reason: rewrite.message });
  return out;
}
