import type { LintAction } from "./action";
import type { RuleHit } from "./rule";

/**
 * Rule codes of the backward-incompatible family: code deployed before the migration breaks once it
 * has run (during a rolling deploy both versions run at once). The safe path is expand/contract:
 * add the new name, deploy code using both, then drop the old.
 */
export const BACKWARD_INCOMPATIBLE_RULES = ["backward-incompatible/rename-table", "backward-incompatible/rename-column"] as const;

export function backwardIncompatible(a: LintAction): RuleHit[] {
  switch (a.kind) {
    case "rename-table":
      return [{ rule: "backward-incompatible/rename-table", message: `renames table "${a.from}" to "${a.to}": running code using the old name fails` }];
    case "rename-column":
      return [{ rule: "backward-incompatible/rename-column", message: `renames column "${a.table}"."${a.from}" to "${a.to}": running code using the old name fails` }];
    default:
      return [];
  }
}
