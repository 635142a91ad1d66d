import type { Schema, Table } from "../schema/types";
import type { Op } from "./types";

/**
 * The names `op` brings into the database, as a schema of their own, so the identifier-length
 * check that guards autogenerate (src/schema/identifier-limits.ts) also guards hand-written ops:
 * PostgreSQL would truncate a long name silently, and every later diff would be wrong.
 */
export function introducedNames(op: Op): Schema {
  const on = (name: string, parts: Partial<Table>): Schema => ({ tables: [{ name, columns: [], indexes: [], uniques: [], foreignKeys: [], ...parts }] });
  switch (op.kind) {
    case "createTable":
      return { tables: [op.table] };
    case "renameTable":
      return on(op.to, {});
    case "addColumn":
      return on(op.table, { columns: [op.column] });
    case "alterColumn":
      return on(op.table, { columns: [op.to] });
    case "renameColumn":
      return on(op.table, { columns: [{ name: op.to, type: "", nullable: true }] });
    case "createIndex":
      return on(op.table, { indexes: [op.index] });
    case "addUnique":
      return on(op.table, { uniques: [op.unique] });
    case "addForeignKey":
      return on(op.table, { foreignKeys: [op.foreignKey] });
    case "addPrimaryKey":
      return on(op.table, { primaryKey: op.primaryKey });
    case "addCheck":
      return on(op.table, { checks: [op.check] });
    case "dropTable":
    case "dropColumn":
    case "dropIndex":
    case "dropUnique":
    case "dropForeignKey":
    case "dropPrimaryKey":
    case "dropCheck":
    case "setTableComment":
    case "execute":
      return { tables: [] };
  }
}
