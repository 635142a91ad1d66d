import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { parseDatabaseUrl } from "../config/database-url";
import type { Project } from "../config/resolve-project";
import { getDialect } from "../dialects";
import type { Dialect } from "../dialects/dialect";
import { IrreversibleOperationError, MigrationFailedError } from "../errors";
import { applyOp } from "../ops/apply";
import { hazards } from "../ops/hazards";
import { MigrationOperations } from "../ops/migration-operations";
import type { Op } from "../ops/types";
import { topological } from "../revisions/graph";
import { resolveRevisions } from "../revisions/targets";
import type { MigrationScript } from "../runner/load-migrations";
import { findTable } from "../schema/lookup";
import type { Schema } from "../schema/types";
import type { LintAction } from "../lint/action";
import { ignoresAbove } from "../lint/ignore-comments";
import { locateOps } from "../lint/locate";
import { opActions } from "../lint/op-actions";
import type { RuleEnv } from "../lint/rule";
import { checkAction } from "../lint/rules";
import { loadRevisions } from "./migrate";
import { userDataSource } from "./session";
import { history } from "./status";

export interface LintOptions {
  /** `REV` (one revision) or `START:END` (as `history -r`); absent: every revision. */
  readonly range?: string;
  /** The server version the rules judge for (default: the dialect's offline one). */
  readonly serverVersion?: string;
}

export interface LintFinding {
  readonly rule: string;
  readonly message: string;
  /** The migration file (the `.down.sql` one for a SQL pair's downgrade), as loaded. */
  readonly file: string;
  /** 1-based, best effort (see src/lint/locate.ts). */
  readonly line: number;
  readonly revision: string;
  readonly direction: "upgrade" | "downgrade";
  /** Set when an `athanor-lint-ignore` comment acknowledges it: then it does not fail the lint. */
  readonly ignoredBecause?: string;
}

export interface LintResult {
  readonly dialect: string;
  readonly serverVersion: string;
  /** The revisions linted, oldest first. */
  readonly revisions: readonly string[];
  /** Every finding, acknowledged ones included (they carry `ignoredBecause`). */
  readonly findings: readonly LintFinding[];
}

/**
 * Lints migration files without a database: every revision's upgrade is replayed from base on an
 * in-memory schema (as offline mode does), and the selected ones' upgrade and downgrade are
 * recorded op by op, so the rules know which tables exist and which the same migration created.
 */
export async function lintMigrations(project: Project, options: LintOptions = {}): Promise<LintResult> {
  const dialect = offlineDialect(project);
  const serverVersion = options.serverVersion ?? dialect.offlineServerVersion ?? "";
  const revisions = loadRevisions(project);
  const { graph } = revisions;
  const selected = selectRevisions(project, options.range, (spec) => resolveRevisions(graph, spec));
  const env: RuleEnv = { dialect: dialect.name, serverVersion, capabilities: dialect.capabilities(serverVersion) };
  const order = topological(graph, new Set(graph.nodes.keys()));
  let schema: Schema = { tables: [] };
  const findings: LintFinding[] = [];
  const linted: string[] = [];
  for (const id of order) {
    const script = revisions.scripts.get(id)!;
    if (selected === undefined || selected.has(id)) {
      linted.push(id);
      const up = await recordRun(script, "upgrade", schema, dialect, serverVersion);
      const down = await recordRun(script, "downgrade", up.schema, dialect, serverVersion);
      findings.push(...findingsOf(project, script, "upgrade", up.steps, env));
      findings.push(...findingsOf(project, script, "downgrade", down.steps, env));
      schema = up.schema;
    } else {
      schema = (await recordRun(script, "upgrade", schema, dialect, serverVersion)).schema;
    }
  }
  return { dialect: dialect.name, serverVersion, revisions: linted, findings };
}

interface RecordedStep {
  readonly op: Op;
  readonly actions: readonly LintAction[];
  /** Tables created earlier in the same run. */
  readonly newTables: ReadonlySet<string>;
}

/** Runs one direction of `script` against `schema` with an `op` that records each op and applies it. */
async function recordRun(
  script: MigrationScript,
  direction: "upgrade" | "downgrade",
  start: Schema,
  dialect: Dialect,
  serverVersion: string,
): Promise<{ steps: RecordedStep[]; schema: Schema }> {
  let schema = start;
  const created = new Set<string>();
  const steps: RecordedStep[] = [];
  const op = new MigrationOperations(
    async (o) => {
      const newTables = new Set(created);
      const actions = opActions(o, hazards(o, { dialect, serverVersion, newTables }), dialect.name, serverVersion);
      steps.push({ op: o, actions, newTables });
      for (const a of actions) if (a.kind === "create-table") created.add(a.table);
      for (const a of actions) if (a.kind === "rename-table" && created.has(a.from)) created.add(a.to);
      schema = applyOp(schema, o);
    },
    async (name) => findTable(schema, name),
    async () => [],
  );
  try {
    await script[direction]({ op, dialect: dialect.name });
  } catch (e) {
    // A downgrade that refuses to run (an irreversible migration) is linted up to where it stops.
    if (direction === "downgrade" && (e instanceof IrreversibleOperationError || /write this downgrade by hand$/.test((e as Error).message))) return { steps, schema };
    const message = (e as Error).message;
    throw new MigrationFailedError(
      `cannot replay the ${direction} of ${script.revision} (${script.file}) to lint it: ${(e as Error).name}: ${message}`,
      "lint runs each migration against the schema the earlier ones build, in memory (raw SQL leaves it as it was); make the migration work from its recorded history.",
    );
  }
  return { steps, schema };
}

function findingsOf(project: Project, script: MigrationScript, direction: "upgrade" | "downgrade", steps: readonly RecordedStep[], env: RuleEnv): LintFinding[] {
  const sql = /\.up\.sql$/.test(script.file);
  const file = sql && direction === "downgrade" ? script.file.replace(/\.up\.sql$/, ".down.sql") : script.file;
  const path = isAbsolute(file) ? file : join(project.cwd, file);
  const source = existsSync(path) ? readFileSync(path, "utf8") : "";
  const lines = source.split("\n");
  const at = locateOps(source, steps.map((s) => s.op), direction, sql);
  const out: LintFinding[] = [];
  steps.forEach((step, i) => {
    const hits = step.actions.flatMap((a) => checkAction(a, env, step.newTables));
    const ignores = ignoresAbove(lines, at[i]);
    const seen = new Set<string>();
    for (const hit of hits) {
      if (seen.has(hit.rule)) continue;
      seen.add(hit.rule);
      const ignore = ignores.find((c) => c.rules.includes(hit.rule));
      const base = { rule: hit.rule, file, line: at[i], revision: script.revision, direction };
      if (ignore && ignore.reason) out.push({ ...base, message: hit.message, ignoredBecause: ignore.reason });
      else if (ignore) out.push({ ...base, message: `${hit.message} (the athanor-lint-ignore comment on line ${ignore.line} gives no reason, so it does not count: add ": why")` });
      else out.push({ ...base, message: hit.message });
    }
  });
  return out;
}

/** The revisions to lint: undefined for all; `REV`; or `START:END` as `history -r` reads it. */
function selectRevisions(project: Project, range: string | undefined, resolve: (spec: string) => string[]): Set<string> | undefined {
  if (range === undefined) return undefined;
  if (!range.includes(":")) return new Set(resolve(range));
  return new Set(history(project, range).map((r) => r.revision));
}

/** The dialect from --url's scheme (nothing connects), else from the DataSource's `type`. */
function offlineDialect(project: Project): Dialect {
  if (project.url) return getDialect(parseDatabaseUrl(project.url, project.cwd).dialect);
  // Loads the DataSource module to read its `type`; it is never initialised.
  return userDataSource(project).dialect;
}
