import type { Dialect } from "../dialects/dialect";
import { DataCheckError } from "../errors";
import type { Column } from "../schema/types";
import type { Op } from "./types";

/**
 * A question the runner asks the database before an op runs: how many rows of `table` would not
 * survive it. The op only runs when the answer is 0, so a migration never loses data silently
 * (a narrowing cast truncates or rounds on PostgreSQL, and MySQL outside strict mode clips too)
 * and never fails halfway through on a row the change cannot take.
 */
export interface DataCheck {
  readonly table: string;
  readonly column: string;
  readonly kind: "narrowing" | "not-null" | "required-column";
  /** For the reader: "varchar(120) → varchar(80)", "sets NOT NULL", "NOT NULL without a default". */
  readonly reason: string;
  /** SQL condition true for rows that would not survive; absent: every row counts (the table must be empty). */
  readonly where?: string;
}

export type DataCheckDialect = Pick<Dialect, "narrowing" | "quoteIdentifier">;

/** The checks `op` needs before it runs, in the order they are asked. */
export function dataChecks(op: Op, dialect: DataCheckDialect): DataCheck[] {
  switch (op.kind) {
    case "alterColumn": {
      const out: DataCheck[] = [];
      const column = op.to.name;
      // A generated column's values are recomputed, never kept: nothing of the old values to lose.
      if (op.to.asExpression !== undefined) return out;
      if (op.from.nullable && !op.to.nullable) {
        out.push({ table: op.table, column, kind: "not-null", reason: "sets NOT NULL", where: `${dialect.quoteIdentifier(op.from.name)} IS NULL` });
      }
      const narrowing = dialect.narrowing?.(op.from, op.to);
      if (narrowing) out.push({ table: op.table, column, kind: "narrowing", reason: narrowing.reason, where: narrowing.where });
      return out;
    }
    case "addColumn":
      return requiresEmptyTable(op.column) ? [{ table: op.table, column: op.column.name, kind: "required-column", reason: "NOT NULL without a default" }] : [];
    case "createTable":
    case "dropTable":
    case "renameTable":
    case "dropColumn":
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
    case "execute":
      return [];
  }
}

/**
 * A column no existing row can be given a value for: PostgreSQL and SQLite refuse to add it to a
 * table with rows, and MySQL/MariaDB fill in the type's implicit default ('' or 0) silently.
 */
export function requiresEmptyTable(c: Column): boolean {
  return !c.nullable && c.default === undefined && c.autoIncrement === undefined && c.asExpression === undefined;
}

/** The query that counts the rows `check` is about, as `n`. */
export function dataCheckSql(check: DataCheck, dialect: Pick<Dialect, "quoteIdentifier">): string {
  return `SELECT count(*) AS n FROM ${dialect.quoteIdentifier(check.table)}${check.where !== undefined ? ` WHERE ${check.where}` : ""}`;
}

/** The error for `rows` rows failing `check`; `sql` is the count query, reused to find them. */
export function dataCheckError(check: DataCheck, rows: number, sql: string): DataCheckError {
  const column = `"${check.table}"."${check.column}"`;
  const counted = `${rows} ${rows === 1 ? "row" : "rows"} of "${check.table}" ${rows === 1 ? "holds" : "hold"}`;
  const find = check.where !== undefined ? ` Find them with: ${sql.replace(/^SELECT count\(\*\) AS n /, "SELECT * ")}` : "";
  switch (check.kind) {
    case "narrowing":
      return new DataCheckError(
        `${counted} a value in ${column} that ${check.reason} would lose or alter; stopped before altering the column`,
        `Fix or shorten those rows first (an op.execute(...) before this op in the migration), or keep the old type.${find}`,
      );
    case "not-null":
      return new DataCheckError(
        `${counted} NULL in ${column}, which this op makes NOT NULL; stopped before altering the column`,
        `Fill those NULLs first (an op.execute("UPDATE … SET … WHERE … IS NULL") before this op), give the column a default, or keep it nullable.${find}`,
      );
    case "required-column":
      return new DataCheckError(
        `${column} is added NOT NULL without a default, but "${check.table}" has ${rows} ${rows === 1 ? "row" : "rows"} that would get no value; stopped before adding the column`,
        "Give the column a default, or add it nullable, fill it with op.execute(...), then make it NOT NULL with op.alterColumn; or empty the table first.",
      );
  }
}
