import type { Dialect } from "../dialects/dialect";
import { applyOp } from "../ops/apply";
import { dataCheckSql, dataChecks, type DataCheck } from "../ops/data-checks";
import { MigrationOperations } from "../ops/migration-operations";
import type { Op } from "../ops/types";
import { findTable } from "../schema/lookup";
import type { Schema } from "../schema/types";
import type { Direction, MigrationScript } from "./migration-script";

/** Ends the dry run where the migration leaves what can be known without running it. */
const OPAQUE = Symbol("opaque step");

/**
 * Where DDL commits statement by statement (MySQL/MariaDB, `--transaction none`) or past an online
 * op's commit point, a data check met in the middle of a migration would stop it with its earlier
 * ops applied (the foreign keys the differ drops around an alteration, an earlier column, a
 * concurrent index). So the migration's function is first run dry, against the in-memory schema,
 * to collect its checks, and those that can be asked of the database as it stands are asked before
 * anything runs. (The function runs twice: code in it besides `op` calls should not mind.)
 *
 * The dry run stops at the first `op.execute` or `op.query` (raw SQL may fix the very rows a later
 * check is about, and a query's answer cannot be invented), and a check is asked early only when
 * no earlier op of the migration changed its column or its table's identity; the others are still
 * asked just before their op, as everywhere. An error in the dry run is left to the real run,
 * which reports it with the statements that ran.
 */
export async function preflightChecks(
  dialect: Dialect,
  start: Schema,
  script: MigrationScript,
  direction: Direction,
): Promise<{ readonly check: DataCheck; readonly sql: string }[]> {
  let schema = start;
  const changed = new Set<string>();
  const early: { check: DataCheck; sql: string }[] = [];
  const perform = async (op: Op) => {
    if (op.kind === "execute") throw OPAQUE;
    for (const check of dataChecks(op, dialect)) {
      if (!changed.has(key(check.table)) && !changed.has(key(check.table, check.column))) early.push({ check, sql: dataCheckSql(check, dialect) });
    }
    for (const k of changes(op)) changed.add(k);
    schema = applyOp(schema, op);
  };
  const op = new MigrationOperations(
    perform,
    async (name) => findTable(schema, name),
    async () => {
      throw OPAQUE;
    },
    dialect,
  );
  try {
    await script[direction]({ op, dialect: dialect.name });
  } catch {
    // OPAQUE, or an error the real run will meet and report in its place.
  }
  return early;
}

const key = (table: string, column?: string) => (column === undefined ? `t\u0000${table}` : `c\u0000${table}\u0000${column}`);

/** What an op changes that a later check may be about: a table's identity, or a column's data. */
function changes(op: Op): string[] {
  switch (op.kind) {
    case "createTable":
    case "dropTable":
      return [key(op.table.name)];
    case "renameTable":
      return [key(op.from), key(op.to)];
    case "addColumn":
    case "dropColumn":
      return [key(op.table, op.column.name)];
    case "alterColumn":
      return [key(op.table, op.from.name), key(op.table, op.to.name)];
    case "renameColumn":
      return [key(op.table, op.from), key(op.table, op.to)];
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
    case "execute":
      return [];
  }
}
