import { actionTable, type LintAction } from "./action";
import { BACKWARD_INCOMPATIBLE_RULES, backwardIncompatible } from "./backward-incompatible";
import { DATA_DEPENDENT_RULES, dataDependent } from "./data-dependent";
import { DESTRUCTIVE_RULES, destructive } from "./destructive";
import { LOCKING_RULES, locking } from "./locking";
import type { RuleEnv, RuleHit } from "./rule";

/** Every rule code, by family: what `athanor-lint-ignore` comments may name. */
export const RULE_CODES: readonly string[] = [...DESTRUCTIVE_RULES, ...DATA_DEPENDENT_RULES, ...LOCKING_RULES, ...BACKWARD_INCOMPATIBLE_RULES];

/**
 * What every rule finds in one action. An action on a table the same migration created finds
 * nothing: the table has no rows and no running code uses it yet.
 */
export function checkAction(a: LintAction, env: RuleEnv, newTables: ReadonlySet<string>): RuleHit[] {
  const table = actionTable(a);
  if (table !== undefined && newTables.has(table)) return [];
  return [...destructive(a), ...dataDependent(a), ...locking(a, env), ...backwardIncompatible(a)];
}
