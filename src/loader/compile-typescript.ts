import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "@swc/core";

/**
 * Compiles a user's TypeScript file to CommonJS *with* decorator metadata: entities that write
 * `@Column() name: string` rely on `design:type`, which esbuild-based loaders never emit.
 * Output is cached by content hash, because loading is the slowest step on large projects.
 */
export function compileTypeScript(filename: string, source: string, cacheDir: string | undefined): string {
  const key = createHash("sha256").update(COMPILER_KEY).update(filename).update("\0").update(source).digest("hex");
  const cached = cacheDir ? readCache(cacheDir, key) : undefined;
  if (cached !== undefined) return cached;
  const tsx = filename.endsWith(".tsx");
  const out = transformSync(source, {
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
  if (cacheDir) writeCache(cacheDir, key, out);
  return out;
}

const COMPILER_KEY = "athanor-swc-2";

function readCache(dir: string, key: string): string | undefined {
  try {
    return readFileSync(join(dir, `${key}.js`), "utf8");
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, key: string, code: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${key}.js`), code);
  } catch {
    // A read-only project still works, only slower.
  }
}
