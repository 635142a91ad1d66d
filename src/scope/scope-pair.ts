import type { Schema } from "../schema/types";
import { applyScope } from "./apply-scope";
import type { Scope } from "./scope";
import { withoutUnmanagedIndexes } from "./unmanaged-indexes";

/** What a diff needs besides the two schemas to know what athanor manages. */
export interface PairScope {
  readonly scope: Scope;
  /** See ScopeSide.schemaName. */
  readonly schemaName?: string;
  /** Indexes the entities declare with `synchronize: false`: never touched. */
  readonly unmanagedIndexes: readonly { readonly table: string; readonly name: string }[];
}

/** Whether `scope` says anything beyond "everything": otherwise no schema name needs reading. */
export function scopeIsFull(scope: Scope): boolean {
  return scope.include.length === 0 && scope.exclude.length === 0 && scope.includeObject === undefined;
}

/**
 * The database's schema and the entities' schema restricted to what athanor manages: one pure
 * function over both sides, so an out-of-scope object is neither created, dropped nor altered.
 */
export function scopePair(current: Schema, desired: Schema, rules: PairScope): { current: Schema; desired: Schema } {
  const live = withoutUnmanagedIndexes(current, rules.unmanagedIndexes);
  const side = (reflected: boolean, other: Schema) => ({ reflected, other, ...(rules.schemaName !== undefined ? { schemaName: rules.schemaName } : {}) });
  return {
    current: applyScope(live, rules.scope, side(true, desired)),
    desired: applyScope(desired, rules.scope, side(false, live)),
  };
}
