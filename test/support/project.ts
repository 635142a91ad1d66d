/**
 * A throwaway user project for end-to-end tests: entity files, a data-source.ts pointed at the
 * test's own database, and athanor.config.ts, in the test's scratch folder. The CLI runs as a
 * child process, exactly as a user runs it, so every call loads the entities afresh.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { TestDatabase } from "./databases";

export const REPO = resolve(__dirname, "..", "..", "..");
const CLI = join(REPO, "bin", "athanor.js");
const ORACLE = join(REPO, "dist", "test", "support", "typeorm-oracle.js");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TestProject {
  readonly dir: string;
  readonly db: TestDatabase;
  /** Runs `athanor ARGS` in the project. */
  cli(...args: string[]): Promise<CliResult>;
  /** Runs `athanor ARGS` with `input` on its standard input (answers to prompts). */
  cliWithInput(input: string, ...args: string[]): Promise<CliResult>;
  /** Writes (or replaces) an entity file under src/entities and regenerates data-source.ts. */
  writeEntity(file: string, source: string): void;
  /** Runs TypeORM itself against the project: `synchronize`, or the schema builder's pending queries. */
  typeorm(action: "sync" | "log"): Promise<string[]>;
  /** The migration files under migrations/versions, sorted. */
  migrationFiles(): string[];
  read(path: string): string;
}

export interface ProjectOptions {
  /** Files written under src/ besides the entities (a naming strategy…). */
  readonly files?: Readonly<Record<string, string>>;
  /** Extra lines at the top of data-source.ts (imports of those files). */
  readonly imports?: string;
  /** Extra DataSource options, as TypeScript source (`namingStrategy: new Snake()`). */
  readonly dataSourceOptions?: string;
}

export function createProject(db: TestDatabase, entities: Readonly<Record<string, string>> = {}, options: ProjectOptions = {}): TestProject {
  const dir = db.dir;
  mkdirSync(join(dir, "src", "entities"), { recursive: true });
  try {
    symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  } catch {
    // already linked
  }
  writeFileSync(join(dir, "athanor.config.ts"), `export default { dataSource: "./src/data-source.ts", migrations: "./migrations" };\n`);
  for (const [file, source] of Object.entries(options.files ?? {})) writeFileSync(join(dir, "src", file), source);
  const writeDataSource = () => {
    const files = readdirSync(join(dir, "src", "entities")).filter((f) => f.endsWith(".ts")).sort();
    const imports = files.map((f, i) => `import * as e${i} from "./entities/${basename(f, ".ts")}";`).join("\n");
    const list = files.map((_, i) => `...Object.values(e${i})`).join(", ");
    writeFileSync(
      join(dir, "src", "data-source.ts"),
      `import "reflect-metadata";\nimport { DataSource } from "typeorm";\n${imports}\n${options.imports ?? ""}\n\n` +
        `export default new DataSource({ ...${JSON.stringify(db.typeorm)}, entities: [${list}].filter((v) => typeof v === "function" || v?.constructor?.name === "EntitySchema") as any[]${
          options.dataSourceOptions ? `, ${options.dataSourceOptions}` : ""
        } });\n`,
    );
  };
  for (const [file, source] of Object.entries(entities)) writeFileSync(join(dir, "src", "entities", file), source);
  writeDataSource();
  const run = (cmd: string, args: string[], input?: string) =>
    new Promise<CliResult>((done) => {
      const child = execFile(process.execPath, [cmd, ...args], { cwd: dir, env: { ...process.env, ATHANOR_DATABASE_URL: "" } }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      });
      child.stdin?.end(input ?? "");
    });
  return {
    dir,
    db,
    cli: (...args) => run(CLI, args),
    cliWithInput: (input, ...args) => run(CLI, args, input),
    writeEntity(file, source) {
      writeFileSync(join(dir, "src", "entities", file), source);
      writeDataSource();
    },
    async typeorm(action) {
      const r = await run(ORACLE, [action, join(dir, "src", "data-source.ts")]);
      if (r.code !== 0) throw new Error(`typeorm ${action} failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as string[];
    },
    migrationFiles() {
      try {
        return readdirSync(join(dir, "migrations", "versions")).sort().map((f) => join(dir, "migrations", "versions", f));
      } catch {
        return [];
      }
    },
    read: (path) => readFileSync(resolve(dir, path), "utf8"),
  };
}

/** Copies fixture entity files (fixtures/<name>/*.ts) into a project's entity map. */
export function fixtureEntities(...folders: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const folder of folders) {
    const dir = join(REPO, "fixtures", folder);
    const files = readdirSync(dir).filter((x) => x.endsWith(".ts"));
    // A folder that yields nothing would make an empty model, which every "no changes" test passes.
    if (files.length === 0) throw new Error(`fixture folder ${dir} holds no .ts entity file`);
    for (const f of files) out[f] = readFileSync(join(dir, f), "utf8");
  }
  return out;
}

/** The `await op.*(` calls of one exported function of a migration file, in order. */
export function opCalls(source: string, fn: "upgrade" | "downgrade"): string[] {
  const start = source.indexOf(`export async function ${fn}`);
  const body = source.slice(start, source.indexOf("\n}\n", start));
  return [...body.matchAll(/await op\.(\w+)\(/g)].map((m) => m[1]);
}

export { cpSync };
