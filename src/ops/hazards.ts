import { requiresEmptyTable } from "./data-checks";
import type { Dialect } from "../dialects/dialect";
import type { Hazard, HazardCode } from "./hazard";
import type { Op } from "./types";

export interface HazardContext {
  /** Only the hooks are read: the dialect's narrowing and its own hazards. */
  readonly dialect: Pick<Dialect, "narrowing" | "hazards">;
  readonly serverVersion: string;
  /**
   * Tables created earlier by the same migration: they hold no rows and no running code uses
   * them yet, so what an op risks on them is nothing worth telling the reviewer.
   */
  readonly newTables: ReadonlySet<string>;
}

/**
 * What `op` risks on a live database: the hazards every database shares (a drop deletes data, a
 * rename breaks running code, a new constraint reads every row…) and the dialect's own (a
 * PostgreSQL rewrite, MySQL's COPY algorithm, SQLite's rebuild). Sorted by code, one per code, so
 * the same op always gives the same list.
 */
export function hazards(op: Op, ctx: HazardContext): Hazard[] {
  const table = tableOf(op);
  if (table !== undefined && ctx.newTables.has(table)) return [];
  return merged([...genericHazards(op, ctx), ...(ctx.dialect.hazards?.(op, ctx.serverVersion) ?? [])]);
}

/** The hazards of each op of a list (a migration's upgrade, or its downgrade), with the tables the list creates as new. */
export function hazardsOfOps(ops: readonly Op[], ctx: Omit<HazardContext, "newTables">): Hazard[][] {
  const created = new Set<string>();
  return ops.map((op) => {
    const found = hazards(op, { ...ctx, newTables: created });
    if (op.kind === "createTable") created.add(op.table.name);
    if (op.kind === "renameTable" && created.has(op.from)) created.add(op.to);
    return found;
  });
}

/** The table an op acts on (the old name of a renamed one); undefined for raw SQL. */
export function tableOf(op: Op): string | undefined {
  switch (op.kind) {
    case "createTable":
    case "dropTable":
      return op.table.name;
    case "renameTable":
      return op.from;
    case "execute":
      return undefined;
    case "addColumn":
    case "dropColumn":
    case "alterColumn":
    case "renameColumn":
    case "createIndex":
    case "dropIndex":
    case "addUnique":
    case "dropUnique":
    case "addForeignKey":
    case "dropForeignKey":
    case "addPrimaryKey":
    case "dropPrimaryKey":
    case "addCheck":
    case "dropCheck":
    case "setTableComment":
      return op.table;
  }
}

const hazard = (code: HazardCode, scales: Hazard["scales"], message: string): Hazard => ({ code, scales, message });

function genericHazards(op: Op, ctx: HazardContext): Hazard[] {
  switch (op.kind) {
    case "dropTable":
      return [
        hazard("deletes-data", "constant", `drops table ${q(op.table.name)} and all its rows`),
        hazard("backward-incompatible", "constant", `code still reading or writing ${q(op.table.name)} fails once it is dropped`),
      ];
    case "renameTable":
      return [hazard("backward-incompatible", "constant", `renames table ${q(op.from)} to ${q(op.to)}: code using the old name fails`)];
    case "addColumn":
      if (!requiresEmptyTable(op.column)) return [];
      return [
        hazard("validates-rows", "rows", `adds ${col(op.table, op.column.name)} NOT NULL without a default: only possible while ${q(op.table)} is empty`),
        hazard("backward-incompatible", "constant", `inserts that do not set ${col(op.table, op.column.name)} (running code) fail: it is NOT NULL without a default`),
      ];
    case "dropColumn":
      return [
        hazard("deletes-data", "constant", `drops column ${col(op.table, op.column.name)} and its data`),
        hazard("backward-incompatible", "constant", `code still reading or writing ${col(op.table, op.column.name)} fails once it is dropped`),
      ];
    case "alterColumn": {
      const out: Hazard[] = [];
      const column = col(op.table, op.to.name);
      if (op.from.name !== op.to.name) out.push(hazard("backward-incompatible", "constant", `renames column ${col(op.table, op.from.name)} to ${q(op.to.name)}: code using the old name fails`));
      if (op.from.nullable && !op.to.nullable) {
        out.push(hazard("validates-rows", "rows", `sets ${column} NOT NULL: every row is read to check for NULLs`));
        out.push(hazard("backward-incompatible", "constant", `writes of NULL to ${column} (running code) fail once it is NOT NULL`));
      }
      // A generated column's values are recomputed, never kept: nothing of the old values to lose.
      const narrowing = op.to.asExpression === undefined ? ctx.dialect.narrowing?.(op.from, op.to) : undefined;
      if (narrowing) out.push(hazard("deletes-data", "rows", `narrows ${column} (${oneLine(narrowing.reason)}): values that do not fit would be lost`));
      return out;
    }
    case "renameColumn":
      return [hazard("backward-incompatible", "constant", `renames column ${col(op.table, op.from)} to ${q(op.to)}: code using the old name fails`)];
    case "createIndex": {
      const out = [hazard("builds-index", "rows", `builds index ${q(op.index.name)} on ${q(op.table)}: time and I/O grow with the table`)];
      if (!op.concurrently) out.push(hazard("blocks-writes", "rows", `writes to ${q(op.table)} wait while index ${q(op.index.name)} is built`));
      if (op.index.unique) out.push(hazard("validates-rows", "rows", `unique index ${q(op.index.name)} fails if ${q(op.table)} holds duplicates`));
      return out;
    }
    case "addUnique":
      return [
        hazard("builds-index", "rows", `builds the index of unique constraint ${q(op.unique.name)} on ${q(op.table)}`),
        hazard("blocks-writes", "rows", `writes to ${q(op.table)} wait while unique constraint ${q(op.unique.name)} is built`),
        hazard("validates-rows", "rows", `unique constraint ${q(op.unique.name)} reads every row of ${q(op.table)} and fails on duplicates`),
      ];
    case "addPrimaryKey":
      return [
        hazard("builds-index", "rows", `builds the primary key index of ${q(op.table)}`),
        hazard("blocks-writes", "rows", `writes to ${q(op.table)} wait while its primary key is built`),
        hazard("validates-rows", "rows", `the primary key reads every row of ${q(op.table)} and fails on duplicates or NULLs`),
      ];
    case "addForeignKey":
      return [hazard("validates-rows", "rows", `foreign key ${q(op.foreignKey.name)} reads every row of ${q(op.table)} to check it against ${q(op.foreignKey.referencedTable)}`)];
    case "addCheck":
      return [hazard("validates-rows", "rows", `check ${q(op.check.name)} reads every row of ${q(op.table)} and fails on one it rejects`)];
    case "createTable":
    case "dropIndex":
    case "dropUnique":
    case "dropForeignKey":
    case "dropPrimaryKey":
    case "dropCheck":
    case "setTableComment":
    case "execute":
      return [];
  }
}

/** One hazard per code, sorted by code; of two with one code, the one that grows with the rows. */
function merged(list: readonly Hazard[]): Hazard[] {
  const byCode = new Map<HazardCode, Hazard>();
  for (const h of list) {
    const seen = byCode.get(h.code);
    if (!seen || (seen.scales === "constant" && h.scales === "rows")) byCode.set(h.code, h);
  }
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const q = (name: string) => `"${oneLine(name)}"`;
const col = (table: string, column: string) => `${q(table)}.${q(column)}`;

/** Messages go into line comments and annotations: a newline in a name must not end one early. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ");
}

/** A hazard of one op of a list, by the op's index: what `--json` outputs carry. */
export interface OpHazard extends Hazard {
  readonly op: number;
}

/** Every hazard of `ops`, op by op, each with its op's index. */
export function listHazards(ops: readonly Op[], ctx: Omit<HazardContext, "newTables">): OpHazard[] {
  return hazardsOfOps(ops, ctx).flatMap((found, op) => found.map((h) => ({ op, ...h })));
}

/** `count per code` for a summary line: "2 deletes-data, 1 builds-index", codes sorted. */
export function hazardCounts(list: readonly Hazard[]): string {
  const counts = new Map<string, number>();
  for (const h of list) counts.set(h.code, (counts.get(h.code) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, n]) => `${n} ${code}`)
    .join(", ");
}
