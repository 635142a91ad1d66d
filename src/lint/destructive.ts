import type { LintAction } from "./action";
import type { RuleHit } from "./rule";

/** Rule codes of the destructive family: the step deletes rows or values for good. */
export const DESTRUCTIVE_RULES = [
  "destructive/drop-table",
  "destructive/drop-column",
  "destructive/narrow-column",
  "destructive/truncate",
  "destructive/delete-without-where",
  "destructive/update-without-where",
] as const;

export function destructive(a: LintAction): RuleHit[] {
  switch (a.kind) {
    case "drop-table":
      return [{ rule: "destructive/drop-table", message: `drops table "${a.table}" and all its rows` }];
    case "drop-column":
      return [{ rule: "destructive/drop-column", message: `drops column "${a.table}"."${a.column}" and its data` }];
    case "narrow-column":
      return [{ rule: "destructive/narrow-column", message: a.reason }];
    case "truncate":
      return [{ rule: "destructive/truncate", message: `empties table "${a.table}"` }];
    case "delete-all":
      return [{ rule: "destructive/delete-without-where", message: `DELETE without WHERE removes every row of "${a.table}"` }];
    case "update-all":
      return [{ rule: "destructive/update-without-where", message: `UPDATE without WHERE overwrites every row of "${a.table}"` }];
    default:
      return [];
  }
}
