/**
 * A throwaway user project driven in-process through athanor's library API (no CLI child process
 * per step), so hundreds of round trips fit in minutes. Each version of the entities lives in a
 * folder of its own (src/v1, src/v2, …): Node caches modules by path, so a new version must be a
 * new file, never an edited one. TypeORM itself (the oracle) runs in-process too, on a DataSource
 * of its own built from the same module.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveProject, type Project } from "../../src/config/resolve-project";
import { registerTypeScript } from "../../src/loader/register";
import { loadDataSource } from "../../src/models/typeorm/load-data-source";
import type { TestDatabase } from "./databases";
import { REPO } from "./project";

// The loader keeps the first project's settings for the whole process: make that the repository,
// so compiled output is cached in one place that outlives every scratch folder.
registerTypeScript(REPO);

export interface EntityVersion {
  /** Folder label (v1, v2…). */
  readonly label: string;
  /** athanor's view of the project at this version (data source, URL, migrations folder). */
  readonly project: Project;
  readonly dataSourceFile: string;
}

/** Writes one version of the entities (file name → TypeScript source) and its data-source.ts. */
export function writeVersion(db: TestDatabase, label: string, entities: Readonly<Record<string, string>>): EntityVersion {
  try {
    symlinkSync(join(REPO, "node_modules"), join(db.dir, "node_modules"), "dir");
  } catch {
    // already linked
  }
  const src = join(db.dir, "src", label);
  mkdirSync(join(src, "entities"), { recursive: true });
  const files = Object.keys(entities).sort();
  for (const f of files) writeFileSync(join(src, "entities", f), entities[f]);
  const imports = files.map((f, i) => `import * as e${i} from "./entities/${f.replace(/\.ts$/, "")}";`).join("\n");
  const list = files.map((_, i) => `...Object.values(e${i})`).join(", ");
  const dataSourceFile = join(src, "data-source.ts");
  writeFileSync(
    dataSourceFile,
    `import "reflect-metadata";\nimport { DataSource } from "typeorm";\n${imports}\n\n` +
      `export default new DataSource({ ...${JSON.stringify(db.typeorm)}, entities: [${list}].filter((v) => typeof v === "function") as Function[] });\n`,
  );
  const project = resolveProject({ cwd: db.dir, dataSource: dataSourceFile, url: db.url, migrations: join(db.dir, "migrations") });
  return { label, project, dataSourceFile };
}

interface OracleDataSource {
  initialize(): Promise<OracleDataSource>;
  destroy(): Promise<void>;
  synchronize(): Promise<void>;
  driver: { createSchemaBuilder(): { log(): Promise<{ upQueries: { query: string }[] }> } };
}

/** A fresh, unconnected DataSource of TypeORM's own class with the version's options. */
function oracleDataSource(version: EntityVersion): OracleDataSource {
  const ds = loadDataSource(version.dataSourceFile) as unknown as { constructor: new (o: unknown) => OracleDataSource; options: object };
  return new ds.constructor({ ...ds.options, logging: false, synchronize: false });
}

/** TypeORM's `synchronize` builds the version's schema. */
export async function typeormSync(version: EntityVersion): Promise<void> {
  const ds = await oracleDataSource(version).initialize();
  try {
    await ds.synchronize();
  } finally {
    await ds.destroy();
  }
}

/** The queries TypeORM's schema builder would still run for the version (none when in sync). */
export async function typeormLog(version: EntityVersion): Promise<string[]> {
  const ds = await oracleDataSource(version).initialize();
  try {
    const log = await ds.driver.createSchemaBuilder().log();
    return log.upQueries.map((q) => q.query);
  } finally {
    await ds.destroy();
  }
}
