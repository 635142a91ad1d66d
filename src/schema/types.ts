/**
 * The schema IR: plain, readonly, JSON-serialisable data shared by both readers (live catalog and
 * TypeORM models), the differ, the ops and the dialect compilers. Objects refer to each other by
 * name; there are no classes and no parent pointers.
 *
 * Normalisation is the dialects' job: both readers of one dialect produce the same value for the
 * same schema, so the differ compares fields with plain equality.
 */

export type ForeignKeyAction = "CASCADE" | "SET NULL" | "SET DEFAULT" | "RESTRICT" | "NO ACTION";

/** How a column receives generated values. */
export type AutoIncrement = "increment" | "identity";

export interface Column {
  readonly name: string;
  /** Canonical type in the vocabulary TypeORM users write: "varchar", "integer", "timestamptz"… */
  readonly type: string;
  /** The type as the database spells it (`character varying(50)`); informative, never diffed. */
  readonly rawType?: string;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly unsigned?: boolean;
  /** Allowed values of an enum column (MySQL `enum(...)`, PostgreSQL enum type, SQLite CHECK). */
  readonly enumValues?: readonly string[];
  /** PostgreSQL: the name of the enum type backing this column. */
  readonly enumName?: string;
  readonly array?: boolean;
  readonly nullable: boolean;
  /** Canonical SQL expression of the default, as the dialect normalises it; absent when none. */
  readonly default?: string;
  readonly autoIncrement?: AutoIncrement;
  /** MySQL `ON UPDATE` expression (TypeORM's `@UpdateDateColumn`), normalised by the dialect. */
  readonly onUpdate?: string;
  readonly comment?: string;
}

export interface PrimaryKey {
  readonly name?: string;
  readonly columns: readonly string[];
}

export interface Index {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** Partial index predicate, as the dialect normalises it. */
  readonly where?: string;
}

export interface UniqueConstraint {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface ForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
}

export interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  readonly indexes: readonly Index[];
  readonly uniques: readonly UniqueConstraint[];
  readonly foreignKeys: readonly ForeignKey[];
}

/** One schema (PostgreSQL schema, MySQL database, SQLite main database) as the tool sees it. */
export interface Schema {
  readonly tables: readonly Table[];
}

/** Column attributes that make up a column's definition; name and rawType are not part of it. */
export const COLUMN_FIELDS = [
  "type",
  "length",
  "precision",
  "scale",
  "unsigned",
  "enumValues",
  "enumName",
  "array",
  "nullable",
  "default",
  "autoIncrement",
  "onUpdate",
  "comment",
] as const satisfies readonly (keyof Column)[];

export type ColumnField = (typeof COLUMN_FIELDS)[number];
