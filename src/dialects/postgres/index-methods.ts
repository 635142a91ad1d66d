import type { Index, Table } from "../../schema/types";
import { compact } from "../../schema/lookup";
import { canonicalExpression } from "./expression";

/** One row of the introspector's index query. */
export interface IndexRow {
  readonly name: string;
  readonly is_unique: boolean;
  /** pg_am.amname: btree, hash, gist, gin, brin, spgist, or an extension's. */
  readonly method: string;
  readonly predicate: string | null;
  /** Column names, or pg_get_indexdef's text for expression keys (`lower(name::text)`). */
  readonly columns: readonly string[];
  readonly expressions: readonly boolean[];
}

/** Access method b-tree is PostgreSQL's default and the IR's "no method". */
export function readIndex(r: IndexRow): Index {
  return compact<Index>({
    name: r.name,
    columns: r.columns.map((c, i) => (r.expressions[i] ? canonicalExpression(c) : c)),
    unique: r.is_unique,
    where: r.predicate ? canonicalExpression(r.predicate) : undefined,
    method: r.method === "btree" ? undefined : r.method,
  });
}

/**
 * TypeORM's PostgreSQL query runner builds `spatial: true` indexes `USING gist` and ignores
 * `fulltext` (buildIndexTypeClause in node_modules/typeorm/driver/postgres/PostgresQueryRunner.js).
 */
export function modelTable(table: Table): Table {
  if (!table.indexes.some((i) => i.method === "spatial" || i.method === "fulltext")) return table;
  return {
    ...table,
    indexes: table.indexes.map((i) => {
      if (i.method === "spatial") return { ...i, method: "gist" };
      if (i.method === "fulltext") {
        const { method: _m, ...rest } = i;
        return rest;
      }
      return i;
    }),
  };
}
