import type { Dialect, ModelColumnInput } from "../../dialects/dialect";
import { ModelLoadError } from "../../errors";
import { compareNames, sortTables } from "../../schema/lookup";
import type { ForeignKeyDeferrable, Schema, Table } from "../../schema/types";
import { columnInput, type TypeormColumnLike, type TypeormDriverLike } from "./column-input";

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

interface EntityMetadataLike {
  readonly tableName: string;
  readonly tablePath: string;
  readonly tableType: string;
  readonly synchronize: boolean;
  readonly columns: readonly (TypeormColumnLike & { readonly isVirtualProperty?: boolean; readonly primaryKeyConstraintName?: string })[];
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
  }[];
  readonly checks?: readonly { readonly name: string; readonly expression?: string }[];
  readonly exclusions?: readonly { readonly name: string; readonly expression?: string }[];
  readonly comment?: string;
  readonly uniques: readonly { readonly name: string; readonly columns: readonly NamedColumns[] }[];
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

/**
 * TypeORM writes a string default as `'${value}'` without escaping: `"it's"` gives broken SQL
 * and `"'; drop table x; --"` injects; MySQL reads a backslash in it as an escape. Users of TypeORM
 * work around it by doubling quotes, which stays as TypeORM writes it; a default with a lone quote
 * or a backslash is quoted by the dialect instead.
 */
function escapedDefault(input: ModelColumnInput, column: { readonly default?: unknown }, dialect: Dialect): ModelColumnInput {
  const value = column.default;
  if (typeof value !== "string" || !(value.replace(/''/g, "").includes("'") || value.includes("\\"))) return input;
  return { ...input, default: dialect.quoteLiteral(value) };
}

/** Tables TypeORM's schema builder would create: not views, not single-table-inheritance children, not `synchronize: false`. */
function syncedEntities(ds: DataSourceLike): EntityMetadataLike[] {
  return ds.entityMetadatas.filter((m) => m.synchronize && m.tableType !== "entity-child" && m.tableType !== "view");
}

/** Tables of entities TypeORM never synchronises (`synchronize: false`, views): athanor leaves them alone too. */
export function unsyncedTables(ds: DataSourceLike): string[] {
  return ds.entityMetadatas.filter((m) => !m.synchronize || m.tableType === "view").map((m) => m.tableName);
}

/**
 * Builds a DataSource's entity metadata without connecting: a fresh DataSource of the user's own
 * class (so the user's copy of TypeORM does the work) with migrations and subscribers left out.
 */
export async function buildMetadata(userDataSource: DataSourceLike): Promise<DataSourceLike> {
  const Ctor = (userDataSource as object).constructor as new (options: Record<string, unknown>) => DataSourceLike;
  let ds: DataSourceLike;
  try {
    ds = new Ctor({ ...userDataSource.options, migrations: [], subscribers: [], synchronize: false, migrationsRun: false, logging: false });
    if (typeof ds.buildMetadatas !== "function") {
      throw new Error("this DataSource has no buildMetadatas(); athanor needs TypeORM 0.3 or later");
    }
    await ds.buildMetadatas();
  } catch (e) {
    throw new ModelLoadError(
      `TypeORM rejected the entities: ${(e as Error).message}`,
      "Fix the entity definitions (TypeORM's own message is above), then run the command again.",
    );
  }
  return ds;
}

/**
 * The index kind TypeORM would build, before the dialect's `modelTable` refines it: an explicit
 * `type` (PostgreSQL's access method), else MySQL's FULLTEXT/SPATIAL flags.
 */
function indexMethod(i: { readonly isFulltext?: boolean; readonly isSpatial?: boolean; readonly type?: string }): string | undefined {
  if (typeof i.type === "string" && i.type !== "" && i.type.toLowerCase() !== "btree") return i.type.toLowerCase();
  if (i.isFulltext) return "fulltext";
  if (i.isSpatial) return "spatial";
  return undefined;
}

/**
 * The schema TypeORM's `synchronize` would build for these entities, in athanor's IR.
 * `serverVersion` (the live server's, or the configured one offline) lets the dialect set the
 * driver flags TypeORM's `connect()` derives from it, so types come out as TypeORM would make them.
 */
export function readModels(ds: DataSourceLike, dialect: Dialect, exclude: readonly string[], serverVersion?: string): Schema {
  if (serverVersion !== undefined) dialect.prepareModelDriver?.(ds.driver, serverVersion);
  const tables: Table[] = [];
  for (const m of syncedEntities(ds)) {
    if (exclude.includes(m.tableName)) continue;
    const columns = m.columns.filter((c) => !c.isVirtualProperty).map((c) => dialect.modelColumn(escapedDefault(columnInput(c, ds.driver), c, dialect)));
    const pkColumns = m.primaryColumns.map((c) => c.databaseName);
    const checks = (m.checks ?? [])
      .filter((c) => typeof c.expression === "string" && c.expression.trim() !== "")
      .map((c) => ({ name: c.name, expression: dialect.canonicalExpression(c.expression!, "check") }))
      .sort((a, b) => compareNames(a.name, b.name));
    const unmodelled = (m.exclusions ?? []).map((x) => ({ kind: "exclusion constraint", name: x.name, ...(x.expression ? { definition: `EXCLUDE ${x.expression}` } : {}) }));
    const table: Table = {
      name: m.tableName,
      columns,
      primaryKey:
        pkColumns.length === 0
          ? undefined
          : {
              name: m.primaryColumns[0].primaryKeyConstraintName ?? ds.namingStrategy.primaryKeyName(m.tablePath, [...pkColumns]),
              columns: pkColumns,
            },
      indexes: m.indices
        .filter((i) => i.synchronize !== false)
        .map((i) => {
          const method = indexMethod(i);
          return {
            name: i.name,
            columns: i.columns.map((c) => c.databaseName),
            unique: i.isUnique,
            ...(i.where ? { where: dialect.canonicalExpression(i.where, "where") } : {}),
            ...(method ? { method } : {}),
          };
        })
        .sort((a, b) => compareNames(a.name, b.name)),
      uniques: m.uniques
        .map((u) => ({ name: u.name, columns: u.columns.map((c) => c.databaseName) }))
        .sort((a, b) => compareNames(a.name, b.name)),
      foreignKeys: m.foreignKeys
        .map((fk) => ({
          name: fk.name,
          columns: [...fk.columnNames],
          referencedTable: fk.referencedEntityMetadata.tableName,
          referencedColumns: [...fk.referencedColumnNames],
          onDelete: dialect.modelForeignKeyAction(fk.onDelete),
          onUpdate: dialect.modelForeignKeyAction(fk.onUpdate),
          ...(fk.deferrable ? { deferrable: fk.deferrable } : {}),
        }))
        .sort((a, b) => compareNames(a.name, b.name)),
      ...(checks.length ? { checks } : {}),
      ...(m.comment ? { comment: m.comment } : {}),
      ...(unmodelled.length ? { unmodelled } : {}),
    };
    tables.push(dialect.modelTable ? dialect.modelTable(table) : table);
  }
  return { tables: sortTables(tables) };
}
