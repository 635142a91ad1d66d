import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Prettier, loaded as little as a format needs. Its full package (config resolution, every
 * language) takes longer to load than all of a small `revision --autogenerate` spends on its
 * diff; its standalone build with the TypeScript parser formats the same, given the same options.
 * So when no prettier configuration applies to the file, the standalone build formats it with
 * the defaults; when one does, the full package resolves and applies it, as before.
 */

/** The options athanor formats with, before the user's configuration. */
const DEFAULTS = { printWidth: 100 } as const;

export async function formatWithPrettier(code: string, filepath: string): Promise<string> {
  if (!hasPrettierConfig(dirname(filepath))) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const prettier = require("prettier/standalone") as typeof import("prettier/standalone");
    const plugins = [require("prettier/plugins/typescript"), require("prettier/plugins/estree")] as import("prettier").Plugin[];
    /* eslint-enable @typescript-eslint/no-require-imports */
    return prettier.format(code, { ...DEFAULTS, filepath, parser: "typescript", plugins });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const prettier = require("prettier") as typeof import("prettier");
  const userConfig = (await prettier.resolveConfig(filepath).catch(() => null)) ?? {};
  return prettier.format(code, { ...DEFAULTS, ...userConfig, filepath, parser: "typescript" });
}

/**
 * Whether prettier's own search would find a configuration for a file in `dir`: a `.prettierrc`
 * (any extension), a `prettier.config.*`, or a package.json with a "prettier" key, in `dir` or
 * any folder above it. (`.editorconfig` counts only when asked for, and athanor does not ask.)
 */
export function hasPrettierConfig(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      names = [];
    }
    if (names.some((n) => n.startsWith(".prettierrc") || n.startsWith("prettier.config."))) return true;
    if (names.includes("package.json") && packageHasPrettierKey(join(current, "package.json"))) return true;
    // package.yaml may hold a "prettier" key too: the full package reads it.
    if (names.includes("package.yaml")) return true;
    if (dirname(current) === current) return false;
  }
}

function packageHasPrettierKey(file: string): boolean {
  try {
    return existsSync(file) && Object.prototype.hasOwnProperty.call(JSON.parse(readFileSync(file, "utf8")) as object, "prettier");
  } catch {
    // An unreadable package.json: let prettier's own resolution decide.
    return true;
  }
}
