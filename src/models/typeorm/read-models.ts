import type { Dialect, ModelColumnInput } from "../../dialects/dialect";
import { ModelLoadError } from "../../errors";
import { compareNames, sortTables } from "../../schema/lookup";
import type { Schema, Table } from "../../schema/types";
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
  }[];
  readonly uniques: readonly { readonly name: string; readonly columns: readonly NamedColumns[] }[];
  readonly foreignKeys: readonly {
    readonly name: string;
    readonly columnNames: readonly string[];
    readonly referencedColumnNames: readonly string[];
    readonly referencedEntityMetadata: { readonly tableName: string };
    readonly onDelete?: string;
    readonly onUpdate?: string;
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

/** The schema TypeORM's `synchronize` would build for these entities, in athanor's IR. */
export function readModels(ds: DataSourceLike, dialect: Dialect, exclude: readonly string[]): Schema {
  const tables: Table[] = [];
  for (const m of syncedEntities(ds)) {
    if (exclude.includes(m.tableName)) continue;
    const columns = m.columns.filter((c) => !c.isVirtualProperty).map((c) => dialect.modelColumn(escapedDefault(columnInput(c, ds.driver), c, dialect)));
    const pkColumns = m.primaryColumns.map((c) => c.databaseName);
    tables.push({
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
        .map((i) => ({
          name: i.name,
          columns: i.columns.map((c) => c.databaseName),
          unique: i.isUnique,
          ...(i.where ? { where: i.where } : {}),
        }))
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
        }))
        .sort((a, b) => compareNames(a.name, b.name)),
    });
  }
  return { tables: sortTables(tables) };
}
