import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";

type ModuleWrapper = (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;

interface CompilableModule {
  exports: unknown;
  _compile(code: string, filename: string): void;
}

/**
 * Runs a compiled user module as CommonJS, with V8's code cache kept beside its compile-cache
 * entry (`codeCacheFile`): on a warm run V8 deserialises the module's bytecode instead of parsing
 * and compiling it again, which at 2,000 entity modules was most of the time spent loading them.
 * The cache is written after the module ran, so it also holds the functions V8 compiled lazily
 * while it ran (the decorators' calls). V8 checks the data against its version and flags, but
 * against the source's length only: a recompiled entry of the same length (`"a" | "b"` became
 * `1 | 2` in another file, String became Number) would run the old bytecode. So the file starts
 * with a hash of the code it was made from, and is used only for that code. Data V8 rejects is
 * made again. Without a cache file (no compile cache), Node's own `_compile` runs the module.
 */
export function runModule(module: CompilableModule, code: string, filename: string, codeCacheFile: string | undefined): void {
  if (codeCacheFile === undefined) {
    module._compile(code, filename);
    return;
  }
  const hash = createHash("sha1").update(code).digest();
  const cachedData = readCodeCache(codeCacheFile, hash);
  const script = new Script(Module.wrap(code), { filename, ...(cachedData ? { cachedData } : {}) });
  const wrapper = script.runInThisContext() as ModuleWrapper;
  // `require` as Node gives a module: resolved from the module's own folder, same module cache.
  const require = createRequire(filename);
  wrapper.call(module.exports, module.exports, require, module, filename, dirname(filename));
  if (!cachedData || script.cachedDataRejected === true) writeCodeCache(codeCacheFile, hash, script.createCachedData());
}

function readCodeCache(file: string, hash: Buffer): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  return data.length > hash.length && data.subarray(0, hash.length).equals(hash) ? data.subarray(hash.length) : undefined;
}

function writeCodeCache(file: string, hash: Buffer, data: Buffer): void {
  try {
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, Buffer.concat([hash, data]));
    renameSync(tmp, file);
  } catch {
    // A read-only project still works, only slower.
  }
}
