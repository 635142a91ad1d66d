import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bareMetadataReferences } from "./design-types/bare-metadata-references";
import type { RewrittenSource, UnknownDesignType } from "./design-types/rewrite-design-types";
import type { PathAliases } from "./read-tsconfig-paths";

export interface CompileSettings {
  /** Where compiled output is cached (undefined: no cache). */
  readonly cacheDir: string | undefined;
  readonly aliases: PathAliases | undefined;
  /** The project's strictNullChecks: tsc keeps `null` in a union's design type only under it. */
  readonly strictNullChecks: boolean;
}

export interface Compiled {
  readonly code: string;
  /** Decorated members whose design type could not be worked out (they keep swc's). */
  readonly unknown: readonly UnknownDesignType[];
  /** The cache entry holding this output (undefined: no cache, or it could not be written). */
  readonly entry?: string;
}

/**
 * Compiles a user's TypeScript file to CommonJS *with* decorator metadata: entities that write
 * `@Column() name: string` rely on `design:type`, which esbuild-based loaders never emit. The
 * metadata is the one tsc would write, also for types declared in other files (see
 * design-types/rewrite-design-types.ts).
 * Output is cached by content hash, because loading is the slowest step on large projects. An
 * entry also lists the files its design types were read from, with their hashes: editing
 * `type Kind = …` in types.ts recompiles the entities that use Kind.
 */
export function compileTypeScript(filename: string, source: string, settings: CompileSettings): Compiled {
  const key = createHash("sha256")
    .update(compilerKey())
    .update(JSON.stringify([filename, settings.strictNullChecks, settings.aliases ?? null]))
    .update("\0")
    .update(source)
    .digest("hex");
  const cached = settings.cacheDir ? readCache(settings.cacheDir, key) : undefined;
  if (cached !== undefined) return cached;
  // swc and the design-type rewriter are loaded on a cache miss only: a warm run never needs them,
  // and loading swc costs more than reading every cached file of a small project.
  const { transformSync } = require("@swc/core") as typeof import("@swc/core");
  const deps = new Set<string>();
  // Files without a decorator carry no metadata: nothing to work out.
  const rewritten = source.includes("@") ? withDesignTypes(filename, source, settings, deps) : { source, unknown: [], bareReferences: false };
  deps.delete(filename);
  const tsx = filename.endsWith(".tsx");
  const swc = transformSync(rewritten.source, {
    filename,
    sourceMaps: "inline",
    module: { type: "commonjs" },
    jsc: {
      target: "es5",
      parser: { syntax: "typescript", tsx, decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  }).code;
  const code = rewritten.bareReferences ? bareMetadataReferences(swc) : swc;
  const compiled = { code, unknown: rewritten.unknown };
  const entry = settings.cacheDir ? writeCache(settings.cacheDir, key, compiled, [...deps].sort()) : undefined;
  return entry ? { ...compiled, entry } : compiled;
}

function withDesignTypes(filename: string, source: string, settings: CompileSettings, deps: Set<string>): RewrittenSource {
  const { rewriteDesignTypes } = require("./design-types/rewrite-design-types") as typeof import("./design-types/rewrite-design-types");
  try {
    return rewriteDesignTypes(filename, source, { aliases: settings.aliases, strictNullChecks: settings.strictNullChecks, deps });
  } catch {
    // A syntax error: the compile below reports it, with swc's message.
    return { source, unknown: [], bareReferences: false };
  }
}

let key: string | undefined;

/**
 * Output depends on the compiler as much as on the source: swc's version and this loader's own
 * code (its compiled files, hashed once per process), so an upgrade of either never serves stale
 * design types from the cache.
 */
function compilerKey(): string {
  if (key === undefined) {
    const hash = createHash("sha256").update(`swc ${swcVersion()}`);
    const files = [__filename, ...readdirSync(join(__dirname, "design-types")).filter((f) => f.endsWith(".js")).map((f) => join(__dirname, "design-types", f))];
    for (const file of files.sort()) hash.update(readFileSync(file));
    key = hash.digest("hex");
  }
  return key;
}

function swcVersion(): string {
  try {
    return (JSON.parse(readFileSync(require.resolve("@swc/core/package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

interface CacheManifest {
  /** Each file a design type was read from, and the hash of its content then. */
  readonly deps: Record<string, string>;
  readonly unknown: readonly UnknownDesignType[];
}

/**
 * One file per entry: a first line holding the manifest as a comment, then the code, so a warm
 * load reads one file per module and a half-written entry is never seen (written aside, then renamed).
 */
function readCache(dir: string, key: string): Compiled | undefined {
  try {
    const entry = join(dir, `${key}.js`);
    const text = readFileSync(entry, "utf8");
    const newline = text.indexOf("\n");
    if (!text.startsWith("// ") || newline < 0) return undefined;
    const manifest = JSON.parse(text.slice(3, newline)) as CacheManifest;
    for (const [file, hash] of Object.entries(manifest.deps)) if (fileHash(file) !== hash) return undefined;
    return { code: text.slice(newline + 1), unknown: manifest.unknown, entry };
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, key: string, compiled: Compiled, deps: readonly string[]): string | undefined {
  const manifest: CacheManifest = { deps: Object.fromEntries(deps.map((f) => [f, fileHash(f)])), unknown: compiled.unknown };
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${key}.js.${process.pid}`);
    writeFileSync(tmp, `// ${JSON.stringify(manifest)}\n${compiled.code}`);
    const entry = join(dir, `${key}.js`);
    renameSync(tmp, entry);
    return entry;
  } catch {
    // A read-only project still works, only slower.
    return undefined;
  }
}

const hashes = new Map<string, string>();

/** A file's content hash, once per process ("missing" for a file that is gone). */
function fileHash(file: string): string {
  let hash = hashes.get(file);
  if (hash === undefined) {
    try {
      hash = createHash("sha256").update(readFileSync(file)).digest("hex");
    } catch {
      hash = "missing";
    }
    hashes.set(file, hash);
  }
  return hash;
}
