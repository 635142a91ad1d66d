import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { aliasCandidates, readTsconfig, readTsconfigPaths, stripJsonComments, type PathAliases } from "../../../src/loader/read-tsconfig-paths";

describe("stripJsonComments", () => {
  it("drops line and block comments", () => {
    const text = `{
      // the compiler options
      "compilerOptions": { /* inline */ "baseUrl": "." } /* trailing
      block */
    } // end`;
    assert.deepEqual(JSON.parse(stripJsonComments(text)), { compilerOptions: { baseUrl: "." } });
  });

  it("keeps comment markers inside strings", () => {
    const text = `{ "a": "http://example.com", "b": "/* not a comment */", "c": "src/**/*" }`;
    assert.deepEqual(JSON.parse(stripJsonComments(text)), { a: "http://example.com", b: "/* not a comment */", c: "src/**/*" });
  });

  it("keeps escaped quotes inside strings, and what follows them", () => {
    const text = `{ "a": "say \\"hi\\" // still a string", "b": 1 }`;
    assert.deepEqual(JSON.parse(stripJsonComments(text)), { a: 'say "hi" // still a string', b: 1 });
  });

  it("drops trailing commas in objects and arrays, across whitespace and comments", () => {
    const text = `{
      "paths": { "@app/*": ["src/app/*",], },
      "include": ["src", // sources
      ],
    }`;
    assert.deepEqual(JSON.parse(stripJsonComments(text)), { paths: { "@app/*": ["src/app/*"] }, include: ["src"] });
  });

  it("keeps a comma before a closing bracket inside a string", () => {
    // Regression: the trailing-comma pass ran over strings too and turned ",}" into "}".
    const text = `{ "a": "x,}", "b": ["y, ]",], }`;
    assert.deepEqual(JSON.parse(stripJsonComments(text)), { a: "x,}", b: ["y, ]"] });
  });

  it("leaves plain JSON unchanged", () => {
    const text = `{"a":[1,2,{"b":"c"}],"d":null}`;
    assert.equal(stripJsonComments(text), text);
  });

  it("an unterminated block comment drops the rest", () => {
    assert.equal(stripJsonComments(`{"a": 1 /* never closed`), `{"a": 1 `);
  });
});

describe("aliasCandidates", () => {
  const aliases: PathAliases = {
    baseUrl: "/proj",
    paths: {
      "@app/*": ["src/app/*"],
      "@lib/*": ["src/lib/*", "vendor/lib/*"],
      config: ["src/config/index.ts"],
      "@icons/*.svg": ["assets/icons/*.svg"],
      "@shared/*": ["../shared/*"],
      "a*a": ["aa/*"],
    },
  };

  it("maps a wildcard pattern, substituting the captured part", () => {
    assert.deepEqual(aliasCandidates(aliases, "@app/models/user"), ["/proj/src/app/models/user"]);
  });

  it("lists every target of a pattern, in tsconfig's order", () => {
    assert.deepEqual(aliasCandidates(aliases, "@lib/db"), ["/proj/src/lib/db", "/proj/vendor/lib/db"]);
  });

  it("maps an exact pattern only for exactly that request", () => {
    assert.deepEqual(aliasCandidates(aliases, "config"), ["/proj/src/config/index.ts"]);
    assert.deepEqual(aliasCandidates(aliases, "config/extra"), []);
  });

  it("honours a suffix after the wildcard", () => {
    assert.deepEqual(aliasCandidates(aliases, "@icons/logo.svg"), ["/proj/assets/icons/logo.svg"]);
    assert.deepEqual(aliasCandidates(aliases, "@icons/logo.png"), []);
  });

  it("resolves targets against baseUrl, including ones that leave it", () => {
    assert.deepEqual(aliasCandidates(aliases, "@shared/util"), ["/shared/util"]);
  });

  it("does not match when prefix and suffix would overlap", () => {
    assert.deepEqual(aliasCandidates(aliases, "a"), []);
    assert.deepEqual(aliasCandidates(aliases, "aa"), ["/proj/aa"]);
  });

  it("returns nothing for a request no pattern matches", () => {
    assert.deepEqual(aliasCandidates(aliases, "typeorm"), []);
  });

  it("lists candidates of every matching pattern, in tsconfig's order", () => {
    const both: PathAliases = { baseUrl: "/p", paths: { "*": ["types/*"], "@app/*": ["src/*"] } };
    assert.deepEqual(aliasCandidates(both, "@app/x"), ["/p/types/@app/x", "/p/src/x"]);
  });
});

describe("readTsconfigPaths", () => {
  it("finds the nearest tsconfig.json (JSONC) above a folder and follows a relative extends", () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-tsconfig-"));
    try {
      writeFileSync(join(dir, "tsconfig.base.json"), `{ "compilerOptions": { "baseUrl": "./src", "paths": { "@app/*": ["app/*",], }, }, }`);
      writeFileSync(join(dir, "tsconfig.json"), `// project config\n{ "extends": "./tsconfig.base", "compilerOptions": { "strict": true } }`);
      mkdirSync(join(dir, "src", "entities"), { recursive: true });
      assert.deepEqual(readTsconfigPaths(join(dir, "src", "entities")), { baseUrl: join(dir, "src"), paths: { "@app/*": ["app/*"] } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("readTsconfig strictNullChecks (design types keep null in unions only under it)", () => {
  const withFiles = (files: Record<string, string>, fn: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-tsconfig-"));
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(dir, path, ".."), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("is off without a tsconfig.json setting, on with strict, and strictNullChecks overrides strict", () => {
    withFiles({ "a/tsconfig.json": `{ "compilerOptions": {} }`, "b/tsconfig.json": `{ "compilerOptions": { "strict": true } }`, "c/tsconfig.json": `{ "compilerOptions": { "strict": true, "strictNullChecks": false } }` }, (dir) => {
      assert.equal(readTsconfig(join(dir, "a")).strictNullChecks, false);
      assert.equal(readTsconfig(join(dir, "b")).strictNullChecks, true);
      assert.equal(readTsconfig(join(dir, "c")).strictNullChecks, false);
    });
  });

  it("is inherited through extends: a relative file, an array (later wins), and a package's tsconfig", () => {
    withFiles(
      {
        "base.json": `{ "compilerOptions": { "strict": true } }`,
        "loose.json": `{ "compilerOptions": { "strictNullChecks": false } }`,
        "node_modules/@tsconfig/strictest/tsconfig.json": `{ "compilerOptions": { "strict": true } }`,
        "rel/tsconfig.json": `{ "extends": "../base.json" }`,
        "arr/tsconfig.json": `{ "extends": ["../base.json", "../loose.json"] }`,
        "pkg/tsconfig.json": `{ "extends": "@tsconfig/strictest/tsconfig.json", "compilerOptions": { "baseUrl": "." } }`,
        "own/tsconfig.json": `{ "extends": "../base.json", "compilerOptions": { "strict": false } }`,
      },
      (dir) => {
        assert.equal(readTsconfig(join(dir, "rel")).strictNullChecks, true);
        assert.equal(readTsconfig(join(dir, "arr")).strictNullChecks, false);
        assert.deepEqual(readTsconfig(join(dir, "pkg")), { aliases: { baseUrl: join(dir, "pkg"), paths: {} }, strictNullChecks: true });
        assert.equal(readTsconfig(join(dir, "own")).strictNullChecks, false);
      },
    );
  });
});
