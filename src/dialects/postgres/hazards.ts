import type { Hazard } from "../../ops/hazard";
import type { Op } from "../../ops/types";
import type { Column } from "../../schema/types";
import { columnTypeChanges } from "./alter-column-type";

/**
 * PostgreSQL's own hazards: which ALTERs rewrite the table, and which hold ACCESS EXCLUSIVE (reads
 * wait too) for longer than a catalog change. Lock levels per form:
 * https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
 * https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES
 */
export function hazards(op: Op, serverVersion: string): Hazard[] {
  switch (op.kind) {
    case "addColumn": {
      const why = addColumnRewrite(op.column, majorVersion(serverVersion));
      return why ? rewrite(op.table, why) : [];
    }
    case "alterColumn": {
      const out: Hazard[] = [];
      if (columnTypeChanges(op.from, op.to) && !binaryCoercible(op.from, op.to)) {
        out.push(...rewrite(op.table, `changes the type of "${op.table}"."${op.to.name}"`));
      }
      // Online (a validated check proves it first), SET NOT NULL needs no scan under the lock.
      if (op.from.nullable && !op.to.nullable && !op.online) {
        // SET NOT NULL scans the whole table holding ACCESS EXCLUSIVE.
        out.push({ code: "blocks-reads", scales: "rows", message: `reads and writes of "${op.table}" wait while every row is checked for NULLs` });
      }
      return out;
    }
    case "addCheck":
      // NOT VALID, then VALIDATE after a commit: the scan holds a lock that lets reads and writes through.
      if (op.validate === "separately") return [];
      return [{ code: "blocks-reads", scales: "rows", message: `reads and writes of "${op.table}" wait while check "${op.check.name}" validates every row` }];
    case "addUnique":
    case "addPrimaryKey":
      // ADD CONSTRAINT UNIQUE/PRIMARY KEY builds its index holding ACCESS EXCLUSIVE.
      return [{ code: "blocks-reads", scales: "rows", message: `reads and writes of "${op.table}" wait while the constraint's index is built` }];
    case "addForeignKey":
      if (op.validate === "separately") return [];
      // SHARE ROW EXCLUSIVE on both tables while the rows are checked.
      return [
        {
          code: "blocks-writes",
          scales: "rows",
          message: `writes to "${op.table}" and "${op.foreignKey.referencedTable}" wait while foreign key "${op.foreignKey.name}" validates every row`,
        },
      ];
    case "dropIndex":
      // Without CONCURRENTLY, DROP INDEX takes ACCESS EXCLUSIVE on the table: short, but it queues
      // behind any long transaction and everything queues behind it.
      return op.concurrently ? [] : [{ code: "blocks-reads", scales: "constant", message: `reads and writes of "${op.table}" wait briefly while index "${op.index.name}" is dropped` }];
    case "createTable":
    case "dropTable":
    case "renameTable":
    case "dropColumn":
    case "renameColumn":
    case "createIndex":
    case "dropUnique":
    case "dropForeignKey":
    case "dropPrimaryKey":
    case "dropCheck":
    case "setTableComment":
    case "execute":
      return [];
  }
}

function rewrite(table: string, what: string): Hazard[] {
  return [
    { code: "blocks-reads", scales: "rows", message: `reads and writes of "${table}" wait (ACCESS EXCLUSIVE) while the table is rewritten` },
    { code: "rewrites-table", scales: "rows", message: `${what}: the whole table "${table}" is rewritten` },
  ];
}

/** Functions whose value differs per row: a default calling one is computed for every existing row. */
const VOLATILE = /\b(random|gen_random_uuid|uuid_generate_v[1-4]|clock_timestamp|timeofday|nextval|statement_timestamp)\s*\(/i;

/**
 * Why adding `c` rewrites the table, or undefined when it is a catalog change. Since PostgreSQL 11
 * a non-volatile default is stored in the catalog ("fast default"); before, any default rewrote.
 * https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
 */
function addColumnRewrite(c: Column, major: number): string | undefined {
  const column = `"${c.name}"`;
  if (c.autoIncrement !== undefined) return `adds ${column} with generated values for every existing row`;
  if (c.asExpression !== undefined) return `adds stored generated column ${column}, computed for every existing row`;
  if (c.default === undefined || /^null$/i.test(c.default)) return undefined;
  if (major < 11) return `adds ${column} with a default (before PostgreSQL 11 that writes the default into every row)`;
  if (VOLATILE.test(c.default)) return `adds ${column} with a volatile default (${c.default}), evaluated for every existing row`;
  return undefined;
}

/**
 * A type change PostgreSQL makes without touching the rows: a longer (or unlimited) varchar, varchar
 * ↔ text, a numeric with more digits and the same scale, more fractional-second digits.
 * https://www.postgresql.org/docs/current/sql-altertable.html ("binary coercible")
 */
function binaryCoercible(from: Column, to: Column): boolean {
  if (Boolean(from.array) !== Boolean(to.array)) return false;
  const stringy = (c: Column) => c.type === "text" || c.type === "varchar";
  if (stringy(from) && stringy(to)) {
    const limit = (c: Column) => (c.type === "varchar" ? c.length : undefined);
    const a = limit(from);
    const b = limit(to);
    return b === undefined || (a !== undefined && b >= a);
  }
  if (from.type === "numeric" && to.type === "numeric") {
    if (to.precision === undefined) return true;
    return from.precision !== undefined && to.precision >= from.precision && (from.scale ?? 0) === (to.scale ?? 0);
  }
  if (from.type === to.type && ["timestamp", "timestamptz", "time", "timetz", "interval"].includes(to.type)) {
    return to.precision === undefined || (from.precision !== undefined && to.precision >= from.precision);
  }
  // Same type written the same way: only the collation changed, which rebuilds indexes, not rows.
  return to.type !== "enum" && from.type === to.type && from.length === to.length && from.precision === to.precision && from.scale === to.scale && from.enumName === to.enumName;
}

/** "16.4", "9.6.24", "15.20 (Debian …)" → the major version; an unreadable one counts as current. */
function majorVersion(serverVersion: string): number {
  const major = Number(/^\d+/.exec(serverVersion.trim())?.[0]);
  return Number.isFinite(major) && major > 0 ? major : Number.POSITIVE_INFINITY;
}
