import { ConfigError } from "../errors";
import type { Schema, Table } from "../schema/types";
import { tableMatchesScope, type Scope } from "./scope";
import type { ScopeObject, ScopeObjectKind } from "./scope-object";

/** One side of the diff and what it is compared with. */
export interface ScopeSide {
  /** True for the schema read from the database, false for the one read from the entities. */
  readonly reflected: boolean;
  /** The other side, unfiltered: `includeObject` receives its objects as `compareTo`. */
  readonly other: Schema;
  /** The name `schema.table` patterns match (PostgreSQL current schema, MySQL database, "main"). */
  readonly schemaName?: string;
}

/**
 * The part of `schema` athanor manages: tables the patterns and `includeObject` keep, and inside
 * them the objects `includeObject` keeps. Pure; applied to both sides of the diff, so whatever is
 * out of scope is neither created, dropped nor altered.
 */
export function applyScope(schema: Schema, scope: Scope, side: ScopeSide): Schema {
  const ask = scope.includeObject;
  const tables = schema.tables.filter((t) => tableMatchesScope(scope, t.name, side.schemaName));
  if (!ask) return tables.length === schema.tables.length ? schema : { ...schema, tables };
  const keep = (kind: ScopeObjectKind, name: string, object: unknown, compareTo: unknown, table?: string): boolean => {
    const question: ScopeObject = {
      kind,
      name,
      ...(table !== undefined ? { table } : {}),
      ...(side.schemaName !== undefined ? { schema: side.schemaName } : {}),
      reflected: side.reflected,
      ...(compareTo !== undefined ? { compareTo } : {}),
      object,
    };
    let answer: unknown;
    try {
      answer = ask(question);
    } catch (e) {
      throw new ConfigError(
        `includeObject threw for ${kind} ${table !== undefined ? `${table}.` : ""}${name}: ${(e as Error).message}`,
        "Fix the includeObject function in athanor.config.ts; it must return true (manage) or false (leave alone) for every object.",
      );
    }
    return answer !== false;
  };
  const kept: Table[] = [];
  for (const table of tables) {
    const twin = side.other.tables.find((t) => t.name === table.name);
    if (!keep("table", table.name, table, twin)) continue;
    kept.push(filterTable(table, twin, (kind, name, object, compareTo) => keep(kind, name, object, compareTo, table.name)));
  }
  return { ...schema, tables: kept };
}

type Keep = (kind: ScopeObjectKind, name: string, object: unknown, compareTo: unknown) => boolean;

/** The table with the objects `keep` refuses left out; an emptied optional list becomes absent. */
function filterTable(table: Table, twin: Table | undefined, keep: Keep): Table {
  const same = <T>(list: readonly T[] | undefined, item: T, key: (x: T) => string): T | undefined => list?.find((x) => key(x) === key(item));
  const pick = <T extends { readonly name: string }>(kind: ScopeObjectKind, list: readonly T[], other: readonly T[] | undefined, definition?: (x: T) => string): T[] =>
    list.filter((item) => keep(kind, item.name, item, same(other, item, (x) => x.name) ?? (definition ? same(other, item, definition) : undefined)));
  const columns = pick("column", table.columns, twin?.columns);
  const indexes = pick("index", table.indexes, twin?.indexes);
  // Generated names differ between readers; the differ pairs these by definition, and so does compareTo.
  const uniques = pick("unique", table.uniques, twin?.uniques, (u) => JSON.stringify(u.columns));
  const foreignKeys = pick("foreignKey", table.foreignKeys, twin?.foreignKeys, (f) => JSON.stringify([f.columns, f.referencedTable, f.referencedColumns]));
  const checks = table.checks ? pick("check", table.checks, twin?.checks, (c) => c.expression) : [];
  const { checks: _checks, ...rest } = table;
  return { ...rest, columns, indexes, uniques, foreignKeys, ...(checks.length ? { checks } : {}) };
}
