import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export interface PathAliases {
  readonly baseUrl: string;
  readonly paths: Readonly<Record<string, readonly string[]>>;
}

/** The `baseUrl`/`paths` of the nearest tsconfig.json above `startDir`, following `extends`. */
export function readTsconfigPaths(startDir: string): PathAliases | undefined {
  return readTsconfig(startDir).aliases;
}

/** What loading needs from the project's tsconfig.json: path aliases, and strictNullChecks (design types depend on it). */
export interface TsconfigSettings {
  readonly aliases?: PathAliases;
  readonly strictNullChecks: boolean;
}

/** The settings of the nearest tsconfig.json above `startDir`, following `extends` (files and packages). */
export function readTsconfig(startDir: string): TsconfigSettings {
  let dir = resolve(startDir);
  for (;;) {
    const file = join(dir, "tsconfig.json");
    if (existsSync(file)) {
      const options = optionsOf(file, 0);
      const strictNullChecks = options.strictNullChecks ?? options.strict ?? false;
      return options.aliases ? { aliases: options.aliases, strictNullChecks } : { strictNullChecks };
    }
    const parent = dirname(dir);
    if (parent === dir) return { strictNullChecks: false };
    dir = parent;
  }
}

interface ChainOptions {
  aliases?: PathAliases;
  strict?: boolean;
  strictNullChecks?: boolean;
}

interface TsconfigJson {
  extends?: string | string[];
  compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]>; strict?: boolean; strictNullChecks?: boolean };
}

function optionsOf(file: string, depth: number): ChainOptions {
  let json: TsconfigJson;
  try {
    json = JSON.parse(stripJsonComments(readFileSync(file, "utf8"))) as TsconfigJson;
  } catch {
    return {};
  }
  // Later entries of an `extends` array override earlier ones, and the file overrides them all.
  let base: ChainOptions = {};
  const parents = typeof json.extends === "string" ? [json.extends] : Array.isArray(json.extends) ? json.extends : [];
  for (const parent of parents) {
    const parentFile = depth < 5 && typeof parent === "string" ? extendedFile(parent, dirname(file)) : undefined;
    if (!parentFile) continue;
    const p = optionsOf(parentFile, depth + 1);
    base = { ...base, ...definedOnly(p) };
  }
  const options = json.compilerOptions ?? {};
  const aliases =
    options.paths || options.baseUrl
      ? {
          baseUrl: options.baseUrl !== undefined ? resolve(dirname(file), options.baseUrl) : base.aliases?.baseUrl ?? dirname(file),
          paths: options.paths ?? base.aliases?.paths ?? {},
        }
      : base.aliases;
  return definedOnly({
    aliases,
    strict: typeof options.strict === "boolean" ? options.strict : base.strict,
    strictNullChecks: typeof options.strictNullChecks === "boolean" ? options.strictNullChecks : base.strictNullChecks,
  });
}

function definedOnly(o: ChainOptions): ChainOptions {
  const out: ChainOptions = {};
  if (o.aliases !== undefined) out.aliases = o.aliases;
  if (o.strict !== undefined) out.strict = o.strict;
  if (o.strictNullChecks !== undefined) out.strictNullChecks = o.strictNullChecks;
  return out;
}

/** `extends` names a file (relative) or a package's tsconfig (`@tsconfig/node20/tsconfig.json`). */
function extendedFile(spec: string, fromDir: string): string | undefined {
  if (spec.startsWith(".") || spec.startsWith("/")) {
    const file = resolve(fromDir, spec);
    return existsSync(file) ? file : existsSync(`${file}.json`) ? `${file}.json` : undefined;
  }
  for (const candidate of [spec, `${spec}.json`, `${spec}/tsconfig.json`]) {
    try {
      return require.resolve(candidate, { paths: [fromDir] });
    } catch {
      // next spelling
    }
  }
  return undefined;
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
