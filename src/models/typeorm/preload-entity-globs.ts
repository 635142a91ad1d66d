import { dirname, extname, resolve } from "node:path";
import { nearestPackageType } from "../../loader/package-type";

/**
 * A DataSource's entity globs (`entities: ["src/entities/*.ts"]`), loaded the way TypeORM loads
 * them but without its cost on large projects.
 *
 * TypeORM starts one `importOrRequireFile` per matched file, all at once, and each looks for its
 * nearest package.json with asynchronous stat/readFile calls up the directory tree before it
 * requires the file: at 2,000 entities, about 10,000 file-system calls queued on libuv's four
 * threads, with the main thread idle meanwhile (4–5 s of a 12 s run). Here the same files (the
 * same glob library, TypeORM's, and the same extensions) are required synchronously, in the
 * glob's order, with one package.json lookup per directory, and the DataSource is given the
 * classes they export, as TypeORM would have collected them.
 *
 * A glob whose files TypeORM would `import()` (ES modules: .mjs/.mts, or a package.json with
 * "type": "module") is left to TypeORM, as is everything when its glob library is not found.
 */

/** TypeORM's importClassesFromDirectories: what it loads from a glob's matches. */
const FORMATS = new Set([".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"]);

type GlobSync = (pattern: string) => string[];

/**
 * `entities` with each glob replaced by the classes and entity schemas its files export, or the
 * list unchanged when a glob has to be left to TypeORM. `typeormDir` finds the folder of the
 * `typeorm` package the DataSource comes from (its glob library is used), only when there are globs.
 */
export function preloadEntityGlobs(entities: unknown, typeormDir: () => string | undefined, load: (file: string) => unknown): unknown {
  if (!hasGlobs(entities)) return entities;
  const list = entityList(entities);
  const dir = typeormDir();
  const globSync = dir ? globLibrary(dir) : undefined;
  if (!globSync) return entities;
  const packageTypes = new Map<string, string | undefined>();
  const out: unknown[] = [];
  for (const entry of list) {
    if (typeof entry !== "string") {
      out.push(entry);
      continue;
    }
    const files = globSync(entry.replace(/\\/g, "/")).filter((f) => FORMATS.has(extname(f)) && !f.endsWith(".d.ts"));
    if (files.some((f) => isEsModule(resolve(f), packageTypes))) return entities;
    for (const file of files) collectExports(load(resolve(file)), out);
  }
  return out;
}

/** Whether a DataSource's `entities` holds a glob (a string) for TypeORM to load. */
export function hasGlobs(entities: unknown): boolean {
  return entityList(entities).some((e) => typeof e === "string");
}

/** `entities` as TypeORM reads it (a MixedList: an array, or an object's values). */
function entityList(entities: unknown): readonly unknown[] {
  if (Array.isArray(entities)) return entities;
  return entities !== null && typeof entities === "object" ? Object.values(entities) : [];
}

/** TypeORM's loadFileClasses: functions and entity schemas, through arrays and plain objects. */
function collectExports(exported: unknown, out: unknown[]): void {
  if (typeof exported === "function" || isEntitySchema(exported)) out.push(exported);
  else if (Array.isArray(exported)) for (const v of exported) collectExports(v, out);
  else if (exported !== null && typeof exported === "object") for (const v of Object.values(exported)) collectExports(v, out);
}

function isEntitySchema(value: unknown): boolean {
  return value !== null && typeof value === "object" && (value as Record<string, unknown>)["@instanceof"] === Symbol.for("EntitySchema");
}

/** Whether TypeORM would `import()` the file rather than `require` it (ImportUtils). */
function isEsModule(file: string, packageTypes: Map<string, string | undefined>): boolean {
  const ext = extname(file);
  if (ext === ".mjs" || ext === ".mts") return true;
  if (ext === ".cjs" || ext === ".cts") return false;
  return nearestPackageType(dirname(file), packageTypes) === "module";
}

/** TypeORM's own glob function (tinyglobby since 0.3.26), so patterns match exactly the same files. */
function globLibrary(typeormDir: string): GlobSync | undefined {
  try {
    const path = require.resolve("tinyglobby", { paths: [typeormDir] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require(path) as { globSync?: GlobSync };
    return typeof lib.globSync === "function" ? lib.globSync : undefined;
  } catch {
    return undefined;
  }
}
