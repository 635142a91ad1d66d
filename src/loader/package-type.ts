import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The `type` of the nearest package.json above `dir` (undefined: none, or no type), cached per folder. */
export function nearestPackageType(dir: string, cache: Map<string, string | undefined> = new Map()): string | undefined {
  const seen: string[] = [];
  let current = dir;
  let type: string | undefined;
  for (;;) {
    if (cache.has(current)) {
      type = cache.get(current);
      break;
    }
    seen.push(current);
    const found = readPackageType(join(current, "package.json"));
    if (found.exists) {
      type = found.type;
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of seen) cache.set(d, type);
  return type;
}

function readPackageType(file: string): { exists: boolean; type?: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { exists: false };
  }
  try {
    const type = (JSON.parse(text) as { type?: unknown }).type;
    return { exists: true, ...(typeof type === "string" ? { type } : {}) };
  } catch {
    // TypeORM treats an unreadable package.json as none found, and requires the file.
    return { exists: true };
  }
}
