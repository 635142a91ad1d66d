import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { aliasCandidates, type PathAliases } from "../read-tsconfig-paths";

/**
 * Finds the file that declares the types of `specifier` imported from `fromFile`, the way tsc's
 * module resolution would for a design type: the `.ts` file behind a relative or NodeNext-style
 * `./user.js` import, an index file, a tsconfig `paths` alias, or a package's declaration files.
 * Returns undefined for what has no declarations to read (node builtins, untyped packages).
 */
export function resolveTypeModule(specifier: string, fromFile: string, aliases: PathAliases | undefined): string | undefined {
  if (specifier.startsWith("node:")) return undefined;
  if (specifier.startsWith(".") || specifier.startsWith("/")) return fileOrIndex(resolve(dirname(fromFile), specifier));
  if (aliases) {
    for (const candidate of aliasCandidates(aliases, specifier)) {
      const found = fileOrIndex(candidate);
      if (found) return found;
    }
  }
  return packageTypes(specifier, dirname(fromFile));
}

const TS_SUFFIXES = [".ts", ".tsx", ".d.ts", ".mts", ".cts", ".d.mts", ".d.cts"];
const JS_TO_TS: Record<string, readonly string[]> = {
  ".js": [".ts", ".tsx", ".d.ts"],
  ".jsx": [".tsx", ".d.ts"],
  ".mjs": [".mts", ".d.mts"],
  ".cjs": [".cts", ".d.cts"],
};

function fileOrIndex(base: string): string | undefined {
  const js = /\.(m|c)?jsx?$/.exec(base);
  if (js) {
    const stem = base.slice(0, -js[0].length);
    for (const ext of JS_TO_TS[js[0]] ?? []) if (isFile(stem + ext)) return stem + ext;
  }
  if (/\.(m|c)?tsx?$/.test(base) && isFile(base)) return base;
  for (const ext of TS_SUFFIXES) if (isFile(base + ext)) return base + ext;
  for (const ext of TS_SUFFIXES) if (isFile(join(base, `index${ext}`))) return join(base, `index${ext}`);
  return undefined;
}

/** `pkg` or `pkg/sub/path` (scoped or not) from the nearest node_modules holding it, then @types. */
function packageTypes(specifier: string, fromDir: string): string | undefined {
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  const name = parts.slice(0, nameLength).join("/");
  const sub = parts.slice(nameLength).join("/");
  const typesName = name.startsWith("@") ? `@types/${name.slice(1).replace("/", "__")}` : `@types/${name}`;
  for (let dir = fromDir; ; dir = dirname(dir)) {
    for (const pkg of [name, typesName]) {
      const root = join(dir, "node_modules", pkg);
      if (!isDirectory(root)) continue;
      const found = sub ? fileOrIndex(join(root, sub)) : packageEntry(root);
      if (found) return found;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function packageEntry(root: string): string | undefined {
  let manifest: { types?: unknown; typings?: unknown; main?: unknown; exports?: unknown } = {};
  try {
    manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as typeof manifest;
  } catch {
    // no manifest: index.d.ts below
  }
  const dot = typeof manifest.exports === "object" && manifest.exports !== null ? (manifest.exports as Record<string, unknown>)["."] : undefined;
  const exportTypes = typeof dot === "object" && dot !== null ? (dot as Record<string, unknown>).types : undefined;
  for (const entry of [manifest.types, manifest.typings, exportTypes]) {
    if (typeof entry === "string" && isFile(join(root, entry))) return join(root, entry);
  }
  if (typeof manifest.main === "string") {
    const found = fileOrIndex(join(root, manifest.main));
    if (found) return found;
  }
  return fileOrIndex(join(root, "index"));
}

const stats = new Map<string, "file" | "dir" | "none">();

function kindOf(path: string): "file" | "dir" | "none" {
  let kind = stats.get(path);
  if (kind === undefined) {
    try {
      kind = existsSync(path) ? (statSync(path).isDirectory() ? "dir" : "file") : "none";
    } catch {
      kind = "none";
    }
    stats.set(path, kind);
  }
  return kind;
}

const isFile = (path: string) => kindOf(path) === "file";
const isDirectory = (path: string) => kindOf(path) === "dir";
