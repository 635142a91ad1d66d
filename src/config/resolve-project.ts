import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { ConfigError } from "../errors";
import { requireUserModule } from "../loader/register";
import { compileScope, FULL_SCOPE, mergeScopes, type Scope } from "../scope/scope";
import type { AthanorConfig } from "./types";
import { isRetryCount, parseDuration } from "./lock-timeout";

/** What the CLI (or a library caller) says about where things are. */
export interface ProjectOptions {
  readonly cwd?: string;
  /** -c/--config: the config file. */
  readonly config?: string;
  /** --data-source FILE or FILE#EXPORT. */
  readonly dataSource?: string;
  /** --url, else ATHANOR_DATABASE_URL, else the config's url. */
  readonly url?: string;
  /** --migrations DIR. */
  readonly migrations?: string;
  /** --include-table PATTERN (repeatable): added to the config's `include`. */
  readonly includeTables?: readonly string[];
  /** --exclude-table PATTERN (repeatable): added to the config's `exclude`. */
  readonly excludeTables?: readonly string[];
}

export interface Project {
  readonly cwd: string;
  readonly configFile?: string;
  readonly dataSourceFile?: string;
  readonly dataSourceExport?: string;
  readonly migrationsDir: string;
  readonly url?: string;
  /** What athanor manages (config include/exclude/includeObject and the flags); absent: everything. */
  readonly scope?: Scope;
  /** The config's `lockTimeout`, in milliseconds; absent: the default. */
  readonly lockTimeoutMs?: number;
  /** The config's `lockRetries`; absent: the default. */
  readonly lockRetries?: number;
  /** The config's `serverVersion`: offline scripts' server when --server-version is absent. */
  readonly serverVersion?: string;
  /** The config's `online` (default for `revision --autogenerate`); absent: online. */
  readonly online?: boolean;
  /** The config's `offline` (default for `revision --autogenerate` and `check`). */
  readonly offline?: boolean;
  /** The config's `scratchUrl` (see AthanorConfig). */
  readonly scratchUrl?: string;
}

export const CONFIG_FILES = ["athanor.config.ts", "athanor.config.js", "athanor.config.cjs"] as const;

export function resolveProject(options: ProjectOptions = {}): Project {
  const cwd = resolve(options.cwd ?? process.cwd());
  let configFile: string | undefined;
  if (options.config) {
    configFile = resolve(cwd, options.config);
    if (!existsSync(configFile)) {
      throw new ConfigError(`config file not found: ${options.config}`, "Check the -c/--config path, or run `athanor init` to create one.");
    }
  } else {
    configFile = CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  }
  const config = configFile ? readConfig(configFile) : undefined;
  const base = configFile ? dirname(configFile) : cwd;

  let dataSourceFile: string | undefined;
  let dataSourceExport: string | undefined;
  if (options.dataSource) {
    const [file, exp] = options.dataSource.split("#");
    dataSourceFile = resolve(cwd, file);
    dataSourceExport = exp || undefined;
  } else if (config) {
    const ds = config.dataSource;
    dataSourceFile = resolve(base, typeof ds === "string" ? ds : ds.file);
    dataSourceExport = typeof ds === "string" ? undefined : ds.export;
  }
  const migrations = options.migrations ? resolve(cwd, options.migrations) : config?.migrations ? resolve(base, config.migrations) : resolve(cwd, "migrations");
  const url = options.url ?? (process.env.ATHANOR_DATABASE_URL || undefined) ?? config?.url;
  const configScope = config
    ? compileScope(config, { include: `${configFile} include`, exclude: `${configFile} exclude`, includeObject: `${configFile} includeObject` })
    : FULL_SCOPE;
  const flagScope = compileScope(
    { include: options.includeTables, exclude: options.excludeTables },
    { include: "--include-table", exclude: "--exclude-table", includeObject: "" },
  );
  const scope = mergeScopes(configScope, flagScope);
  const serverVersion = configServerVersion(config, configFile);
  return {
    cwd,
    configFile,
    dataSourceFile,
    dataSourceExport,
    migrationsDir: migrations,
    url,
    scope,
    ...(config && configFile ? lockSettings(config, configFile) : {}),
    ...(serverVersion !== undefined ? { serverVersion } : {}),
    ...(config?.online !== undefined ? { online: config.online } : {}),
    ...(config && configFile ? offlineSettings(config, configFile) : {}),
  };
}

/** The data source file, or a ConfigError saying how to name one. */
export function requireDataSource(project: Project): { file: string; export?: string } {
  if (!project.dataSourceFile) {
    throw new ConfigError(
      `no athanor.config.ts in ${project.cwd} and no --data-source given`,
      "Run `athanor init` to create a config, or pass --data-source path/to/data-source.ts.",
    );
  }
  return { file: project.dataSourceFile, export: project.dataSourceExport };
}

function readConfig(file: string): AthanorConfig {
  let mod: Record<string, unknown>;
  try {
    mod = requireUserModule(file) as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(`cannot load ${file}: ${(e as Error).message}`, "Fix the config file; `athanor init` shows its expected shape.");
  }
  const config = (mod.default ?? mod.config ?? mod) as Partial<AthanorConfig> & { default?: unknown };
  const value = (config.dataSource === undefined && typeof config.default === "object" ? config.default : config) as Partial<AthanorConfig>;
  const ds = value.dataSource;
  if (!(typeof ds === "string" || (typeof ds === "object" && ds !== null && typeof (ds as { file?: unknown }).file === "string"))) {
    throw new ConfigError(
      `${file} does not name a dataSource`,
      'Export default { dataSource: "./src/data-source.ts", migrations: "./migrations" }.',
    );
  }
  if (typeof ds === "string" && isAbsolute(ds) && !existsSync(ds)) {
    throw new ConfigError(`the dataSource ${ds} in ${file} does not exist`, "Fix the path in the config.");
  }
  return value as AthanorConfig;
}

/** The config's lock timeout and retries, checked: a bad value stops before anything connects. */
function lockSettings(config: AthanorConfig, file: string): { lockTimeoutMs?: number; lockRetries?: number } {
  const out: { lockTimeoutMs?: number; lockRetries?: number } = {};
  if (config.lockTimeout !== undefined) {
    const ms = typeof config.lockTimeout === "string" || typeof config.lockTimeout === "number" ? parseDuration(config.lockTimeout) : undefined;
    if (ms === undefined) {
      throw new ConfigError(`lockTimeout in ${file} is not a duration (got ${JSON.stringify(config.lockTimeout)})`, 'Write it as "2s", "500ms" or a number of milliseconds; 0 turns lock timeouts off.');
    }
    out.lockTimeoutMs = ms;
  }
  if (config.lockRetries !== undefined) {
    if (!isRetryCount(config.lockRetries)) {
      throw new ConfigError(`lockRetries in ${file} must be a whole number, 0 or more (got ${JSON.stringify(config.lockRetries)})`, "Example: lockRetries: 5.");
    }
    out.lockRetries = config.lockRetries;
  }
  return out;
}

/** The config's `offline` and `scratchUrl`, checked before anything runs. */
function offlineSettings(config: AthanorConfig, file: string): { offline?: boolean; scratchUrl?: string } {
  const out: { offline?: boolean; scratchUrl?: string } = {};
  if (config.offline !== undefined) {
    if (typeof config.offline !== "boolean") throw new ConfigError(`offline in ${file} must be true or false (got ${JSON.stringify(config.offline)})`, "Example: offline: true.");
    out.offline = config.offline;
  }
  if (config.scratchUrl !== undefined) {
    if (typeof config.scratchUrl !== "string" || config.scratchUrl.trim() === "") {
      throw new ConfigError(`scratchUrl in ${file} must be a database URL`, 'Example: scratchUrl: "postgres://postgres@127.0.0.1:5432/postgres".');
    }
    out.scratchUrl = config.scratchUrl;
  }
  return out;
}

/** The config's `serverVersion`, which must be a string (whether it names a version, the dialect decides). */
function configServerVersion(config: AthanorConfig | undefined, configFile: string | undefined): string | undefined {
  const value: unknown = config?.serverVersion;
  if (value === undefined) return undefined;
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  throw new ConfigError(
    `${configFile}: serverVersion must be a version string, got ${JSON.stringify(value)}`,
    'Write it as the server reports it, e.g. serverVersion: "16.4" or "10.11.9-MariaDB", or remove it.',
  );
}
