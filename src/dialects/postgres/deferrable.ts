import type { ForeignKeyDeferrable } from "../../schema/types";

/**
 * Deferrable foreign keys (TypeORM's `deferrable: "INITIALLY DEFERRED" | "INITIALLY IMMEDIATE"` on
 * a relation). PostgreSQL keeps `condeferrable`/`condeferred` in pg_constraint; a key that is not
 * deferrable has no `deferrable` in the IR, as a relation without the option has none.
 * https://www.postgresql.org/docs/current/sql-createtable.html (DEFERRABLE, INITIALLY DEFERRED)
 */
export function readDeferrable(deferrable: boolean, deferred: boolean): ForeignKeyDeferrable | undefined {
  if (!deferrable) return undefined;
  return deferred ? "INITIALLY DEFERRED" : "INITIALLY IMMEDIATE";
}

/** The clause after a foreign key's ON DELETE/ON UPDATE, with its leading space; "" when none. */
export function deferrableSql(deferrable: ForeignKeyDeferrable | undefined): string {
  return deferrable ? ` DEFERRABLE ${deferrable}` : "";
}
