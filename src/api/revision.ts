import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Project } from "../config/resolve-project";
import { compare } from "../diff/compare";
import { NO_RENAMES, type RenameHints } from "../diff/renames";
import { NotAtHeadError } from "../errors";
import type { Op } from "../ops/types";
import { formatTypeScript, renderMigration, templateFor } from "../render/migration-file";
import { singleHead } from "../revisions/graph";
import { versionsDir } from "../runner/load-migrations";
import { unmanagedTables } from "../runner/version-table";
import type { Schema } from "../schema/types";
import { currentHeads, loadRevisions } from "./migrate";
import { modelSchema, openDatabase } from "./session";

export interface RevisionOptions {
  readonly message: string;
  readonly autogenerate: boolean;
  readonly renames?: RenameHints;
  /** Fixed revision id (tests, --rev-id); random otherwise. */
  readonly revisionId?: string;
  readonly now?: Date;
}

export interface RevisionResult {
  /** The file written; undefined when autogenerate found nothing to do. */
  readonly file?: string;
  readonly revision?: string;
  readonly ops: readonly Op[];
}

/**
 * What the models need done to the database: reads the models (no connection) and the live
 * catalog (read-only), and refuses unless the database is at the head revision.
 */
export async function diffModels(project: Project, renames: RenameHints = NO_RENAMES): Promise<{ ops: Op[]; current: Schema; desired: Schema }> {
  const revisions = loadRevisions(project);
  const head = singleHead(revisions.graph);
  const models = await modelSchema(project);
  const conn = await openDatabase(project, models);
  try {
    const heads = await currentHeads(conn, revisions);
    const want = head ? [head] : [];
    if (heads.join(",") !== want.join(",")) {
      throw new NotAtHeadError(
        `the database is at ${heads.length ? heads.join(", ") : "base (no revision applied)"}, but the migrations' head is ${head ?? "base"}`,
        "Run `athanor upgrade head` first, so the new migration is computed against the latest schema.",
      );
    }
    const migrationsTable = typeof models.ds.options.migrationsTableName === "string" ? models.ds.options.migrationsTableName : "migrations";
    const current = await conn.dialect.introspect(conn, { exclude: unmanagedTables([migrationsTable]) });
    return { ops: compare(current, models.schema, renames), current, desired: models.schema };
  } finally {
    await conn.close();
  }
}

export async function createRevision(project: Project, options: RevisionOptions): Promise<RevisionResult> {
  const revisions = loadRevisions(project);
  const head = singleHead(revisions.graph);
  let ops: Op[] | undefined;
  if (options.autogenerate) {
    ops = (await diffModels(project, options.renames)).ops;
    if (ops.length === 0) return { ops: [] };
  }
  const revision = options.revisionId ?? randomBytes(6).toString("hex");
  const dir = versionsDir(project.migrationsDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${revision}_${slug(options.message)}.ts`);
  const text = renderMigration(templateFor(project.migrationsDir), {
    revision,
    downRevisions: head ? [head] : [],
    message: options.message,
    createDate: options.now ?? new Date(),
    ops,
  });
  writeFileSync(path, await formatTypeScript(text, path));
  return { file: relative(project.cwd, path) || path, revision, ops: ops ?? [] };
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
