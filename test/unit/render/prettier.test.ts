/**
 * Formatting without the full prettier package: the standalone build gives byte for byte what
 * the full package gives with no configuration (on every golden migration file), and a
 * configuration prettier would find (.prettierrc*, prettier.config.*, package.json "prettier")
 * sends the file through the full package, so the user's style still applies.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as prettier from "prettier";
import { formatWithPrettier, hasPrettierConfig } from "../../../src/render/prettier";

const GOLDEN = join(__dirname, "..", "..", "..", "..", "test", "unit", "render", "golden");

describe("prettier without its full package", () => {
  it("formats every golden migration as the full package does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-prettier-"));
    try {
      const files = readdirSync(GOLDEN).filter((f) => f.endsWith(".ts.txt"));
      assert.ok(files.length > 0, "golden files found");
      for (const f of files) {
        // Unformatted input: everything on as few lines as the parser allows.
        const code = readFileSync(join(GOLDEN, f), "utf8").replace(/\n\s+/g, "\n");
        const path = join(dir, f.replace(/\.txt$/, ""));
        assert.equal(hasPrettierConfig(dir), false);
        const full = await prettier.format(code, { printWidth: 100, filepath: path, parser: "typescript" });
        assert.equal(await formatWithPrettier(code, path), full, f);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finds a configuration where prettier would, and applies it", async () => {
    const root = mkdtempSync(join(tmpdir(), "athanor-prettier-"));
    try {
      const nested = join(root, "project", "migrations", "versions");
      mkdirSync(nested, { recursive: true });
      assert.equal(hasPrettierConfig(nested), false);
      writeFileSync(join(root, "project", "package.json"), JSON.stringify({ name: "p" }));
      assert.equal(hasPrettierConfig(nested), false, "a package.json without a prettier key");
      writeFileSync(join(root, "project", "package.json"), JSON.stringify({ name: "p", prettier: { semi: false } }));
      assert.equal(hasPrettierConfig(nested), true);
      assert.equal(await formatWithPrettier(`const a = 1;\n`, join(nested, "x.ts")), "const a = 1\n", "the package.json style applies");
      writeFileSync(join(root, "project", "package.json"), JSON.stringify({ name: "p" }));
      await prettier.clearConfigCache(); // prettier remembers configurations per folder
      writeFileSync(join(root, "project", "migrations", ".prettierrc.json"), JSON.stringify({ singleQuote: true }));
      assert.equal(hasPrettierConfig(nested), true);
      assert.equal(await formatWithPrettier(`const a = "x";\n`, join(nested, "x.ts")), "const a = 'x';\n");
      rmSync(join(root, "project", "migrations", ".prettierrc.json"));
      writeFileSync(join(root, "prettier.config.cjs"), "module.exports = { tabWidth: 4 };\n");
      assert.equal(hasPrettierConfig(nested), true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
