import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { compileTypeScript, type CompileSettings } from "../../../src/loader/compile-typescript";

const entity = `import { Kind } from "./kinds";
function Column(): PropertyDecorator { return () => undefined; }
export class Account {
  @Column()
  kind!: Kind;
}
`;

describe("compileTypeScript", () => {
  it("writes the alias's primitive as design:type, and a cached entry is reused until the alias's file changes", () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-compile-"));
    try {
      const settings: CompileSettings = { cacheDir: join(dir, "cache"), aliases: undefined, strictNullChecks: true };
      const file = join(dir, "account.ts");
      writeFileSync(file, entity);
      writeFileSync(join(dir, "kinds.ts"), `export type Kind = "a" | "b";\n`);
      const first = compileTypeScript(file, entity, settings);
      assert.match(first.code, /"design:type", String\)/);
      assert.deepEqual(first.unknown, []);

      // Mark the cached code: a hit returns it as it is on disk.
      const cached = join(settings.cacheDir ?? "", readdirSync(settings.cacheDir ?? "").find((f) => f.endsWith(".js")) ?? "");
      writeFileSync(cached, readFileSync(cached, "utf8") + "\n// from the cache");
      assert.match(compileTypeScript(file, entity, settings).code, /from the cache/);

      // The next run (a new process: files are read once per process) sees kinds.ts changed.
      writeFileSync(join(dir, "kinds.ts"), `export type Kind = 1 | 2;\n`);
      const script = `const { compileTypeScript } = require(${JSON.stringify(require.resolve("../../../src/loader/compile-typescript"))});
        process.stdout.write(compileTypeScript(${JSON.stringify(file)}, ${JSON.stringify(entity)}, ${JSON.stringify(settings)}).code);`;
      const next = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" });
      assert.doesNotMatch(next, /from the cache/);
      assert.match(next, /"design:type", Number\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names a member whose design type cannot be worked out", () => {
    const source = entity.replace(`import { Kind } from "./kinds";`, `type IsText<T> = T extends string ? "text" : "other";\ntype Kind = IsText<number>;`);
    const out = compileTypeScript("/virtual/account.ts", source, { cacheDir: undefined, aliases: undefined, strictNullChecks: true });
    assert.equal(out.unknown.length, 1);
    assert.match(out.unknown[0].property, /^Account\.kind \(\/virtual\/account\.ts:6\)$/);
  });
});
