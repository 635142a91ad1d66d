import type { Argv } from "yargs";
import { resolveProject, type Project } from "../config/resolve-project";

export interface CommonArgs {
  readonly config?: string;
  readonly "data-source"?: string;
  readonly url?: string;
  readonly migrations?: string;
}

export function withCommonOptions<T>(y: Argv<T>): Argv<T & CommonArgs> {
  return y
    .option("config", { alias: "c", type: "string", describe: "Config file (default: ./athanor.config.ts)" })
    .option("data-source", { type: "string", describe: "Module exporting the TypeORM DataSource (FILE or FILE#EXPORT)" })
    .option("url", { type: "string", describe: "Database URL (default: $ATHANOR_DATABASE_URL, the config, then the DataSource)" })
    .option("migrations", { type: "string", describe: "Migrations folder (default: ./migrations)" }) as Argv<T & CommonArgs>;
}

export function projectFrom(args: CommonArgs): Project {
  return resolveProject({ config: args.config, dataSource: args["data-source"], url: args.url, migrations: args.migrations });
}
