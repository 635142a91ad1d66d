import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export interface PathAliases {
  readonly baseUrl: string;
  readonly paths: Readonly<Record<string, readonly string[]>>;
}

/** The `baseUrl`/`paths` of the nearest tsconfig.json above `startDir`, following `extends`. */
export function readTsconfigPaths(startDir: string): PathAliases | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const file = join(dir, "tsconfig.json");
    if (existsSync(file)) return aliasesOf(file, 0);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function aliasesOf(file: string, depth: number): PathAliases | undefined {
  let json: { extends?: string; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
  try {
    json = JSON.parse(stripJsonComments(readFileSync(file, "utf8")));
  } catch {
    return undefined;
  }
  const base =
    typeof json.extends === "string" && json.extends.startsWith(".") && depth < 5
      ? aliasesOf(resolve(dirname(file), json.extends.endsWith(".json") ? json.extends : `${json.extends}.json`), depth + 1)
      : undefined;
  const options = json.compilerOptions ?? {};
  if (!options.paths && !options.baseUrl) return base;
  return {
    baseUrl: options.baseUrl !== undefined ? resolve(dirname(file), options.baseUrl) : base?.baseUrl ?? dirname(file),
    paths: options.paths ?? base?.paths ?? {},
  };
}

/** tsconfig.json is JSONC: drops comments and trailing commas outside strings. */
export function stripJsonComments(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (ch === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2);
      if (i < 0) break;
      i++;
    } else {
      out += ch;
    }
  }
  // Strings are matched first so a "," before "}" or "]" inside one is kept.
  return out.replace(/("(?:[^"\\]|\\.)*")|,(\s*[}\]])/g, (_m, str: string | undefined, close: string | undefined) => str ?? close ?? "");
}

/** Candidate files for a non-relative `request` under the aliases, in tsconfig's order. */
export function aliasCandidates(aliases: PathAliases, request: string): string[] {
  const out: string[] = [];
  for (const [pattern, targets] of Object.entries(aliases.paths)) {
    const star = pattern.indexOf("*");
    let captured: string | undefined;
    if (star < 0) {
      if (request === pattern) captured = "";
    } else {
      const prefix = pattern.slice(0, star);
      const suffix = pattern.slice(star + 1);
      if (request.startsWith(prefix) && request.endsWith(suffix) && request.length >= prefix.length + suffix.length) {
        captured = request.slice(prefix.length, request.length - suffix.length);
      }
    }
    if (captured === undefined) continue;
    for (const target of targets) out.push(resolve(aliases.baseUrl, target.replace("*", captured)));
  }
  return out;
}
