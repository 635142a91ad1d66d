import Module from "node:module";
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { compileTypeScript, type CompileSettings } from "./compile-typescript";
import type { UnknownDesignType } from "./design-types/rewrite-design-types";
import { aliasCandidates, readTsconfig, type PathAliases } from "./read-tsconfig-paths";
import { timed } from "../timings";
import { runModule } from "./run-module";
import { nearestPackageType } from "./package-type";

const TS_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts"] as const;

interface ModuleInternals {
  _extensions: Record<string, (module: { exports: unknown; _compile(code: string, filename: string): void }, filename: string) => void>;
  _resolveFilename: (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
}

let installed: { projectDir: string } | undefined;
let esmHooksInstalled = false;

/**
 * Lets `require` and `import()` load the user's TypeScript (config, data source, entities,
 * migrations): compiles `.ts` files with decorator metadata, maps NodeNext-style `./user.js`
 * imports to `./user.ts`, and resolves the `paths` aliases of the project's tsconfig.json.
 * Installed once per process; later calls keep the first project's settings.
 */
export function registerTypeScript(projectDir: string): void {
  installRequireHook(projectDir);
  // The ESM hooks start a loader thread (node:module register), which takes longer than all of
  // `athanor heads`. Only an `import()` of TypeScript needs them: TypeORM's, of the entity globs of
  // an ES module project (athanor requires a CommonJS project's globs itself, see
  // preload-entity-globs.ts, and calls installEsmHooks when it leaves one to TypeORM).
  if (nearestPackageType(projectDir) === "module") installEsmHooks();
}

/** Lets `import()` of a .ts file reach the require hook (see esm-hooks.ts); once per process. */
export function installEsmHooks(): void {
  if (esmHooksInstalled) return;
  esmHooksInstalled = true;
  registerEsmHooks();
}

/** The `require` half of registerTypeScript: enough for the config and the migration files. */
function installRequireHook(projectDir: string): void {
  if (installed) return;
  installed = { projectDir };
  const internals = Module as unknown as ModuleInternals;
  const tsconfig = readTsconfig(projectDir);
  const aliases = tsconfig.aliases;
  const settings: CompileSettings = { cacheDir: join(projectDir, "node_modules", ".cache", "athanor"), aliases, strictNullChecks: tsconfig.strictNullChecks };
  for (const ext of TS_EXTENSIONS) {
    internals._extensions[ext] = (module, filename) =>
      timed("load modules", () => {
        const compiled = timed("compile", () => compileTypeScript(filename, readFileSync(filename, "utf8"), settings));
        if (compiled.unknown.length > 0) reportUnknownDesignTypes(compiled.unknown);
        runModule(module, compiled.code, filename, compiled.entry === undefined ? undefined : `${compiled.entry}.v8`);
      });
  }
  const original = internals._resolveFilename;
  internals._resolveFilename = function (request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (error) {
      for (const candidate of alternatives(request, aliases)) {
        try {
          return original.call(this, candidate, parent, isMain, options);
        } catch {
          // try the next spelling
        }
      }
      throw error;
    }
  };
}

let pending: UnknownDesignType[] = [];

/**
 * One warning for all the design types that could not be worked out: the files of one load are
 * required synchronously, so collecting until the next tick gathers them into one message.
 */
function reportUnknownDesignTypes(unknown: readonly UnknownDesignType[]): void {
  if (pending.length === 0) {
    process.nextTick(() => {
      const list = pending;
      pending = [];
      const lines = list.map((u) => `  ${u.property}: ${u.why}`);
      process.stderr.write(
        `warning: athanor could not work out the design:type tsc would emit for ${list.length} decorated member(s); they keep swc's (a reference to the type's runtime value, else Object):\n` +
          `${lines.join("\n")}\n  Give those columns an explicit type (@Column({ type: ... })) if TypeORM rejects them.\n`,
      );
    });
  }
  pending.push(...unknown);
}

/** Lets `import()` of a .ts file (TypeORM's entity globs in ESM projects) reach the hook above. */
function registerEsmHooks(): void {
  const register = (Module as unknown as { register?: (specifier: string, parentURL: string) => void }).register;
  register?.(pathToFileURL(require.resolve("./esm-hooks")).href, pathToFileURL(__filename).href);
}

/** Other spellings of a request that failed: `.js` → `.ts` (ESM projects), tsconfig aliases. */
function alternatives(request: string, aliases: PathAliases | undefined): string[] {
  const out: string[] = [];
  const swapped = swapExtension(request);
  if (swapped) out.push(swapped);
  if (aliases && !request.startsWith(".") && !request.startsWith("/")) {
    for (const c of aliasCandidates(aliases, request)) {
      out.push(c);
      const s = swapExtension(c);
      if (s) out.push(s);
    }
  }
  return out;
}

function swapExtension(request: string): string | undefined {
  const m = /\.(m|c)?js$/.exec(request);
  if (!m) return undefined;
  return request.slice(0, -m[0].length) + (m[1] === "m" ? ".mts" : m[1] === "c" ? ".cts" : ".ts");
}

/** Loads a user module through the require hook, relative to nothing (absolute path). */
export function requireUserModule(file: string): unknown {
  installRequireHook(installed?.projectDir ?? dirname(file));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file);
}
