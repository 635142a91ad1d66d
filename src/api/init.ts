import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { ConfigError } from "../errors";
import { DEFAULT_TEMPLATE } from "../render/migration-file";

const GUESSES = ["src/data-source.ts", "src/data-source.js", "data-source.ts", "src/ormconfig.ts", "ormconfig.ts"];

/** Scaffolds athanor.config.ts, the migrations folder and an editable copy of the template. */
export function initProject(cwd: string, migrations = "migrations", dataSource?: string): string[] {
  const configFile = join(cwd, "athanor.config.ts");
  if (existsSync(configFile)) {
    throw new ConfigError(`${relative(cwd, configFile)} already exists`, "Edit it, or delete it and run `athanor init` again.");
  }
  const ds = dataSource ?? GUESSES.find((g) => existsSync(join(cwd, g))) ?? "src/data-source.ts";
  const dir = resolve(cwd, migrations);
  mkdirSync(join(dir, "versions"), { recursive: true });
  const template = join(dir, "migration.ts.tmpl");
  if (!existsSync(template)) copyFileSync(DEFAULT_TEMPLATE, template);
  writeFileSync(
    configFile,
    `import type { AthanorConfig } from "athanor";

const config: AthanorConfig = {
  // The module exporting your TypeORM DataSource (default export or a named one:
  // { file: "./src/data-source.ts", export: "AppDataSource" }).
  dataSource: ${JSON.stringify(`./${relative(cwd, resolve(cwd, ds))}`)},
  // Holds versions/ (the migration files) and migration.ts.tmpl (their template, yours to edit).
  migrations: ${JSON.stringify(`./${relative(cwd, dir)}`)},
};

export default config;
`,
  );
  return [configFile, join(dir, "versions"), template].map((p) => relative(cwd, p));
}
