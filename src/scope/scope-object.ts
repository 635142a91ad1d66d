/** The kinds of schema object a scope rule can be asked about. */
export type ScopeObjectKind = "table" | "column" | "index" | "unique" | "foreignKey" | "check";

/**
 * What `includeObject` is asked about, as in Alembic's `include_object`: once per object on each
 * side of the diff. `reflected` is true for the object read from the database and false for the
 * one read from the entities; `compareTo` is the same-named object on the other side (undefined
 * when that side has none: a reflected table with `compareTo === undefined` is one no entity maps).
 */
export interface ScopeObject {
  readonly kind: ScopeObjectKind;
  readonly name: string;
  /** The table holding the object; absent for a table. */
  readonly table?: string;
  /** PostgreSQL: the current schema; MySQL/MariaDB: the database name; SQLite: "main". */
  readonly schema?: string;
  readonly reflected: boolean;
  /** The other side's object (athanor's IR: Table, Column, Index…), when it has one. */
  readonly compareTo?: unknown;
  /** This object, in athanor's IR (Table, Column, Index, UniqueConstraint, ForeignKey, Check). */
  readonly object?: unknown;
}

/** Returns false to leave the object out of the diff: neither created, dropped nor altered. */
export type IncludeObject = (object: ScopeObject) => boolean;

/** What athanor manages, as written in athanor.config.ts and on the command line. */
export interface ScopeRules {
  /** Glob patterns (`*`, `?`) on `table` or `schema.table`: only matching tables are diffed. */
  readonly include?: readonly string[];
  /** Glob patterns (`*`, `?`) on `table` or `schema.table`: matching tables are never diffed. */
  readonly exclude?: readonly string[];
  readonly includeObject?: IncludeObject;
}
