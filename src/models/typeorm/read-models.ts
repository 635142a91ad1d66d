import type { Dialect, ModelColumnInput } from "../../dialects/dialect";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { hasGlobs, preloadEntityGlobs } from "./preload-entity-globs";
import { timed } from "../../timings";
import { withIndexedMetadataArgs } from "./indexed-metadata-args";
import { ModelLoadError } from "../../errors";
import { compareNames, sortTables } from "../../schema/lookup";
import type { Schema, Table } from "../../schema/types";
import type { IgnoredDeclaration } from "../../diff/unmodelled-notes";
import { columnInput } from "./column-input";
import type { DataSourceLike, EntityMetadataLike } from "./metadata-like";

export type { DataSourceLike, EntityMetadataLike } from "./metadata-like";
import { livesElsewhere, qualifiedName } from "./mapping-place";
import { describeMapping } from "./mapping-source";
import { mergeMappings, type TableMapping } from "./merge-mappings";

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

/**
 * Tables of entities TypeORM never synchronises (`synchronize: false`, views): athanor leaves them
 * alone too. A table that another, synchronised mapping also declares (an `@Entity({ synchronize:
 * false })` over a `@JoinTable`'s table) is still managed: TypeORM builds it from that mapping.
 */
export function unsyncedTables(ds: DataSourceLike): string[] {
  const synced = new Set(syncedEntities(ds).filter((m) => !livesElsewhere(m, ds)).map((m) => m.tableName));
  return ds.entityMetadatas.filter((m) => (!m.synchronize || m.tableType === "view") && !synced.has(m.tableName)).map((m) => m.tableName);
}

export interface BuildMetadataOptions {
  /**
   * Loads one entity file (athanor's TypeScript-aware require): given, the DataSource's entity
   * globs are loaded by athanor instead of TypeORM (see preload-entity-globs.ts).
   */
  readonly loadEntityFile?: (file: string) => unknown;
  /** Called before TypeORM loads entity globs itself (an ES module project's: it `import()`s them). */
  readonly beforeTypeormLoads?: () => void;
}

/** The folder of the project's `typeorm` package (else athanor's), where its glob library lives. */
function typeormDir(): string | undefined {
  for (const paths of [[process.cwd()], undefined]) {
    let main: string;
    try {
      // Its entry point: "typeorm/package.json" is not among the paths its `exports` allows.
      main = require.resolve("typeorm", paths ? { paths } : undefined);
    } catch {
      continue;
    }
    for (let dir = dirname(main); dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, "package.json"))) return dir;
  }
  return undefined;
}

/**
 * Builds a DataSource's entity metadata without connecting: a fresh DataSource of the user's own
 * class (so the user's copy of TypeORM does the work) with migrations and subscribers left out.
 */
export async function buildMetadata(userDataSource: DataSourceLike, options: BuildMetadataOptions = {}): Promise<DataSourceLike> {
  const Ctor = (userDataSource as object).constructor as new (options: Record<string, unknown>) => DataSourceLike;
  let ds: DataSourceLike;
  try {
    const entities = options.loadEntityFile
      ? timed("load modules", () => preloadEntityGlobs(userDataSource.options.entities, typeormDir, options.loadEntityFile!))
      : userDataSource.options.entities;
    if (hasGlobs(entities)) options.beforeTypeormLoads?.();
    ds = new Ctor({ ...userDataSource.options, entities, migrations: [], subscribers: [], synchronize: false, migrationsRun: false, logging: false });
    if (typeof ds.buildMetadatas !== "function") {
      throw new Error("this DataSource has no buildMetadatas(); athanor needs TypeORM 0.3 or later");
    }
    const built = ds;
    await withIndexedMetadataArgs(() => built.buildMetadatas!());
  } catch (e) {
    throw new ModelLoadError(
      `TypeORM rejected the entities: ${(e as Error).message}`,
      "Fix the entity definitions (TypeORM's own message is above), then run the command again.",
    );
  }
  return ds;
}

/** Options TypeORM writes when it creates a table, an index or a constraint, that the IR has no field for. */
function unmodelledOptions(m: EntityMetadataLike): IgnoredDeclaration[] {
  const declaredBy = describeMapping(m);
  const out: IgnoredDeclaration[] = [];
  if (m.engine) out.push({ kind: "table option", name: `ENGINE=${m.engine} on ${m.tableName}`, declaredBy });
  if (m.withoutRowid) out.push({ kind: "table option", name: `WITHOUT ROWID on ${m.tableName}`, declaredBy });
  for (const c of m.columns) {
    const spatial = [c.spatialFeatureType, c.srid].filter((x) => x !== undefined && x !== null && x !== "").join(",");
    if (spatial) out.push({ kind: "constraint option", name: `(${spatial}) on column ${c.databaseName} of ${m.tableName}`, declaredBy });
  }
  for (const u of m.uniques) if (u.deferrable) out.push({ kind: "constraint option", name: `DEFERRABLE ${u.deferrable} on unique ${u.name} of ${m.tableName}`, declaredBy });
  for (const i of m.indices) if (i.parser && i.synchronize !== false) out.push({ kind: "constraint option", name: `WITH PARSER ${i.parser} on index ${i.name} of ${m.tableName}`, declaredBy });
  return out;
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
  return readModelsWithNotes(ds, dialect, exclude, serverVersion).schema;
}

/** What reading the models found besides the schema: for notes, so a clean diff never hides it. */
export interface ModelReading {
  readonly schema: Schema;
  /** Declared objects left out of the schema because athanor does not model them. */
  readonly ignored: readonly IgnoredDeclaration[];
  /** One per table declared by several metadatas that disagree: what differs and what was kept. */
  readonly merged: readonly string[];
}

/**
 * readModels, with what it left out (views, tables in another schema or database and foreign keys
 * to them) and how it merged tables declared twice (see merge-mappings.ts).
 */
export function readModelsWithNotes(ds: DataSourceLike, dialect: Dialect, exclude: readonly string[], serverVersion?: string): ModelReading {
  if (serverVersion !== undefined) dialect.prepareModelDriver?.(ds.driver, serverVersion);
  // Views are in `exclude` (unsyncedTables) so no view name is ever read as a table; still reported.
  const ignored: IgnoredDeclaration[] = ds.entityMetadatas
    .filter((m) => m.tableType === "view" && m.synchronize)
    .map((m) => ({ kind: "view", name: qualifiedName(m, ds), declaredBy: describeMapping(m) }));
  const elsewhere = new Map<unknown, string>();
  for (const m of syncedEntities(ds)) {
    if (exclude.includes(m.tableName) || !livesElsewhere(m, ds)) continue;
    elsewhere.set(m, qualifiedName(m, ds));
    ignored.push({ kind: "table elsewhere", name: qualifiedName(m, ds), declaredBy: describeMapping(m) });
  }
  const mappings = new Map<string, TableMapping[]>();
  for (const m of syncedEntities(ds)) {
    if (exclude.includes(m.tableName) || elsewhere.has(m)) continue;
    ignored.push(...unmodelledOptions(m));
    const foreignKeys = m.foreignKeys.filter((fk) => {
      if (!elsewhere.has(fk.referencedEntityMetadata)) return true;
      ignored.push({ kind: "foreign key elsewhere", name: `${fk.name} (${m.tableName} → ${elsewhere.get(fk.referencedEntityMetadata)})`, declaredBy: describeMapping(m) });
      return false;
    });
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
      foreignKeys: foreignKeys
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
    const list = mappings.get(table.name) ?? [];
    list.push({ source: describeMapping(m), table });
    mappings.set(table.name, list);
  }
  const tables: Table[] = [];
  const merged: string[] = [];
  for (const name of [...mappings.keys()].sort(compareNames)) {
    const list = mappings.get(name)!;
    const { table, differences } = mergeMappings(list);
    if (differences.length > 0) {
      merged.push(
        `table "${name}" is declared by ${list.map((x) => x.source).join(" and ")}, which differ; athanor merges them into the table TypeORM's synchronize leaves ` +
          `(TypeORM itself rebuilds it on every run while they differ): ${differences.join("; ")}. Make the declarations agree, or add \`synchronize: false\` to all but one.`,
      );
    }
    tables.push(dialect.modelTable ? dialect.modelTable(table) : table);
  }
  return { schema: { tables: sortTables(tables) }, ignored, merged };
}
