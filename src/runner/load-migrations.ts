import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { MigrationFileError } from "../errors";
import { requireUserModule } from "../loader/register";
import type { MigrationContext } from "../ops/migration-context";
import { loadSqlPairs } from "./sql-pair-migrations";
import { staticExports } from "./static-exports";
import type { MigrationScript } from "./migration-script";

export type { MigrationScript } from "./migration-script";

const MIGRATION_FILE = /\.(ts|mts|cts|js|cjs)$/;
/** Files whose graph exports can be read without running them (static-exports.ts): JavaScript is required as Node would. */
const TYPESCRIPT_FILE = /\.(ts|mts|cts)$/;

export function versionsDir(migrationsDir: string): string {
  return join(migrationsDir, "versions");
}

export interface LoadOptions {
  /**
   * The caller reads the graph (ids, parents, labels, messages, files), not the migrations'
   * functions: TypeScript files in the generator's form are read without being run, and required
   * only when their `upgrade` or `downgrade` is first called. An error in a function's body then
   * shows at that call, not here.
   */
  readonly graphOnly?: boolean;
}

/**
 * Loads every migration under `<migrations>/versions`, checking each one's exports: TypeScript
 * (or JavaScript) revision files, and numbered SQL pairs (sql-pair-migrations.ts).
 */
export function loadMigrations(migrationsDir: string, cwd = process.cwd(), options: LoadOptions = {}): MigrationScript[] {
  const dir = versionsDir(migrationsDir);
  if (!existsSync(dir)) return [];
  const all = readdirSync(dir).sort();
  const files = all.filter((f) => MIGRATION_FILE.test(f) && !f.endsWith(".d.ts"));
  // The folder's path relative to cwd, worked out once: path.relative per file costs more than
  // reading a thousand generated files.
  const shown = relative(cwd, dir);
  return [...loadSqlPairs(dir, all, cwd), ...files.map((f) => loadOne(join(dir, f), join(shown, f), options.graphOnly === true))];
}

/** `file` is how messages name it: its path relative to the working directory. */
function loadOne(path: string, file: string, graphOnly: boolean): MigrationScript {
  const source = readFileSync(path, "utf8");
  const exports = graphOnly && TYPESCRIPT_FILE.test(path) ? staticExports(source) : undefined;
  if (exports === undefined) return scriptOf(requireMigration(path, file), file, source);
  // Read, not run: the module is required when its upgrade or downgrade is first called.
  let loaded: MigrationScript | undefined;
  const functions = (): MigrationScript => {
    if (loaded === undefined) {
      const required = scriptOf(requireMigration(path, file), file, source);
      // The file read is the file run: anything else (it was edited meanwhile) must not be run
      // under the revision id the graph gave it.
      if (JSON.stringify(graphFields(required)) !== JSON.stringify(graphFields(script))) {
        throw new MigrationFileError(`migration ${file} changed while athanor was running`, "Run the command again.");
      }
      loaded = required;
    }
    return loaded;
  };
  const script = scriptOf(
    { ...exports, upgrade: async (ctx: MigrationContext) => functions().upgrade(ctx), downgrade: async (ctx: MigrationContext) => functions().downgrade(ctx) },
    file,
    source,
  );
  return script;
}

function requireMigration(path: string, file: string): Record<string, unknown> {
  try {
    return requireUserModule(path) as Record<string, unknown>;
  } catch (e) {
    throw new MigrationFileError(`cannot load migration ${file}: ${(e as Error).message}`, "Fix the syntax error in that file, or delete it if it is not a migration.");
  }
}

/** The migration a file's exports describe, or a MigrationFileError saying which export is wrong. */
function scriptOf(mod: Record<string, unknown>, file: string, source: string): MigrationScript {
  const bad = (what: string) =>
    new MigrationFileError(
      `migration ${file} ${what}`,
      "A migration exports `revision` (string), `downRevision` (string, string[] or null), and async functions `upgrade` and `downgrade`; optionally `branchLabels` and `dependsOn` (string or string[]).",
    );
  const revision = mod.revision;
  if (typeof revision !== "string" || revision.length === 0) throw bad("has no string `revision` export");
  const down = mod.downRevision;
  let downRevisions: string[];
  if (down === null || down === undefined) downRevisions = [];
  else if (typeof down === "string") downRevisions = [down];
  else if (Array.isArray(down) && down.every((d) => typeof d === "string")) downRevisions = [...down].sort();
  else throw bad("has a `downRevision` that is neither a string, a list of strings, nor null");
  const branchLabels = stringList(mod.branchLabels);
  if (branchLabels === undefined) throw bad("has a `branchLabels` export that is neither a string nor a list of strings");
  const dependsOn = stringList(mod.dependsOn);
  if (dependsOn === undefined) throw bad("has a `dependsOn` export that is neither a string, a list of strings, nor null");
  if (typeof mod.upgrade !== "function") throw bad("has no `upgrade` function");
  if (typeof mod.downgrade !== "function") throw bad("has no `downgrade` function");
  return {
    revision,
    downRevisions,
    ...(branchLabels.length ? { branchLabels } : {}),
    ...(dependsOn.length ? { dependsOn } : {}),
    message: messageOf(source),
    file,
    checksum: createHash("sha256").update(source).digest("hex"),
    upgrade: mod.upgrade as MigrationScript["upgrade"],
    downgrade: mod.downgrade as MigrationScript["downgrade"],
    transactional: mod.transactional !== false,
  };
}

/** What the graph and the runner read of a migration besides its functions. */
function graphFields(s: MigrationScript): unknown[] {
  return [s.revision, s.downRevisions, s.branchLabels ?? [], s.dependsOn ?? [], s.transactional];
}

/** The first line of the file's leading doc comment: the message given to `revision -m`. */
function messageOf(source: string): string | undefined {
  const m = /^\s*\/\*\*\s*\n\s*\*\s*(.+)\n/.exec(source);
  return m ? m[1].trim() : undefined;
}

/** A string, a list of strings, null or absent, as a sorted list; undefined for anything else. */
function stringList(value: unknown): string[] | undefined {
  if (value === null || value === undefined) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return [...new Set(value as string[])].sort();
  return undefined;
}
