import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import type { Project } from "../config/resolve-project";
import type { Dialect } from "../dialects/dialect";
import { compare } from "../diff/compare";
import { NO_RENAMES } from "../diff/renames";
import { MigrationFailedError, OfflineModeError, SquashProofError, SquashRangeError, UnrecordableMigrationError, UsageError } from "../errors";
import { dataChecks } from "../ops/data-checks";
import type { Op } from "../ops/types";
import { createDate as createDateOf } from "../render/create-date";
import { formatTypeScript, renderMigration, templateFor, type MigrationFileInput } from "../render/migration-file";
import { renderOp } from "../render/render-op";
import { openReplayDatabase } from "../replay/replay-database";
import { NO_LOCK_WAITS, replayedSchema, upgradeTo } from "../replay/replay-upgrade";
import { linearRange } from "../revisions/linear-range";
import { ancestorsOf, buildGraph, describeNode, type RevisionGraph } from "../revisions/graph";
import { resolveRevision } from "../revisions/targets";
import { loadMigrations, versionsDir, type MigrationScript } from "../runner/load-migrations";
import { recordOps } from "../runner/record-ops";
import { currentHeads, loadRevisions, type Revisions } from "../runner/revisions";
import type { Schema } from "../schema/types";
import { planSteps, runSteps } from "./migrate";
import { offlineDialect } from "./offline";
import { checkNewRevision, slug } from "./revision";

export interface SquashOptions {
  /** `START:END`: any identifiers naming one revision each (ids, prefixes, `head`, `LABEL@head`…). */
  readonly range: string;
  readonly message: string;
  /** Fixed revision id (tests, --rev-id); random otherwise. */
  readonly revisionId?: string;
  /** Prove on a scratch database on this server instead of the embedded engine (the only way on MySQL/MariaDB). */
  readonly scratchUrl?: string;
  readonly now?: Date;
}

export interface SquashedRevision {
  readonly revision: string;
  readonly file: string;
}

export interface SquashResult {
  readonly revision: string;
  /** The new file, relative to the working directory. */
  readonly file: string;
  /** The new revision's parents: START's. */
  readonly parents: readonly string[];
  /** The revisions replaced, parents first. */
  readonly squashed: readonly SquashedRevision[];
  /** Files deleted (both files of a SQL pair), relative to the working directory. */
  readonly removed: readonly string[];
  /** Revisions that named END (children, dependents), whose `downRevision`/`dependsOn` now names the new revision. */
  readonly repointed: readonly (SquashedRevision & { readonly exports: readonly ("downRevision" | "dependsOn")[] })[];
  readonly upgradeOps: number;
  readonly downgradeOps: number;
  /** Set when a revision of the range cannot be downgraded: the new downgrade throws this. */
  readonly irreversible?: string;
  /** Where the proof ran ("PGlite (PostgreSQL 17.5)", a scratch database…). */
  readonly provenOn: string;
  /** What each kind of existing database needs now, one line each. */
  readonly guidance: readonly string[];
}

/**
 * Replaces the linear stretch START..END of the history with one revision doing the same: its
 * upgrade is the ops each revision's upgrade performs, in order, and its downgrade the ops each
 * downgrade performs, in reverse order, recorded on a replay database (raw SQL stays raw SQL,
 * renames stay renames, SQLite rebuilds are left to run time as ops always are).
 *
 * Nothing is written until the new file, as rendered, has been run on a second replay database
 * and gives the schema the old revisions give, and its downgrade gives back the schema at
 * START's parent. Then the file is written, the old files deleted, and what named END (children,
 * dependents) pointed at the new revision.
 */
export async function squash(project: Project, options: SquashOptions): Promise<SquashResult> {
  const [startSpec, endSpec] = splitRange(options.range);
  const revisions = loadRevisions(project);
  const { graph, scripts } = revisions;
  const start = resolveRevision(graph, startSpec);
  const end = resolveRevision(graph, endSpec);
  const range = linearRange(graph, start, end);
  const inside = new Set(range);
  const members = range.map((id) => scripts.get(id)!);
  const parents = [...graph.nodes.get(start)!.downRevisions];
  const transactional = transactionalOf(members, start, end);
  const revision = options.revisionId ?? randomBytes(6).toString("hex");
  checkNewRevision(graph, revision, []);
  const branchLabels = unique(members.flatMap((m) => m.branchLabels ?? []));
  // What the range needed from other branches, the new revision needs; links inside it go.
  const dependsOn = unique(members.flatMap((m) => m.dependsOn ?? []).filter((d) => !inside.has(graph.nodes.has(d) ? d : graph.labels.get(d)!)));
  const edits = referenceEdits(project, graph, scripts, end, revision);
  const path = join(versionsDir(project.migrationsDir), `${revision}_${slug(options.message)}.ts`);
  const newNode = { revision, downRevisions: parents, branchLabels, dependsOn, message: options.message, file: relative(project.cwd, path) || path };
  // The history as it will be, checked before anything runs: labels, dependencies, cycles.
  buildGraph([...historyAfter(revisions, inside, edits, revision).values(), newNode]);

  const dialect = offlineDialect(project);
  if (options.scratchUrl === undefined && !dialect.embedded) {
    throw new OfflineModeError(
      `${dialect.name === "mysql" ? "MySQL/MariaDB" : dialect.name} has no embedded engine to record and prove the squash on`,
      `Pass --scratch-url ${dialect.name}://user:password@host:3306/any_database (or set scratchUrl in the config): athanor creates a scratch database on that server and drops it afterwards.`,
    );
  }
  const replay = { scratchUrl: options.scratchUrl, cwd: project.cwd };
  // Everything applied before the range: its ancestors and what it depends on.
  const before = [...ancestorsOf(graph, [end])].filter((id) => !inside.has(id));

  // Recording, on database A: each revision's upgrade recorded against the schema its parent left,
  // then run for real, so the next one (and each downgrade) is recorded against the real result.
  const recorded = await (async () => {
    const db = await openReplayDatabase(dialect, replay);
    try {
      await upgradeTo(db.conn, revisions, before);
      const atParent = await replayedSchema(db.conn);
      let schema = atParent;
      const upgrade: Op[] = [];
      const downgrades: Op[][] = [];
      let irreversible: string | undefined;
      for (const script of members) {
        upgrade.push(...(await recordOps(script, "upgrade", dialect, schema)));
        await upgradeTo(db.conn, revisions, [script.revision]);
        schema = await replayedSchema(db.conn);
        try {
          downgrades.push(await recordOps(script, "downgrade", dialect, schema));
        } catch (e) {
          if (!(e instanceof MigrationFailedError)) throw e;
          // The last one is the first a downgrade of the old history would have stopped at.
          irreversible = `cannot downgrade ${revision} (squashed from ${start}..${end}): ${e.message}`;
        }
      }
      // A downgrade that cannot run has no ops: the file's downgrade throws instead.
      const downgrade = irreversible === undefined ? downgrades.reverse().flat() : [];
      return { upgrade, downgrade, irreversible, atParent, atEnd: schema, serverVersion: db.conn.serverVersion, engine: db.engine };
    } finally {
      await db.dispose();
    }
  })();

  const input: MigrationFileInput = {
    revision,
    downRevisions: parents,
    message: options.message,
    createDate: createDateOf(options.now),
    ops: recorded.upgrade,
    ...(recorded.irreversible !== undefined ? { downgradeError: recorded.irreversible } : { downgradeOps: recorded.downgrade }),
    branchLabels,
    dependsOn,
    transactional,
    notes: [`squashes ${range.length} revision${range.length === 1 ? "" : "s"}, ${start} to ${end}: ${range.join(", ")}`],
    dataChecksOf: (op: Op) => dataChecks(op, dialect),
    hazardContext: { dialect, serverVersion: recorded.serverVersion },
  };
  const text = await formatTypeScript(renderMigration(templateFor(project.migrationsDir), input), path);

  await prove(project, revisions, { inside, edits, revision, text, fileName: basename(path), before, dialect, replay, recorded, start, end });

  mkdirSync(versionsDir(project.migrationsDir), { recursive: true });
  writeFileSync(path, text);
  const removed: string[] = [];
  for (const script of members) {
    for (const file of filesOf(project, script)) {
      unlinkSync(resolve(project.cwd, file));
      removed.push(file);
    }
  }
  for (const e of edits) writeFileSync(e.path, e.text);
  return {
    revision,
    file: newNode.file,
    parents,
    squashed: members.map((m) => ({ revision: m.revision, file: m.file })),
    removed,
    repointed: edits.map((e) => ({ revision: e.revision, file: e.file, exports: e.exports })),
    upgradeOps: recorded.upgrade.length,
    downgradeOps: recorded.downgrade.length,
    ...(recorded.irreversible !== undefined ? { irreversible: recorded.irreversible } : {}),
    provenOn: recorded.engine,
    guidance: guidance(range, parents, revision, edits),
  };
}

function splitRange(range: string): [string, string] {
  const parts = range.split(":");
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new UsageError(`squash needs a range START:END, got "${range}"`, "Name the oldest and the newest revision to squash, e.g. `athanor squash ae10:9f2c -m \"initial schema\"`.");
  }
  return [parts[0], parts[1]];
}

/** One transaction mode for the new revision: the range's, when all its revisions agree. */
function transactionalOf(members: readonly MigrationScript[], start: string, end: string): boolean {
  const outside = members.filter((m) => !m.transactional);
  if (outside.length === 0) return true;
  if (outside.length === members.length) return false;
  throw new UnrecordableMigrationError(
    `cannot squash ${start}..${end}: ${outside.map((m) => `${m.revision} (${m.file})`).join(", ")} run${outside.length > 1 ? "" : "s"} outside a transaction and the others inside one, and one revision has one mode`,
    "Squash the stretches on either side of the non-transactional revision(s) separately.",
  );
}

interface ReferenceEdit {
  readonly revision: string;
  readonly file: string;
  readonly path: string;
  readonly text: string;
  /** The exports that named END: `downRevision` (a child), `dependsOn` (a dependent). */
  readonly exports: readonly ("downRevision" | "dependsOn")[];
}

/**
 * The text of each revision that names END (a child through `downRevision`, a dependent through
 * `dependsOn`) with END's id replaced by the new revision's in that export: the one literal
 * changed, nothing else in the file. One whose reference cannot be changed so (a SQL pair, whose
 * parent is the pair numbered before it; a file not in the generator's form) stops the squash
 * here, before anything runs. A dependent naming END by a branch label needs no edit: the label
 * moves to the new revision.
 */
function referenceEdits(project: Project, graph: RevisionGraph, scripts: ReadonlyMap<string, MigrationScript>, end: string, revision: string): ReferenceEdit[] {
  const referrers = unique([...(graph.children.get(end) ?? []), ...(graph.dependents.get(end) ?? [])]);
  const edits: ReferenceEdit[] = [];
  for (const id of referrers) {
    const script = scripts.get(id)!;
    if (script.file.endsWith(".sql")) {
      throw new SquashRangeError(
        `cannot squash up to ${describeNode(graph, end)}: the SQL pair ${describeNode(graph, id)} follows it, and a SQL pair's parent is the pair numbered before it, so it cannot be re-parented (and removing ${end} would leave a gap in the numbers)`,
        `Extend the range over the SQL pairs after ${end} (up to the last one), or end it before the SQL pairs.`,
      );
    }
    const path = resolve(project.cwd, script.file);
    const source = readFileSync(path, "utf8");
    let text = source;
    const exports: ("downRevision" | "dependsOn")[] = [];
    for (const name of ["downRevision", "dependsOn"] as const) {
      const names = name === "downRevision" ? script.downRevisions : script.dependsOn ?? [];
      if (!names.includes(end)) continue;
      const edited = replaceInExport(text, name, end, revision);
      if (edited === undefined) {
        throw new SquashRangeError(
          `cannot point ${describeNode(graph, id)} at the squashed revision: it has no \`export const ${name} = …;\` naming "${end}" as a literal to edit`,
          `Write its ${name} as a literal naming ${end}, or end the range before ${end}.`,
        );
      }
      text = edited;
      exports.push(name);
    }
    if (exports.length > 0) edits.push({ revision: id, file: script.file, path, text, exports });
  }
  return edits;
}

/** `source` with the string literal `from` inside `export const NAME = …;` replaced by `to`; undefined when there is none. */
function replaceInExport(source: string, name: string, from: string, to: string): string | undefined {
  const declared = new RegExp(`^export const ${name}\\s*=\\s*([^;]*);`, "m").exec(source);
  if (!declared) return undefined;
  const edited = declared[0].replace(new RegExp(`(["'])${from.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}\\1`), JSON.stringify(to));
  return edited === declared[0] ? undefined : source.slice(0, declared.index) + edited + source.slice(declared.index + declared[0].length);
}

/** The scripts left after the squash, what named END pointed at `revision`. */
function historyAfter(revisions: Revisions, inside: ReadonlySet<string>, edits: readonly ReferenceEdit[], revision: string): Map<string, MigrationScript> {
  const out = new Map([...revisions.scripts].filter(([id]) => !inside.has(id)));
  const repoint = (list: readonly string[]) => list.map((p) => (inside.has(p) ? revision : p)).sort();
  for (const e of edits) {
    const script = out.get(e.revision)!;
    out.set(e.revision, { ...script, downRevisions: repoint(script.downRevisions), ...(script.dependsOn ? { dependsOn: repoint(script.dependsOn) } : {}) });
  }
  return out;
}

/**
 * Runs the new file as rendered, loaded by the runner's own loader from a temporary folder beside
 * the migrations (so it resolves imports as it will once written), on database B: the old
 * revisions up to START's parent, then the new one, must give the schema recorded at END; its
 * downgrade must give back the schema at START's parent. Any difference is a SquashProofError
 * listing it as op calls; the temporary folder is removed either way.
 */
async function prove(
  project: Project,
  revisions: Revisions,
  p: {
    readonly inside: ReadonlySet<string>;
    readonly edits: readonly ReferenceEdit[];
    readonly revision: string;
    readonly text: string;
    readonly fileName: string;
    readonly before: readonly string[];
    readonly dialect: Dialect;
    readonly replay: { readonly scratchUrl?: string; readonly cwd: string };
    readonly recorded: { readonly atParent: Schema; readonly atEnd: Schema; readonly irreversible?: string };
    readonly start: string;
    readonly end: string;
  },
): Promise<void> {
  mkdirSync(project.migrationsDir, { recursive: true });
  const tmp = mkdtempSync(join(project.migrationsDir, ".squash-proof-"));
  try {
    mkdirSync(versionsDir(tmp));
    writeFileSync(join(versionsDir(tmp), p.fileName), p.text);
    const [script] = loadMigrations(tmp, project.cwd);
    const scripts = historyAfter(revisions, p.inside, p.edits, p.revision);
    scripts.set(p.revision, script);
    const after: Revisions = { scripts, graph: buildGraph([...scripts.values()]) };
    const db = await openReplayDatabase(p.dialect, p.replay);
    try {
      const caps = p.dialect.capabilities(db.conn.serverVersion);
      await upgradeTo(db.conn, after, p.before);
      await upgradeTo(db.conn, after, [p.revision]);
      const upgraded = compare(p.recorded.atEnd, await replayedSchema(db.conn), NO_RENAMES, caps);
      if (upgraded.length > 0) throw proofError(`after its upgrade, the schema differs from the one ${p.start}..${p.end} give`, upgraded);
      if (p.recorded.irreversible !== undefined) return;
      const heads = await currentHeads(db.conn, after);
      await runSteps(db.conn, planSteps(after, "downgrade", heads, [p.revision]), {}, NO_LOCK_WAITS);
      const downgraded = compare(p.recorded.atParent, await replayedSchema(db.conn), NO_RENAMES, caps);
      if (downgraded.length > 0) throw proofError(`after its downgrade, the schema differs from the one before ${p.start}`, downgraded);
    } finally {
      await db.dispose();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function proofError(what: string, ops: readonly Op[]): SquashProofError {
  return new SquashProofError(
    `the squashed revision does not do what the old revisions do: ${what}; turning the old result into the squashed one takes:\n${ops.map((op) => `  ${renderOp(op)}`).join("\n")}`,
    "Nothing was written. A revision of the range may do something recording cannot see (a schema change inside a data step); squash a shorter range around it.",
  );
}

/** A revision's files, relative to the working directory: a SQL pair is its .up.sql and, when there is one, its .down.sql. */
function filesOf(project: Project, script: MigrationScript): string[] {
  if (!script.file.endsWith(".up.sql")) return [script.file];
  const down = script.file.replace(/\.up\.sql$/, ".down.sql");
  return existsSync(resolve(project.cwd, down)) ? [script.file, down] : [script.file];
}

/** What databases at each place in the history need now that the range is one revision. */
function guidance(range: readonly string[], parents: readonly string[], revision: string, edits: readonly ReferenceEdit[]): string[] {
  const end = range[range.length - 1];
  const below = parents.length ? `at ${parents.join(", ")} or earlier` : "empty";
  const lines = [
    `Databases ${below}: nothing to do; \`athanor upgrade\` runs ${revision} in place of the ${range.length} revision(s).`,
    `Databases at ${end} exactly: run \`athanor stamp --purge ${revision}\` (their version table names ${end}, which no longer exists; add any other head they record).`,
    `Databases beyond ${end}: nothing to do; they are at a later revision, which still exists.` +
      (edits.length
        ? ` ${edits.map((e) => e.file).join(", ")} changed (the export naming END), so runs on them warn it was edited after it was applied (--strict refuses) until \`athanor stamp --purge\` with their current revision records the new checksum.`
        : ""),
  ];
  if (range.length > 1) {
    lines.push(
      `Databases in the middle of the range (at ${range.slice(0, -1).join(", ")}): upgrade them to ${end} with the old files BEFORE squashing, then stamp them as above.`,
    );
  }
  return lines;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)].sort();
}
