import { connectOptionsFromTypeorm, dialectOfTypeormType, parseDatabaseUrl } from "../config/database-url";
import { requireDataSource, type Project } from "../config/resolve-project";
import type { ConnectOptions, Connection, Dialect } from "../dialects/dialect";
import { getDialect } from "../dialects";
import { ConfigError } from "../errors";
import { loadDataSource } from "../models/typeorm/load-data-source";
import { buildMetadata, readModelsWithNotes, unsyncedTables, type DataSourceLike, type ModelReading } from "../models/typeorm/read-models";
import { installEsmHooks, registerTypeScript, requireUserModule } from "../loader/register";
import type { Schema } from "../schema/types";
import { unmanagedTables } from "../runner/version-table";
import { timed } from "../timings";

/** The user's DataSource and the dialect it speaks. */
export function userDataSource(project: Project): { ds: DataSourceLike; dialect: Dialect } {
  registerTypeScript(project.cwd);
  const { file, export: exportName } = requireDataSource(project);
  const ds = timed("load modules", () => loadDataSource(file, exportName));
  const name = dialectOfTypeormType(ds.options.type);
  if (!name) {
    throw new ConfigError(`the DataSource's type "${ds.options.type}" is not supported`, "athanor supports postgres, mysql, mariadb and better-sqlite3 DataSources.");
  }
  return { ds, dialect: getDialect(name) };
}

/** The user's entities as TypeORM builds them, before they are read into the IR. */
export interface LoadedModels {
  readonly ds: DataSourceLike;
  readonly dialect: Dialect;
  /** The DataSource with its metadata built (never initialised). */
  readonly built: DataSourceLike;
  /**
   * Tables that are none of athanor's business: its own, TypeORM's bookkeeping, and the tables of
   * entities marked `synchronize: false` (TypeORM leaves them alone, so a diff must not drop them).
   */
  readonly exclude: string[];
}

/** Loads the user's DataSource and builds its entity metadata, without connecting. */
export async function loadModels(project: Project): Promise<LoadedModels> {
  const { ds, dialect } = userDataSource(project);
  const built = await timed("metadata", () => buildMetadata(ds, { loadEntityFile: requireUserModule, beforeTypeormLoads: installEsmHooks }));
  const migrationsTable = typeof ds.options.migrationsTableName === "string" ? ds.options.migrationsTableName : "migrations";
  return { ds, dialect, built, exclude: unmanagedTables([migrationsTable, ...unsyncedTables(built)]) };
}

/**
 * The schema the entities describe, read from TypeORM's metadata without connecting.
 * `serverVersion` is the server the schema is for (see readModels): pass the live connection's.
 */
export async function modelSchema(
  project: Project,
  serverVersion?: string,
  loaded?: LoadedModels,
): Promise<{ schema: Schema; reading: ModelReading; exclude: string[]; dialect: Dialect; ds: DataSourceLike }> {
  const { ds, dialect, built, exclude } = loaded ?? (await loadModels(project));
  // Read once: the schema, and what the reading found besides it (for the diff's notes).
  const reading = readModelsWithNotes(built, dialect, exclude, serverVersion);
  return { schema: reading.schema, reading, exclude, dialect, ds };
}

/**
 * Connects to the project's database: the URL when one is given (no entity code is loaded then),
 * else the DataSource's own connection settings. `known` reuses a DataSource already loaded.
 * `ifMissing` says what a file database (SQLite) that does not exist means for this command:
 * only commands that write (upgrade, stamp) may create it.
 */
export async function openDatabase(
  project: Project,
  known?: { ds: DataSourceLike; dialect: Dialect },
  ifMissing: NonNullable<ConnectOptions["ifMissing"]> = "fail",
): Promise<Connection> {
  if (project.url) {
    const { dialect, options } = parseDatabaseUrl(project.url, project.cwd);
    if (known && known.dialect.name !== dialect) {
      throw new ConfigError(`the URL is for ${dialect} but the DataSource is ${known.ds.options.type}`, "Point --url at a database of the DataSource's kind.");
    }
    return getDialect(dialect).connect({ ...options, ifMissing });
  }
  const { ds, dialect } = known ?? userDataSource(project);
  return dialect.connect({ ...connectOptionsFromTypeorm(ds.options, dialect.name, project.cwd), ifMissing });
}
