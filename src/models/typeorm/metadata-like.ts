import type { ForeignKeyDeferrable } from "../../schema/types";
import type { TypeormColumnLike, TypeormDriverLike } from "./column-input";

/** The slice of a TypeORM DataSource athanor reads; structural, so any TypeORM 0.3/1.x fits. */
export interface DataSourceLike {
  readonly options: Readonly<Record<string, unknown>> & { readonly type: string };
  readonly driver: TypeormDriverLike;
  readonly namingStrategy: { primaryKeyName(table: string, columns: string[]): string };
  readonly entityMetadatas: readonly EntityMetadataLike[];
  buildMetadatas?: () => Promise<void>;
}

interface NamedColumns {
  readonly databaseName: string;
}

export interface EntityMetadataLike {
  readonly tableName: string;
  readonly tablePath: string;
  readonly tableType: string;
  readonly synchronize: boolean;
  /** The class (or EntitySchema) name; "" for a junction table. */
  readonly targetName?: string;
  readonly schema?: string;
  readonly database?: string;
  /** A closure-junction table's tree entity. */
  readonly parentClosureEntityMetadata?: { readonly targetName?: string };
  readonly columns: readonly (TypeormColumnLike & {
    readonly isVirtualProperty?: boolean;
    readonly primaryKeyConstraintName?: string;
    /** On a junction table's columns: the many-to-many relation that owns the table. */
    readonly relationMetadata?: { readonly propertyPath: string; readonly entityMetadata: { readonly targetName?: string } };
  })[];
  readonly primaryColumns: readonly (NamedColumns & { readonly primaryKeyConstraintName?: string })[];
  readonly indices: readonly {
    readonly name: string;
    readonly columns: readonly NamedColumns[];
    readonly isUnique: boolean;
    readonly synchronize: boolean;
    readonly where?: string;
    readonly isFulltext?: boolean;
    readonly isSpatial?: boolean;
    /** TypeORM 1.x `@Index({ type })` (PostgreSQL access method). */
    readonly type?: string;
    /** MySQL FULLTEXT `WITH PARSER` (not modelled). */
    readonly parser?: string;
  }[];
  readonly checks?: readonly { readonly name: string; readonly expression?: string }[];
  readonly exclusions?: readonly { readonly name: string; readonly expression?: string }[];
  readonly comment?: string;
  /** MySQL table engine; SQLite WITHOUT ROWID (written by TypeORM on create, not modelled). */
  readonly engine?: string;
  readonly withoutRowid?: boolean;
  readonly uniques: readonly { readonly name: string; readonly columns: readonly NamedColumns[]; readonly deferrable?: string }[];
  readonly foreignKeys: readonly {
    readonly name: string;
    readonly columnNames: readonly string[];
    readonly referencedColumnNames: readonly string[];
    readonly referencedEntityMetadata: { readonly tableName: string };
    readonly onDelete?: string;
    readonly onUpdate?: string;
    readonly deferrable?: ForeignKeyDeferrable;
  }[];
}
