import { existsSync } from "node:fs";
import { ModelLoadError } from "../../errors";
import { requireUserModule } from "../../loader/register";
import type { DataSourceLike } from "./read-models";

function isDataSource(value: unknown): value is DataSourceLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { options?: unknown }).options === "object" &&
    typeof (value as { buildMetadatas?: unknown }).buildMetadatas === "function"
  );
}

/**
 * Loads the user's DataSource module and finds the DataSource in it: the named export asked for,
 * else the default export (also `.default.default` after CommonJS interop), else the only
 * DataSource among the named exports.
 */
export function loadDataSource(file: string, exportName?: string): DataSourceLike {
  if (!existsSync(file)) {
    throw new ModelLoadError(`data source file not found: ${file}`, "Point --data-source (or dataSource in athanor.config.ts) at the module that exports your TypeORM DataSource.");
  }
  let mod: Record<string, unknown>;
  try {
    mod = requireUserModule(file) as Record<string, unknown>;
  } catch (e) {
    throw new ModelLoadError(
      `could not load ${file}: ${(e as Error).message}`,
      "Fix the error above in your data source or entity files, then run the command again.",
    );
  }
  if (exportName) {
    const value = mod[exportName];
    if (isDataSource(value)) return value;
    throw new ModelLoadError(
      `${file} has no DataSource export named "${exportName}" (exports: ${describeExports(mod)})`,
      "Name the export that holds your `new DataSource(...)`.",
    );
  }
  const def = mod.default as Record<string, unknown> | undefined;
  for (const candidate of [def, def?.default]) if (isDataSource(candidate)) return candidate;
  const named = Object.entries(mod).filter(([, v]) => isDataSource(v));
  if (named.length === 1) return named[0][1] as DataSourceLike;
  if (named.length > 1) {
    throw new ModelLoadError(
      `${file} exports several DataSources (${named.map(([k]) => k).join(", ")})`,
      "Choose one with `dataSource: { file, export }` in athanor.config.ts or --data-source FILE#EXPORT.",
    );
  }
  throw new ModelLoadError(
    `${file} exports no TypeORM DataSource (exports: ${describeExports(mod)})`,
    "Export your `new DataSource({...})`, as the default export or a named one.",
  );
}

function describeExports(mod: Record<string, unknown>): string {
  const keys = Object.keys(mod);
  return keys.length === 0 ? "none" : keys.map((k) => `${k}: ${mod[k] === null ? "null" : typeof mod[k]}`).join(", ");
}
