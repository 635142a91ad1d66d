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
  /**
   * Generated column (TypeORM's `asExpression`): the expression as the dialect normalises it.
   * Both readers must produce the same text for the same expression.
   */
  readonly asExpression?: string;
  /** With `asExpression`: "STORED" or "VIRTUAL" (PostgreSQL has STORED only). */
  readonly generatedType?: "STORED" | "VIRTUAL";
  /** MySQL/MariaDB column character set and collation, when they differ from the table's default. */
  readonly charset?: string;
  readonly collation?: string;
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
  /**
   * The index kind beyond the dialect's default b-tree, lower case: MySQL "fulltext" / "spatial",
   * PostgreSQL access method ("gin", "gist", "hash", "brin"…). Absent for a plain index.
   */
  readonly method?: string;
}

/** A CHECK constraint; `expression` is normalised by the dialect (both readers agree). */
export interface Check {
  readonly name: string;
  readonly expression: string;
}

/**
 * Something on a table that athanor reads but does not model (an exclusion constraint, a trigger,
 * a CHECK it cannot parse…). Never diffed, never dropped; carried by SQLite's rebuild through
 * `definition` when it has one; named in the command's output so silence never means "clean".
 */
export interface UnmodelledObject {
  readonly kind: string;
  readonly name: string;
  /** The SQL that re-creates it, when known (SQLite: the constraint's text inside CREATE TABLE). */
  readonly definition?: string;
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
  /** PostgreSQL `DEFERRABLE INITIALLY …`; absent means not deferrable. */
  readonly deferrable?: ForeignKeyDeferrable;
}

/** When a deferrable foreign key is checked by default (TypeORM's `deferrable` option). */
export type ForeignKeyDeferrable = "INITIALLY IMMEDIATE" | "INITIALLY DEFERRED";

export interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  readonly indexes: readonly Index[];
  readonly uniques: readonly UniqueConstraint[];
  readonly foreignKeys: readonly ForeignKey[];
  /** CHECK constraints; absent means none. */
  readonly checks?: readonly Check[];
  /** The table's comment (PostgreSQL, MySQL); absent means none. */
  readonly comment?: string;
  /** See UnmodelledObject. Absent means none. */
  readonly unmodelled?: readonly UnmodelledObject[];
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
  "asExpression",
  "generatedType",
  "charset",
  "collation",
] as const satisfies readonly (keyof Column)[];

export type ColumnField = (typeof COLUMN_FIELDS)[number];
