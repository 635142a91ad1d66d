import { createDate as createDateOf } from "../render/create-date";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Project } from "../config/resolve-project";
import { compare } from "../diff/compare";
import { describeCandidate, mergeHints, NO_RENAMES, renameCandidates, type RenameHints, type RenameResolver } from "../diff/renames";
import { ConfigError, DuplicateBranchLabelError, DuplicateRevisionError, MultipleHeadsError, RevisionGraphError } from "../errors";
import type { Capabilities, Dialect, LockBudget } from "../dialects/dialect";
import { dataChecks } from "../ops/data-checks";
import { withOnlinePatterns } from "../diff/online-indexes";
import { checkIdentifierLengths } from "../schema/identifier-limits";
import type { Op } from "../ops/types";
import { listHazards, type OpHazard } from "../ops/hazards";
import { formatTypeScript, renderMigration, templateFor, type MigrationFileInput } from "../render/migration-file";
import { describeNode, type RevisionGraph } from "../revisions/graph";
import { resolveRevision, resolveRevisions } from "../revisions/targets";
import { versionsDir } from "../runner/load-migrations";
import type { Schema } from "../schema/types";
import { unsyncedIndexes } from "../models/typeorm/unsynced-indexes";
import { FULL_SCOPE } from "../scope/scope";
import { scopeIsFull, scopePair } from "../scope/scope-pair";
import { unmappedDrops, type UnmappedDrop } from "../scope/unmapped-drops";
import { loadRevisions } from "./migrate";
import { loadModels, modelSchema, type LoadedModels } from "./session";
import { liveCatalog, type CatalogSource } from "./catalog";
import { modelNotes } from "../models/typeorm/model-notes";
import { splitExpandContract, writeExpandContract } from "./expand-contract";
import { timed } from "../timings";
import { splitByLockBudget, totalLocks } from "../diff/split-by-lock-budget";

export interface RevisionOptions {
  readonly message: string;
  readonly autogenerate: boolean;
  readonly renames?: RenameHints;
  /** Fixed revision id (tests, --rev-id); random otherwise. */
  readonly revisionId?: string;
  readonly now?: Date;
  /**
   * The revision to build on (--head): a head, `base` for a new root, or with `splice` any
   * revision (starting a branch). Default: the single head.
   */
  readonly head?: string;
  /** Allow `head` to name a revision that is not a head. */
  readonly splice?: boolean;
  readonly branchLabels?: readonly string[];
  /** Revisions (identifiers) that must be applied before this one, on other branches. */
  readonly dependsOn?: readonly string[];
  /** Asked about possible renames the hints leave open (the CLI prompts on a terminal). */
  readonly resolveRenames?: RenameResolver;
  /**
   * Online forms on existing tables (concurrent index builds, constraints validated separately,
   * SET NOT NULL through a check; see diff/online-indexes.ts). Default: the project's `online`
   * (config), else true; `--no-online` opts out.
   */
  readonly online?: boolean;
  /**
   * Split renames, drops and NOT NULL additions into an expand and a contract revision
   * (`--expand-contract`, see expand-contract.ts). `revisionId` names the expand revision.
   */
  readonly expandContract?: boolean;
  /** With `expandContract`: the contract revision's id (random otherwise). */
  readonly contractRevisionId?: string;
  /** Where the diff reads the database's schema (default: the project's database; see catalog.ts). */
  readonly catalog?: CatalogSource;
}

export interface RevisionResult {
  /** The file written; undefined when autogenerate found nothing to do. */
  readonly file?: string;
  readonly revision?: string;
  readonly ops: readonly Op[];
  /** Possible renames nobody confirmed: written into the file as notes, and worth printing. */
  readonly notes: readonly string[];
  /** Tables no entity maps and indexes no entity declares that the ops drop: worth printing loudly. */
  readonly unmappedDrops: readonly UnmappedDrop[];
  /** With --expand-contract: the second (contract) revision written after `file` (the expand one). */
  readonly contract?: { readonly file: string; readonly revision: string };
  /** What each op of the upgrade risks on a live database (src/ops/hazards.ts), by op index. */
  readonly hazards: readonly OpHazard[];
  /**
   * When the ops would take more locks than one transaction should on this database
   * (Dialect.lockBudget): the chain of revisions written instead of one, in order, each the child
   * of the one before. The first is `file`/`revision`; `ops` and `hazards` are still the whole change.
   */
  readonly split?: LockSplit;
}

export interface LockSplit {
  readonly parts: readonly { readonly file: string; readonly revision: string; readonly ops: number }[];
  /** The estimated locks of all the ops together. */
  readonly locks: number;
  /** The most one part may take, and where that figure comes from. */
  readonly budget: LockBudget;
  /** Why, for the reader: "creating 2,000 tables takes about 16,000 locks, more than…". */
  readonly reason: string;
}

/** What the models need done to the database, and what went into finding it. */
export interface ModelDiff {
  readonly ops: Op[];
  /** The database's schema, as far as athanor manages it (scope applied). */
  readonly current: Schema;
  /** The entities' schema, as far as athanor manages it (scope applied). */
  readonly desired: Schema;
  readonly notes: string[];
  readonly capabilities: Capabilities;
  /** The drops among `ops` of tables no entity maps and indexes no entity declares. */
  readonly unmappedDrops: UnmappedDrop[];
  /** The database's dialect (what the ops compile for). */
  readonly dialect: Dialect;
  /** The server's version string, as the connection reports it. */
  readonly serverVersion: string;
  /** With `readLockBudget`, on a dialect with a lock budget: what one migration may take there. */
  readonly lockBudget?: LockBudget;
}

/**
 * What the models need done to the database: reads the models (no connection) and the catalog
 * (read-only; the live database unless `source` says otherwise, see catalog.ts), which must be
 * at the head revision(s).
 */
export async function diffModels(
  project: Project,
  renames: RenameHints = NO_RENAMES,
  resolveRenames?: RenameResolver,
  ifMissing: "fail" | "empty" = "fail",
  readLockBudget = false,
  source: CatalogSource = liveCatalog(project, ifMissing),
): Promise<ModelDiff> {
  const revisions = loadRevisions(project);
  // Let go once read: TypeORM's metadata of a large project weighs more than the schemas.
  let loaded: LoadedModels | undefined = await loadModels(project);
  const scope = project.scope ?? FULL_SCOPE;
  const catalog = await source({
    revisions,
    exclude: loaded.exclude,
    scoped: !scopeIsFull(scope),
    lockBudget: readLockBudget,
    known: { ds: loaded.ds, dialect: loaded.dialect },
  });
  const models = await timed("metadata", () => modelSchema(project, catalog.serverVersion, loaded));
  const unmanagedIndexes = unsyncedIndexes(loaded.built);
  loaded = undefined;
  const { current, desired } = scopePair(catalog.live, models.schema, {
    scope,
    ...(catalog.schemaName !== undefined ? { schemaName: catalog.schemaName } : {}),
    unmanagedIndexes,
  });
  const dialect = catalog.dialect;
  // Before anything is written: a name the database would truncate or refuse is the model's to fix.
  checkIdentifierLengths(desired, dialect);
  let hints = renames;
  const open = renameCandidates(current, desired, hints);
  if (open.length > 0 && resolveRenames) hints = mergeHints(hints, await resolveRenames(open));
  const notes = [...modelNotes(models.reading, current, desired), ...renameCandidates(current, desired, hints).map(describeCandidate)];
  const capabilities = dialect.capabilities(catalog.serverVersion);
  const ops = timed("diff", () => compare(current, desired, hints, capabilities));
  return {
    ops, current, desired, notes, capabilities, unmappedDrops: unmappedDrops(ops), dialect, serverVersion: catalog.serverVersion,
    ...(catalog.lockBudget ? { lockBudget: catalog.lockBudget } : {}),
  };
}

export async function createRevision(project: Project, options: RevisionOptions): Promise<RevisionResult> {
  const { graph } = loadRevisions(project);
  const parents = parentsFor(graph, options, options.autogenerate);
  const revision = options.revisionId ?? randomBytes(6).toString("hex");
  checkNewRevision(graph, revision, options.branchLabels ?? []);
  const dependsOn = [...new Set((options.dependsOn ?? []).flatMap((d) => resolveRevisions(graph, d)))].sort();
  let ops: Op[] | undefined;
  let notes: string[] = [];
  let drops: UnmappedDrop[] = [];
  const transactional = true;
  let dialect: Dialect | undefined;
  let diffCurrent: Schema = { tables: [] };
  let diffDesired: Schema = { tables: [] };
  let server: string | undefined;
  let serverVersion = "";
  let lockBudget: LockBudget | undefined;
  if (options.autogenerate) {
    // A database file that does not exist yet is an empty database to diff against, left uncreated.
    const diff = await diffModels(project, options.renames, options.resolveRenames, "empty", true, options.catalog);
    ({ ops, notes, unmappedDrops: drops, dialect, serverVersion, current: diffCurrent, desired: diffDesired, lockBudget } = diff);
    // The ops were chosen for this server (see Capabilities): the file says which it was.
    server = (diff.dialect.describeServerVersion?.(diff.serverVersion) ?? diff.serverVersion) || undefined;
    if (ops.length === 0) return { ops: [], notes, unmappedDrops: [], hazards: [] };
    if (options.online ?? project.online ?? true) ops = withOnlinePatterns(ops, diff.capabilities);
  }
  if (options.expandContract && ops && dialect) {
    const written = await expandContract(project, ops, { ...options, revision, parents, dependsOn, notes }, diffCurrent, diffDesired, dialect);
    // The hazards of the change as a whole; the two phase files carry no hazard comments yet.
    if (written) return { ...written, ops, notes, unmappedDrops: drops, hazards: listHazards(ops, { dialect, serverVersion }) };
  }
  if (ops && dialect?.lockBudget && lockBudget) {
    const split = await writeLockParts(project, ops, { ...options, revision, parents, dependsOn, notes, drops, dialect, serverVersion, server, lockBudget });
    if (split) return { file: split.parts[0].file, revision, ops, notes, unmappedDrops: drops, hazards: listHazards(ops, { dialect, serverVersion }), split };
  }
  const file = await writeRevisionFile(project, {
    revision,
    downRevisions: parents,
    message: options.message,
    createDate: createDateOf(options.now),
    ops,
    branchLabels: options.branchLabels,
    dependsOn,
    notes,
    unmappedDrops: drops,
    transactional,
    ...(dialect ? { dataChecksOf: (op: Op) => dataChecks(op, dialect), hazardContext: { dialect, serverVersion } } : {}),
    ...(server ? { server } : {}),
  });
  const hazards = dialect && ops ? listHazards(ops, { dialect, serverVersion }) : [];
  return { file, revision, ops: ops ?? [], notes, unmappedDrops: drops, hazards };
}

/**
 * A migration whose ops would take more locks than one transaction should on this database (see
 * Dialect.lockBudget), written as a chain of revisions that each fit: `revision` (the given or
 * random id) first, then `<id>_2`, `<id>_3`… with a fixed --rev-id, random ids otherwise. Each
 * part is atomic and recorded in the version table on its own, so a run that fails halfway resumes
 * from the part that failed. Undefined (nothing written) when the ops fit in one.
 */
async function writeLockParts(
  project: Project,
  ops: readonly Op[],
  o: RevisionOptions & {
    readonly revision: string;
    readonly parents: readonly string[];
    readonly dependsOn: readonly string[];
    readonly notes: readonly string[];
    readonly drops: readonly UnmappedDrop[];
    readonly dialect: Dialect;
    readonly serverVersion: string;
    readonly server: string | undefined;
    readonly lockBudget: LockBudget;
  },
): Promise<LockSplit | undefined> {
  const locksOf = o.dialect.lockBudget!.locksOf;
  const locks = totalLocks(ops, locksOf);
  if (locks <= o.lockBudget.perRevision) return undefined;
  const chunks = splitByLockBudget(ops, locksOf, o.lockBudget.perRevision);
  if (chunks.length < 2) return undefined;
  const { graph } = loadRevisions(project);
  const ids = chunks.map((_, i) => (i === 0 ? o.revision : o.revisionId !== undefined ? `${o.revisionId}_${i + 1}` : randomBytes(6).toString("hex")));
  for (const id of ids.slice(1)) checkNewRevision(graph, id, []);
  const createDate = createDateOf(o.now);
  const why = `${describeOps(ops)} takes about ${count(locks)} locks, more than one transaction should hold here (${o.lockBudget.describe})`;
  const parts: { file: string; revision: string; ops: number }[] = [];
  for (const [i, chunk] of chunks.entries()) {
    const inPart = unmappedDrops(chunk);
    const partNote = `part ${i + 1} of ${chunks.length} of one change, split because ${why}. Each part runs in its own transaction; \`athanor upgrade head\` applies them all, in order.`;
    const file = await writeRevisionFile(project, {
      revision: ids[i],
      downRevisions: i === 0 ? o.parents : [ids[i - 1]],
      message: `${o.message} (part ${i + 1} of ${chunks.length})`,
      createDate,
      ops: chunk,
      // The new branch is labelled at its start; what it depends on is needed from the first part on.
      ...(i === 0 ? { branchLabels: o.branchLabels, dependsOn: o.dependsOn } : {}),
      notes: [partNote, ...(i === 0 ? o.notes : [])],
      // Only what is unmapped for the change as a whole: an index dropped here and created again
      // in a later part is a changed definition, not a drop to warn about.
      unmappedDrops: o.drops.filter((d) => inPart.some((x) => x.kind === d.kind && x.table === d.table && x.name === d.name)),
      transactional: true,
      dataChecksOf: (op: Op) => dataChecks(op, o.dialect),
      hazardContext: { dialect: o.dialect, serverVersion: o.serverVersion },
      ...(o.server ? { server: o.server } : {}),
    });
    parts.push({ file, revision: ids[i], ops: chunk.length });
  }
  return { parts, locks, budget: o.lockBudget, reason: why };
}

/** "creating 2,000 tables", "creating 12 tables and 40 other operations", "these 900 operations". */
function describeOps(ops: readonly Op[]): string {
  const created = ops.filter((op) => op.kind === "createTable").length;
  const others = ops.length - created;
  if (created === 0) return `these ${count(ops.length)} operations`;
  return `creating ${count(created)} table${created === 1 ? "" : "s"}${others > 0 ? ` and ${count(others)} other operation${others === 1 ? "" : "s"}` : ""}`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** --expand-contract: the two revisions, or undefined when nothing in `ops` needs two steps. */
async function expandContract(
  project: Project,
  ops: readonly Op[],
  o: RevisionOptions & { readonly revision: string; readonly parents: readonly string[]; readonly dependsOn: readonly string[]; readonly notes: readonly string[] },
  current: Schema,
  desired: Schema,
  dialect: Dialect,
): Promise<{ file: string; revision: string; contract: { file: string; revision: string } } | undefined> {
  const plan = splitExpandContract(ops, current, desired, dialect.syncTriggers);
  if (!plan) return undefined;
  const { graph } = loadRevisions(project);
  const contractRevision = o.contractRevisionId ?? (o.revisionId !== undefined ? `${o.revisionId}_contract` : undefined);
  if (contractRevision !== undefined) checkNewRevision(graph, contractRevision, []);
  const written = await writeExpandContract(project, plan, {
    revision: o.revision,
    downRevisions: o.parents,
    message: o.message,
    createDate: createDateOf(o.now),
    branchLabels: o.branchLabels,
    dependsOn: o.dependsOn,
    notes: o.notes,
    ...(contractRevision !== undefined ? { contractRevision } : {}),
  });
  return { ...written.expand, contract: written.contract };
}

/** The new revision's parents: the single head, or what --head (and --splice) names. */
function parentsFor(graph: RevisionGraph, options: RevisionOptions, autogenerate: boolean): string[] {
  if (options.head === undefined) {
    if (graph.heads.length > 1) {
      throw new MultipleHeadsError(
        `there are ${graph.heads.length} heads: ${graph.heads.map((h) => describeNode(graph, h)).join(", ")}; ${autogenerate ? "autogenerate" : "a new revision"} needs to know which one to build on`,
        `Pass --head with the one to extend (e.g. \`--head ${graph.heads[0]}\`${graph.labels.size ? " or `--head LABEL@head`" : ""}), or merge them first with \`athanor merge heads -m "merge"\`.`,
      );
    }
    return [...graph.heads];
  }
  if (options.head === "base") return [];
  const id = resolveRevision(graph, options.head);
  if (!graph.heads.includes(id) && !options.splice) {
    throw new RevisionGraphError(
      `revision ${describeNode(graph, id)} is not a head (it has child ${graph.children.get(id)!.join(", ")}), so --head ${options.head} would start a new branch`,
      "Pass --splice to branch from it on purpose, or build on a head (`athanor heads`).",
    );
  }
  return [id];
}

/** A new id must be usable as an identifier and a file name, and its labels must be free. */
export function checkNewRevision(graph: RevisionGraph, revision: string, labels: readonly string[]): void {
  if (!/^[A-Za-z0-9_-]+$/.test(revision) || ["head", "heads", "base", "current"].includes(revision)) {
    throw new ConfigError(
      `revision id "${revision}" is not usable: ids are letters, digits, "_" and "-", and not head, heads, base or current`,
      "Choose another --rev-id, e.g. --rev-id 20260101_add_users.",
    );
  }
  if (graph.nodes.has(revision)) {
    throw new DuplicateRevisionError(`revision id ${revision} already exists: ${describeNode(graph, revision)}`, "Choose another --rev-id.");
  }
  for (const label of labels) {
    const owner = graph.labels.get(label);
    if (owner !== undefined) {
      throw new DuplicateBranchLabelError(`branch label "${label}" is already declared by ${describeNode(graph, owner)}`, "Choose another --branch-label.");
    }
    if (!/^[A-Za-z0-9_-]+$/.test(label) || graph.nodes.has(label) || ["head", "heads", "base", "current"].includes(label)) {
      throw new ConfigError(
        `branch label "${label}" is not usable: labels are letters, digits, "_" and "-", and neither a revision id nor head, heads, base or current`,
        "Choose another --branch-label.",
      );
    }
  }
}

export interface RevisionFileInput extends Omit<MigrationFileInput, "createDate"> {
  readonly createDate: Date;
}

/** Renders, formats and writes `<migrations>/versions/<rev>_<slug>.ts`; returns its path for display. */
export async function writeRevisionFile(project: Project, input: RevisionFileInput): Promise<string> {
  const dir = versionsDir(project.migrationsDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${input.revision}_${slug(input.message)}.ts`);
  await timed("render", async () => {
    const text = renderMigration(templateFor(project.migrationsDir), input);
    writeFileSync(path, await formatTypeScript(text, path));
  });
  return relative(project.cwd, path) || path;
}

export function slug(message: string): string {
  return (
    message
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40) || "revision"
  );
}
