import type { Argv } from "yargs";
import { resolveProject, type Project } from "../config/resolve-project";

export interface CommonArgs {
  readonly config?: string;
  readonly "data-source"?: string;
  readonly url?: string;
  readonly migrations?: string;
}

/** The scope flags of the commands that diff entities against the database (revision, check). */
export interface ScopeArgs {
  readonly "include-table"?: string[];
  readonly "exclude-table"?: string[];
}

export function withCommonOptions<T>(y: Argv<T>): Argv<T & CommonArgs> {
  return y
    .option("config", { alias: "c", type: "string", describe: "Config file (default: ./athanor.config.ts)" })
    .option("data-source", { type: "string", describe: "Module exporting the TypeORM DataSource (FILE or FILE#EXPORT)" })
    .option("url", { type: "string", describe: "Database URL (default: $ATHANOR_DATABASE_URL, the config, then the DataSource)" })
    .option("migrations", { type: "string", describe: "Migrations folder (default: ./migrations)" }) as Argv<T & CommonArgs>;
}

export function withScopeOptions<T>(y: Argv<T>): Argv<T & ScopeArgs> {
  return y
    .option("include-table", {
      type: "string",
      array: true,
      requiresArg: true,
      describe: "Diff only tables matching PATTERN (`*`, `?`; `table` or `schema.table`); repeatable, adds to the config's include",
    })
    .option("exclude-table", {
      type: "string",
      array: true,
      requiresArg: true,
      describe: "Never create, drop or alter tables matching PATTERN; repeatable, adds to the config's exclude",
    }) as Argv<T & ScopeArgs>;
}

export function projectFrom(args: CommonArgs & ScopeArgs): Project {
  return resolveProject({
    config: args.config,
    dataSource: args["data-source"],
    url: args.url,
    migrations: args.migrations,
    includeTables: args["include-table"],
    excludeTables: args["exclude-table"],
  });
}
