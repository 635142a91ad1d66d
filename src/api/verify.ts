import type { Project } from "../config/resolve-project";
import type { Connection } from "../dialects/dialect";
import { compare } from "../diff/compare";
import { NO_RENAMES } from "../diff/renames";
import { MigrationFailedError } from "../errors";
import { renderOp } from "../render/render-op";
import { declaredServerVersion } from "../replay/declared-server-version";
import { openReplayDatabase } from "../replay/replay-database";
import { NO_LOCK_WAITS, replayedSchema, upgradeTo } from "../replay/replay-upgrade";
import { verificationPlan } from "../revisions/range";
import type { Direction } from "../runner/run-migration";
import type { Schema } from "../schema/types";
import { readCatalog } from "./catalog";
import { currentHeads, loadRevisions, planSteps, runSteps, type Revisions } from "./migrate";
import { diffModels } from "./revision";
import { offlineDialect } from "./offline";

/**
 * One check of one revision:
 *   upgrade    the revision's upgrade runs;
 *   rediff     (at the migrations' head(s) only) the entities diff empty against the schema;
 *   downgrade  its downgrade runs and leaves the schema exactly as it was before the upgrade;
 *   reupgrade  its upgrade runs again and leaves the schema exactly as the first upgrade did.
 */
export type VerifyStepName = "upgrade" | "rediff" | "downgrade" | "reupgrade";

export interface VerifyStep {
  readonly step: VerifyStepName;
  readonly ok: boolean;
  /**
   * When the schema is not what it should be: the op calls that would turn the schema found into
   * the one expected (for `rediff`: the ops a new migration would need), as a migration file
   * writes them.
   */
  readonly differences?: readonly string[];
  /** When the migration itself failed: the runner's message. */
  readonly error?: string;
}

export interface VerifiedRevision {
  readonly revision: string;
  readonly message?: string;
  /** The migration file, relative to the working directory. */
  readonly file: string;
  /** In the order they ran; a `reupgrade` is not run after a failed `downgrade` (see verify). */
  readonly steps: readonly VerifyStep[];
}

export interface VerifyResult {
  /** Every step of every revision passed. */
  readonly ok: boolean;
  readonly revisions: readonly VerifiedRevision[];
  /** Revisions of the range left unverified because an upgrade below them failed. */
  readonly unverified: readonly string[];
}

export interface VerifyOptions {
  /** `REV` or `START:END` (targets.ts identifiers, nothing relative to a database); default every revision. */
  readonly range?: string;
  /** A server to create (and drop) a scratch database on, instead of the embedded engine. */
  readonly scratchUrl?: string;
  /** The server the re-diff at head is for (as `--offline`'s --server-version; see declared-server-version.ts). */
  readonly serverVersion?: string;
  /** Where it runs, and each replay below the range. */
  readonly onNote?: (line: string) => void;
  /** Each revision once verified. */
  readonly onRevision?: (revision: VerifiedRevision) => void;
}

/**
 * Checks that each migration of the range is reversible and that the history ends where the
 * entities are, on an empty database that is not the project's: an embedded one (PGlite, an
 * in-memory SQLite), or a scratch database on `scratchUrl` (dropped afterwards). For each
 * revision, in the order `upgrade` applies them: upgrade; at the head(s), re-diff the entities;
 * downgrade and compare the catalog with the one before the upgrade; upgrade again and compare
 * with the one after the first upgrade.
 *
 * Every revision is checked, whatever failed before it: a revision whose downgrade (or
 * re-upgrade) left the schema wrong is replayed from scratch on a fresh database, so the next
 * revision starts from the schema its own upgrade expects. After a failed downgrade the
 * re-upgrade is not run: it would run on a schema its upgrade never saw (a forgotten dropIndex
 * makes the re-upgrade's createIndex fail), which says nothing new. An upgrade that fails stops
 * the run: nothing above it can be applied.
 */
export async function verify(project: Project, options: VerifyOptions = {}): Promise<VerifyResult> {
  // Nothing connects to the project's database: its kind comes from --url's scheme or the DataSource.
  const dialect = offlineDialect(project);
  const revisions = loadRevisions(project);
  const plan = verificationPlan(revisions.graph, options.range);
  // Read (and a malformed --server-version refused) before anything runs.
  const declared = declaredServerVersion(dialect, revisions, project.cwd, { flag: options.serverVersion, config: project.serverVersion });
  const target = { ...(options.scratchUrl !== undefined ? { scratchUrl: options.scratchUrl } : {}), cwd: project.cwd };
  // No migration yet: nothing to open a database for.
  if (plan.check.length === 0) return { ok: true, revisions: [], unverified: [] };
  const verified: VerifiedRevision[] = [];
  /** What is applied on the database, in order: replayed onto a fresh one after a broken step. */
  const applied: string[] = [...plan.setup];
  let db = await openReplayDatabase(dialect, target);
  try {
    options.onNote?.(`Verifying on ${db.engine}.`);
    if (plan.setup.length > 0) {
      options.onNote?.(`Replaying ${plan.setup.length} revision(s) below the range, unchecked.`);
      await replay(db.conn, revisions, plan.setup, "the revisions below the range");
    }
    for (let i = 0; i < plan.check.length; i++) {
      const id = plan.check[i];
      const script = revisions.scripts.get(id)!;
      const steps: VerifyStep[] = [];
      const done = (): void => {
        const r = { revision: id, ...(script.message !== undefined ? { message: script.message } : {}), file: script.file, steps };
        verified.push(r);
        options.onRevision?.(r);
      };
      const before = await replayedSchema(db.conn);
      const up = await step(db.conn, revisions, "upgrade", id);
      steps.push(up.step);
      if (!up.ok) {
        done();
        return { ok: false, revisions: verified, unverified: plan.check.slice(i + 1) };
      }
      applied.push(id);
      const after = await replayedSchema(db.conn);
      if (await atHeads(db.conn, revisions)) steps.push(await rediff(project, db.conn, declared?.version));
      const down = await step(db.conn, revisions, "downgrade", id);
      const downDiff = down.ok ? differences(db.conn, await replayedSchema(db.conn), before) : [];
      steps.push(down.ok ? checked("downgrade", downDiff) : down.step);
      let broken = !down.ok || downDiff.length > 0;
      if (!broken) {
        const again = await step(db.conn, revisions, "reupgrade", id);
        const againDiff = again.ok ? differences(db.conn, await replayedSchema(db.conn), after) : [];
        steps.push(again.ok ? checked("reupgrade", againDiff) : again.step);
        broken = !again.ok || againDiff.length > 0;
      }
      done();
      if (broken && i < plan.check.length - 1) {
        // The database is neither here nor there: start the next revision from a clean replay.
        await db.dispose();
        db = await openReplayDatabase(dialect, target);
        options.onNote?.(`Replaying ${applied.length} revision(s) onto a fresh database (${db.engine}) after the failure of ${id}.`);
        await replay(db.conn, revisions, applied, `the revisions up to ${id} onto a fresh database`);
      }
    }
    return { ok: verified.every((r) => r.steps.every((s) => s.ok)), revisions: verified, unverified: [] };
  } finally {
    await db.dispose();
  }
}

/** The op calls that turn `actual` into `expected`; none when they are the same schema. */
function differences(conn: Connection, actual: Schema, expected: Schema): string[] {
  return compare(actual, expected, NO_RENAMES, conn.dialect.capabilities(conn.serverVersion)).map(renderCall);
}

/** `op.dropIndex("idx", "t")`: the call as a migration file writes it, without its `await`. */
function renderCall(op: Parameters<typeof renderOp>[0]): string {
  return renderOp(op).replace(/^await /, "").replace(/;$/, "");
}

function checked(name: VerifyStepName, diff: readonly string[]): VerifyStep {
  return diff.length === 0 ? { step: name, ok: true } : { step: name, ok: false, differences: diff };
}

/** Runs one revision's upgrade or downgrade; a failing migration is a failed step, not an error of verify's. */
async function step(conn: Connection, revisions: Revisions, name: Exclude<VerifyStepName, "rediff">, id: string): Promise<{ ok: boolean; step: VerifyStep }> {
  const direction: Direction = name === "downgrade" ? "downgrade" : "upgrade";
  try {
    const heads = await currentHeads(conn, revisions);
    await runSteps(conn, planSteps(revisions, direction, heads, [id]), {}, NO_LOCK_WAITS);
    return { ok: true, step: { step: name, ok: true } };
  } catch (e) {
    if (!(e instanceof MigrationFailedError)) throw e;
    return { ok: false, step: { step: name, ok: false, error: cause(e.message, direction, revisions.scripts.get(id)!.file, id) } };
  }
}

/**
 * What went wrong, from the runner's message: its first line without the "upgrade of REV (FILE)
 * failed: " the step already says. The rest tells how to settle the database, which here is
 * thrown away.
 */
function cause(message: string, direction: Direction, file: string, id: string): string {
  const first = message.split("\n")[0];
  const prefix = `${direction} of ${id} (${file}) failed: `;
  return first.startsWith(prefix) ? first.slice(prefix.length) : first;
}

/** Applies `ids` (in upgrade order) unchecked: below the range, or onto a fresh database after a broken step. */
async function replay(conn: Connection, revisions: Revisions, ids: readonly string[], what: string): Promise<void> {
  try {
    await upgradeTo(conn, revisions, ids);
  } catch (e) {
    if (!(e instanceof MigrationFailedError)) throw e;
    throw new MigrationFailedError(
      `replaying ${what} failed: ${e.message.split("\n")[0]}`,
      "Verify from further down (`athanor verify` checks every revision), or fix that migration first.",
    );
  }
}

async function atHeads(conn: Connection, revisions: Revisions): Promise<boolean> {
  const heads = await currentHeads(conn, revisions);
  return [...heads].sort().join(",") === [...revisions.graph.heads].sort().join(",");
}

/** The entities diffed against the migrated schema, as `check --offline` would on this database. */
async function rediff(project: Project, conn: Connection, declared: string | undefined): Promise<VerifyStep> {
  const serverVersion = declared ?? conn.serverVersion;
  const diff = await diffModels(project, NO_RENAMES, undefined, "fail", false, (request) => readCatalog(conn, request, serverVersion));
  return checked("rediff", diff.ops.map(renderCall));
}

