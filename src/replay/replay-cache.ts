import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Schema } from "../schema/types";

/**
 * A replayed catalog, kept between runs: replaying a long history into an embedded engine costs
 * seconds, reading this back costs milliseconds. Keyed by everything the catalog depends on (see
 * `replayKey`), so a changed, added or removed migration file is a miss, never a stale hit.
 */
export interface ReplaySnapshot {
  readonly engine: string;
  /** The replay engine's own server version. */
  readonly engineVersion: string;
  readonly live: Schema;
  readonly schemaName?: string;
  readonly replayed: number;
}

/** Bump when the snapshot's shape or the replay's meaning changes. */
const FORMAT = "athanor-replay-1";

export interface ReplayKeyParts {
  readonly dialect: string;
  /** "embedded", or the scratch server's URL (a different server may read differently). */
  readonly where: string;
  /** Each revision's id and file checksum, in the order they are replayed. */
  readonly scripts: readonly { readonly revision: string; readonly checksum: string }[];
  readonly exclude: readonly string[];
  readonly scoped: boolean;
  /** athanor's own version: its introspector decides what the snapshot holds. */
  readonly athanorVersion: string;
}

export function replayKey(parts: ReplayKeyParts): string {
  return createHash("sha256").update(JSON.stringify([FORMAT, parts])).digest("hex");
}

export function readSnapshot(dir: string, key: string): ReplaySnapshot | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, `${key}.json`), "utf8")) as { key?: string; snapshot?: ReplaySnapshot };
    return parsed.key === key ? parsed.snapshot : undefined;
  } catch {
    // Absent or unreadable: replay again.
    return undefined;
  }
}

/** Written whole or not at all (rename), so a run killed midway never leaves half a snapshot. */
export function writeSnapshot(dir: string, key: string, snapshot: ReplaySnapshot): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${key}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify({ key, snapshot }));
    renameSync(tmp, join(dir, `${key}.json`));
  } catch {
    // A read-only project: the next run replays again, which is slower but correct.
  }
}

/**
 * The keys of the database images after each prefix of `scripts` (index i: the first i + 1
 * revisions applied), chained so that computing them all stays linear in the history's length.
 */
export function imageKeys(parts: Pick<ReplayKeyParts, "dialect" | "scripts" | "athanorVersion">): string[] {
  let chain = createHash("sha256").update(JSON.stringify([FORMAT, "image", parts.dialect, parts.athanorVersion])).digest("hex");
  return parts.scripts.map((s) => (chain = createHash("sha256").update(`${chain}\n${s.revision}\n${s.checksum}`).digest("hex")));
}

/** How many database images are kept: the newest few histories a developer moves between. */
const IMAGES_KEPT = 3;

export function readImage(dir: string, key: string): Buffer | undefined {
  try {
    return readFileSync(join(dir, `${key}.image`));
  } catch {
    return undefined;
  }
}

/** Written whole (rename); older images beyond the newest few are removed. */
export function writeImage(dir: string, key: string, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${key}.${process.pid}.image.tmp`);
    writeFileSync(tmp, data);
    renameSync(tmp, join(dir, `${key}.image`));
    const images = readdirSync(dir)
      .filter((f) => f.endsWith(".image"))
      .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of images.slice(IMAGES_KEPT)) rmSync(join(dir, f), { force: true });
  } catch {
    // A read-only project: the next run replays from further back, which is slower but correct.
  }
}
