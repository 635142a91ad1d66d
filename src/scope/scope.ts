import { ConfigError } from "../errors";
import { compileGlob, matchesTable, type GlobPattern } from "./glob-pattern";
import type { IncludeObject, ScopeRules } from "./scope-object";

/** Validated scope rules, ready to match. */
export interface Scope {
  readonly include: readonly GlobPattern[];
  readonly exclude: readonly GlobPattern[];
  readonly includeObject?: IncludeObject;
}

/** Everything in scope: what athanor manages without a config saying otherwise. */
export const FULL_SCOPE: Scope = { include: [], exclude: [] };

/** Where each part of the rules came from, for error messages. */
export interface ScopeSources {
  readonly include: string;
  readonly exclude: string;
  readonly includeObject: string;
}

/**
 * Validates rules read from a config file or flags: a ConfigError names the offending value and
 * says what to write instead, before anything connects.
 */
export function compileScope(rules: ScopeRules, sources: ScopeSources): Scope {
  const patterns = (value: unknown, source: string): GlobPattern[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      throw new ConfigError(`${source} must be a list of table patterns, not ${typeof value}`, `Write ${source.split(" ").pop()}: ["audit_*", "legacy_orders"].`);
    }
    return value.map((p) => compileGlob(p, source));
  };
  const includeObject = rules.includeObject as unknown;
  if (includeObject !== undefined && typeof includeObject !== "function") {
    throw new ConfigError(
      `${sources.includeObject} must be a function, not ${typeof includeObject}`,
      'Write includeObject: (o) => !(o.kind === "table" && o.name.startsWith("audit_")), returning false for what athanor must leave alone.',
    );
  }
  return {
    include: patterns(rules.include, sources.include),
    exclude: patterns(rules.exclude, sources.exclude),
    ...(includeObject ? { includeObject: includeObject as IncludeObject } : {}),
  };
}

/** Both scopes' patterns together (the config's and the command line's); one includeObject at most. */
export function mergeScopes(a: Scope, b: Scope): Scope {
  const includeObject = b.includeObject ?? a.includeObject;
  return { include: [...a.include, ...b.include], exclude: [...a.exclude, ...b.exclude], ...(includeObject ? { includeObject } : {}) };
}

/**
 * Whether the patterns keep a table: it matches an include pattern (when there are any) and no
 * exclude pattern. `includeObject` is asked separately, since it sees both sides.
 */
export function tableMatchesScope(scope: Scope, table: string, schema: string | undefined): boolean {
  if (scope.include.length > 0 && !scope.include.some((p) => matchesTable(p, table, schema))) return false;
  return !scope.exclude.some((p) => matchesTable(p, table, schema));
}
