import type { LintAction } from "./action";
import type { RuleHit } from "./rule";

/**
 * Rule codes of the data-dependent family: the step works on an empty or clean table and fails (or
 * stops) on the rows production holds.
 */
export const DATA_DEPENDENT_RULES = ["data-dependent/set-not-null", "data-dependent/add-required-column", "data-dependent/add-unique"] as const;

export function dataDependent(a: LintAction): RuleHit[] {
  switch (a.kind) {
    case "set-not-null":
      return [{ rule: "data-dependent/set-not-null", message: `sets "${a.table}"."${a.column}" NOT NULL: fails if a row holds NULL` }];
    case "add-required-column":
      return [{ rule: "data-dependent/add-required-column", message: `adds "${a.table}"."${a.column}" NOT NULL without a default: fails if "${a.table}" has rows` }];
    case "add-unique":
      return [{ rule: "data-dependent/add-unique", message: `unique "${a.name}" on "${a.table}" fails if existing rows hold duplicates` }];
    default:
      return [];
  }
}
