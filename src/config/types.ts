/** athanor.config.ts's default export. Paths are relative to the config file. */
export interface AthanorConfig {
  /** The module exporting the TypeORM DataSource: a path, or `{ file, export }` for a named export. */
  readonly dataSource: string | { readonly file: string; readonly export?: string };
  /** The migrations folder (holding `versions/` and the template). Default: `./migrations`. */
  readonly migrations?: string;
  /** Database URL; overrides the DataSource's connection settings. `ATHANOR_DATABASE_URL` overrides it. */
  readonly url?: string;
}

/** Identity function that gives `athanor.config.ts` type checking. */
export function defineConfig(config: AthanorConfig): AthanorConfig {
  return config;
}
