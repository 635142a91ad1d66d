import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { resolveTypeModule } from "../../../src/loader/design-types/resolve-module";

describe("resolveTypeModule (where a design type's declaration is read from)", () => {
  const dir = mkdtempSync(join(tmpdir(), "athanor-resolve-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {
    "src/kinds.ts": "",
    "src/lib/index.ts": "",
    "src/shared/names.ts": "",
    "node_modules/typed/package.json": `{ "types": "./types/main.d.ts" }`,
    "node_modules/typed/types/main.d.ts": "",
    "node_modules/typed/sub/part.d.ts": "",
    "node_modules/exported/package.json": `{ "exports": { ".": { "types": "./dist/index.d.ts", "default": "./dist/index.js" } } }`,
    "node_modules/exported/dist/index.d.ts": "",
    "node_modules/by-main/package.json": `{ "main": "./lib/main.js" }`,
    "node_modules/by-main/lib/main.d.ts": "",
    "node_modules/@types/untyped/index.d.ts": "",
    "node_modules/untyped/package.json": `{ "main": "index.js" }`,
    "node_modules/untyped/index.js": "",
    "node_modules/@scope/pkg/index.d.ts": "",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const from = join(dir, "src", "entities", "user.ts");

  const cases: { name: string; specifier: string; want: string | undefined; aliases?: boolean }[] = [
    { name: "a relative import without extension", specifier: "../kinds", want: "src/kinds.ts" },
    { name: "a NodeNext-style .js specifier names the .ts file", specifier: "../kinds.js", want: "src/kinds.ts" },
    { name: "a folder import reads its index.ts", specifier: "../lib", want: "src/lib/index.ts" },
    { name: "a tsconfig paths alias", specifier: "@shared/names", want: "src/shared/names.ts", aliases: true },
    { name: "a package's types field", specifier: "typed", want: "node_modules/typed/types/main.d.ts" },
    { name: "a package subpath", specifier: "typed/sub/part", want: "node_modules/typed/sub/part.d.ts" },
    { name: "a package's exports['.'].types", specifier: "exported", want: "node_modules/exported/dist/index.d.ts" },
    { name: "the .d.ts beside a package's main", specifier: "by-main", want: "node_modules/by-main/lib/main.d.ts" },
    { name: "@types for an untyped package", specifier: "untyped", want: "node_modules/@types/untyped/index.d.ts" },
    { name: "a scoped package", specifier: "@scope/pkg", want: "node_modules/@scope/pkg/index.d.ts" },
    { name: "a node builtin has nothing to read", specifier: "node:fs", want: undefined },
    { name: "a missing file", specifier: "../nowhere", want: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const aliases = c.aliases ? { baseUrl: join(dir, "src"), paths: { "@shared/*": ["shared/*"] } } : undefined;
      assert.equal(resolveTypeModule(c.specifier, from, aliases), c.want === undefined ? undefined : join(dir, c.want));
    });
  }
});
