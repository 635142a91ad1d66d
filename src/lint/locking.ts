import type { LintAction } from "./action";
import type { RuleEnv, RuleHit } from "./rule";

/**
 * Rule codes of the locking family: the step holds a lock that makes traffic wait for as long as
 * the table is read or rewritten. Judged per dialect: a rule fires only where the database offers
 * a way around it (SQLite has no online index build, so building one there is not a finding).
 */
export const LOCKING_RULES = [
  "locking/index-not-concurrent",
  "locking/drop-index-not-concurrent",
  "locking/add-foreign-key-validates",
  "locking/add-check-validates",
  "locking/table-rewrite",
  "locking/lock-table",
] as const;

export function locking(a: LintAction, env: RuleEnv): RuleHit[] {
  const online = env.capabilities.onlineIndexes;
  switch (a.kind) {
    case "create-index":
      if (a.concurrently || online === "none") return [];
      return [
        {
          rule: "locking/index-not-concurrent",
          message: `builds index "${a.name}" on "${a.table}" blocking writes; ${online === "outside-transaction" ? "use CREATE INDEX CONCURRENTLY (op.createIndex(…, { concurrently: true }), transactional = false)" : "use ALGORITHM=INPLACE, LOCK=NONE (op.createIndex(…, { concurrently: true }))"}`,
        },
      ];
    case "drop-index":
      // Only PostgreSQL's DROP INDEX takes the table's ACCESS EXCLUSIVE lock; MySQL drops in place.
      if (a.concurrently || online !== "outside-transaction") return [];
      return [{ rule: "locking/drop-index-not-concurrent", message: `drops index "${a.name}" under ACCESS EXCLUSIVE; use DROP INDEX CONCURRENTLY` }];
    case "add-foreign-key":
      if (a.notValid || env.dialect === "sqlite") return [];
      return [
        {
          rule: "locking/add-foreign-key-validates",
          message:
            env.dialect === "postgres"
              ? `foreign key "${a.name}" checks every row of "${a.table}" while writes wait; add it NOT VALID, then VALIDATE CONSTRAINT in a separate step`
              : `foreign key "${a.name}" copies "${a.table}" (ALGORITHM=COPY) while writes wait`,
        },
      ];
    case "add-check":
      if (a.notValid || env.dialect !== "postgres") return [];
      return [{ rule: "locking/add-check-validates", message: `check "${a.name}" reads every row of "${a.table}" under ACCESS EXCLUSIVE; add it NOT VALID, then VALIDATE CONSTRAINT` }];
    case "rewrite-table":
      return [{ rule: "locking/table-rewrite", message: a.reason }];
    case "lock-table":
      return [{ rule: "locking/lock-table", message: `locks table "${a.table}" explicitly until the transaction ends` }];
    default:
      return [];
  }
}
