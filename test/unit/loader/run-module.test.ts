/**
 * Running a compiled module with V8's code cache: the module gets what Node gives a CommonJS
 * module (exports, require from its folder, module, __filename, __dirname), the cache is written
 * and then used, and a different code of the same length never runs the old bytecode.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import Module from "node:module";
import { runModule } from "../../../src/loader/run-module";

function load(dir: string, code: string, cacheFile: string | undefined): Record<string, unknown> {
  const filename = join(dir, "entity.ts");
  const module = new Module(filename) as unknown as { exports: Record<string, unknown>; filename: string; _compile(code: string, filename: string): void };
  module.filename = filename;
  runModule(module, code, filename, cacheFile);
  return module.exports;
}

describe("runModule with V8's code cache", () => {
  it("gives the module CommonJS's bindings, writes the cache, reuses it, and never runs stale bytecode", () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-run-module-"));
    try {
      writeFileSync(join(dir, "helper.js"), "exports.twice = (n) => n * 2;\n");
      const code = `exports.kind = String; exports.four = require("./helper").twice(2); exports.file = __filename; exports.dir = __dirname; exports.self = module.exports === exports;`;
      const cache = join(dir, "entry.js.v8");
      const first = load(dir, code, cache);
      assert.deepEqual(first, { kind: String, four: 4, file: join(dir, "entity.ts"), dir, self: true });
      assert.ok(existsSync(cache), "the code cache is written after the module ran");
      assert.deepEqual(load(dir, code, cache), first, "the same code runs the same from the cache");
      // Same length as `code`, another meaning: V8 alone would accept the old data.
      const edited = code.replace("String", "Number");
      assert.equal(edited.length, code.length);
      assert.equal(load(dir, edited, cache).kind, Number);
      assert.equal(load(dir, code, undefined).kind, String, "without a cache file Node's own compile runs it");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
