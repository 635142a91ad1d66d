import type { MigrationContext } from "../ops/migration-context";
import type { RevisionNode } from "../revisions/graph";

/** One loaded revision: a TypeScript/JavaScript file (load-migrations.ts) or a SQL pair (sql-pair-migrations.ts). */
export interface MigrationScript extends RevisionNode {
  readonly file: string;
  readonly checksum: string;
  readonly upgrade: (ctx: MigrationContext) => Promise<void>;
  readonly downgrade: (ctx: MigrationContext) => Promise<void>;
  /** false: run outside a transaction (statements such as CREATE INDEX CONCURRENTLY). */
  readonly transactional: boolean;
}

export type Direction = "upgrade" | "downgrade";
