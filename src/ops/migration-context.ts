import type { MigrationOperations } from "./migration-operations";

/** What a migration's `upgrade` and `downgrade` functions receive. */
export interface MigrationContext {
  readonly op: MigrationOperations;
  /** "postgres" | "mysql" | "sqlite": for the rare data step that must differ by database. */
  readonly dialect: string;
}
