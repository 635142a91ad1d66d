import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { IrreversibleOperationError, SqlMigrationPairError } from "../errors";
import type { MigrationContext } from "../ops/migration-context";
import type { MigrationScript } from "./migration-script";
import { splitSqlStatements } from "./split-sql";

/**
 * Numbered SQL pairs, the "manual" pattern many teams keep before adopting a tool:
 * `001_create_devices.up.sql` + `001_create_devices.down.sql` in `<migrations>/versions/`,
 * beside the TypeScript revisions. Each pair is a revision:
 *
 * - its id is the file stem before `.up.sql` (`001_create_devices`);
 * - the pairs form one line in number order: the first is a base, each next one revises the
 *   previous (so a TypeScript migration continues the history with `downRevision = "003_…"`);
 * - upgrade runs the `.up.sql` statements one by one with `op.execute` (see split-sql.ts for
 *   where a statement ends); downgrade runs `.down.sql`, or, when there is none, refuses with
 *   an IrreversibleOperationError;
 * - a first line `-- athanor:no-transaction` in either file runs the pair outside a transaction
 *   (CREATE INDEX CONCURRENTLY and the like);
 * - the checksum covers both files, so editing either after it ran is reported.
 *
 * Numbers must run without gaps or duplicates, and every `.down.sql` needs its `.up.sql`: any
 * other shape is a SqlMigrationPairError naming the files.
 */
export const SQL_PAIR_FILE = /^(\d+)_([^.]+)\.(up|down)\.sql$/;
export const NO_TRANSACTION_MARKER = "-- athanor:no-transaction";

interface Pair {
  readonly stem: string;
  readonly number: number;
  readonly name: string;
  up?: string;
  down?: string;
}

export function isSqlFile(name: string): boolean {
  return name.endsWith(".sql");
}

/** Loads the pairs among `files` (names inside `dir`), in number order. */
export function loadSqlPairs(dir: string, files: readonly string[], cwd: string): MigrationScript[] {
  const shown = (f: string) => relative(cwd, join(dir, f)) || join(dir, f);
  const pairs = new Map<string, Pair>();
  for (const f of files.filter(isSqlFile).sort()) {
    const m = SQL_PAIR_FILE.exec(f);
    if (!m) {
      throw new SqlMigrationPairError(
        `${shown(f)} is not a SQL migration: SQL files in the versions folder are named NNN_name.up.sql and NNN_name.down.sql`,
        "Rename it (e.g. 004_add_index.up.sql), or move it out of the versions folder.",
      );
    }
    const stem = `${m[1]}_${m[2]}`;
    const pair = pairs.get(stem) ?? { stem, number: Number(m[1]), name: m[2] };
    pair[m[3] as "up" | "down"] = f;
    pairs.set(stem, pair);
  }
  const list = [...pairs.values()].sort((a, b) => a.number - b.number || (a.stem < b.stem ? -1 : 1));
  for (const p of list) {
    if (!p.up) {
      throw new SqlMigrationPairError(`${shown(p.down!)} has no ${p.stem}.up.sql beside it`, "Add the .up.sql file (what the migration does), or delete the .down.sql.");
    }
  }
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1];
    const b = list[i];
    if (a.number === b.number) {
      throw new SqlMigrationPairError(
        `two SQL migrations have number ${b.number}: ${shown(a.up!)} and ${shown(b.up!)}`,
        "Renumber one of them so the numbers give the order to apply them in.",
      );
    }
    if (b.number !== a.number + 1) {
      throw new SqlMigrationPairError(
        `SQL migration numbers skip from ${a.number} (${shown(a.up!)}) to ${b.number} (${shown(b.up!)})`,
        `Restore the missing migration(s) numbered ${a.number + 1}${b.number - 1 > a.number + 1 ? `…${b.number - 1}` : ""}, or renumber the files so they run without a gap.`,
      );
    }
  }
  return list.map((p, i) => toScript(dir, p, i === 0 ? undefined : list[i - 1].stem, shown));
}

function toScript(dir: string, p: Pair, previous: string | undefined, shown: (f: string) => string): MigrationScript {
  const upText = readFileSync(join(dir, p.up!), "utf8");
  const downText = p.down ? readFileSync(join(dir, p.down), "utf8") : undefined;
  const upFile = shown(p.up!);
  const hash = createHash("sha256").update(upText);
  // Both files feed the checksum; the separator keeps "ab"+"c" apart from "a"+"bc".
  hash.update(downText === undefined ? "\0no-down\0" : `\0down\0${downText}`);
  const noTransaction = [upText, downText ?? ""].some((t) => t.trimStart().split("\n", 1)[0].trim() === NO_TRANSACTION_MARKER);
  const run = (text: string) => async ({ op }: MigrationContext) => {
    for (const sql of splitSqlStatements(text)) await op.execute(sql);
  };
  const downgrade =
    downText === undefined
      ? async () => {
          throw new IrreversibleOperationError(
            `SQL migration ${p.stem} (${upFile}) has no ${p.stem}.down.sql, so it cannot be downgraded`,
            `Write ${join(relativeDir(upFile), `${p.stem}.down.sql`)} with the statements that undo it, or downgrade no further than ${p.stem}.`,
          );
        }
      : run(downText);
  return {
    revision: p.stem,
    downRevisions: previous === undefined ? [] : [previous],
    message: p.name.replace(/_/g, " "),
    file: upFile,
    checksum: hash.digest("hex"),
    upgrade: run(upText),
    downgrade,
    transactional: !noTransaction,
  };
}

function relativeDir(file: string): string {
  const i = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  return i < 0 ? "." : file.slice(0, i);
}
