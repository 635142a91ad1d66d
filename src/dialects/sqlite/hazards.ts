import { canAddInPlace } from "./ddl";
import type { Hazard } from "../../ops/hazard";
import type { Op } from "../../ops/types";
import type { Column } from "../../schema/types";
import { sqliteCapabilities } from "./server-version";

/**
 * SQLite's own hazards: most ALTERs are a table rebuild ("move and copy", rebuild.ts), which
 * rewrites every row while holding the database's write lock.
 * https://www.sqlite.org/lang_altertable.html#otheralter
 */
export function hazards(op: Op, serverVersion: string): Hazard[] {
  switch (op.kind) {
    case "addColumn":
      return canAddInPlace(op.column) ? [] : rebuild(op.table, `adds "${op.column.name}"`);
    case "dropColumn":
      // ALTER TABLE DROP COLUMN rewrites the table's content too, in place or as a rebuild.
      return rebuild(op.table, `drops "${op.column.name}"`, "every row is rewritten without it");
    case "renameColumn":
      // RENAME COLUMN arrived in SQLite 3.25.0; before, only a rebuild renames (the compiler's choice, server-version.ts).
      return sqliteCapabilities(serverVersion).renameColumn === "rebuild" ? rebuild(op.table, `renames "${op.from}"`) : [];
    case "alterColumn":
      return onlyRenamed(op.from, op.to) ? [] : rebuild(op.table, `alters "${op.to.name}"`);
    case "addCheck":
    case "dropCheck":
    case "addUnique":
    case "dropUnique":
    case "addForeignKey":
    case "dropForeignKey":
    case "addPrimaryKey":
    case "dropPrimaryKey":
      return rebuild(op.table, `${op.kind} needs a rebuild`);
    case "createTable":
    case "dropTable":
    case "renameTable":
    case "createIndex":
    case "dropIndex":
    case "setTableComment":
    case "execute":
      return [];
  }
}

function rebuild(table: string, what: string, how = "every row copied to a new table"): Hazard[] {
  return [
    { code: "blocks-writes", scales: "rows", message: `writes to the database wait while "${table}" is rewritten` },
    { code: "rewrites-table", scales: "rows", message: `${what}: "${table}" is rewritten (${how})` },
  ];
}

function onlyRenamed(from: Column, to: Column): boolean {
  const strip = ({ rawType: _r, name: _n, ...rest }: Column) => JSON.stringify(Object.entries(rest).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  return strip(from) === strip(to);
}
