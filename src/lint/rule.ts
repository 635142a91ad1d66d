import type { Capabilities, DialectName } from "../dialects/dialect";
import type { LintAction } from "./action";

export type RuleFamily = "destructive" | "data-dependent" | "locking" | "backward-incompatible";

/** What a rule knows besides the action: the database it is judged for. */
export interface RuleEnv {
  readonly dialect: DialectName;
  readonly serverVersion: string;
  readonly capabilities: Capabilities;
}

/** One finding of a rule on one action, before it is placed in a file. */
export interface RuleHit {
  /** `family/name`: stable once released (CI pipelines and ignore comments name it). */
  readonly rule: string;
  readonly message: string;
}

/** A family's rules: the hits of one action (none when it is fine). */
export type RuleFamilyCheck = (action: LintAction, env: RuleEnv) => RuleHit[];
