/**
 * What an op risks on a live database, as data with stable codes: the renderer writes each beside
 * its op, `revision --autogenerate` lists them, `--json` outputs carry them, and `athanor lint`
 * turns them into rules. Codes never change meaning once released (CI pipelines match on them).
 */
export type HazardCode =
  /** Rows or values are gone after the op: a dropped table or column, a narrowing change. */
  | "deletes-data"
  /** The whole table is rewritten (a type change PostgreSQL cannot do in place, MySQL's COPY algorithm, SQLite's rebuild). */
  | "rewrites-table"
  /** Writes to the table wait while the op runs. */
  | "blocks-writes"
  /** Reads of the table wait too (PostgreSQL's ACCESS EXCLUSIVE for longer than a catalog change). */
  | "blocks-reads"
  /** Every existing row is read to validate it (SET NOT NULL, a new foreign key or check, a unique). */
  | "validates-rows"
  /** An index is built: time and I/O grow with the table. */
  | "builds-index"
  /** Code running against the old schema breaks once the op is applied (a rename, a drop, NOT NULL without a default). */
  | "backward-incompatible";

export const HAZARD_CODES: readonly HazardCode[] = [
  "deletes-data",
  "rewrites-table",
  "blocks-writes",
  "blocks-reads",
  "validates-rows",
  "builds-index",
  "backward-incompatible",
];

export interface Hazard {
  readonly code: HazardCode;
  /** How the cost grows: with the table's rows, or constant (a catalog-only change). */
  readonly scales: "rows" | "constant";
  /** One line for the reviewer, naming the object: `drops column "devices"."ip" and its data`. */
  readonly message: string;
}
