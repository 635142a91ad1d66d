import type { Project } from "../config/resolve-project";
import { UnknownRevisionError } from "../errors";
import { ancestorsOf, headsOf, topological } from "../revisions/graph";
import { resolveRevisions } from "../revisions/targets";
import { createLogTableSql, insertLogSql } from "../runner/audit-log";
import { DEFAULT_LOCK_TIMEOUT_SECONDS, withMigrationLock } from "../runner/migration-lock";
import { createVersionTableSql, purgeVersionsSql, readHeads, writeHeadsSql } from "../runner/version-table";
import { loadRevisions } from "./migrate";
import { openDatabase } from "./session";

export interface StampOptions {
  /** Empty the version table first (also drops revisions no migration file defines). */
  readonly purge?: boolean;
  readonly lockTimeoutSeconds?: number;
}

export interface StampResult {
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/**
 * Sets the version table to `targets` without running any migration: the way to adopt athanor
 * on a database that already has the schema (built by TypeORM's synchronize or by hand), or to
 * settle a migration that failed halfway and was finished by hand. Each revision newly recorded
 * as applied gets an audit-log row with its file's checksum.
 */
export async function stamp(project: Project, targets: readonly string[], options: StampOptions = {}): Promise<StampResult> {
  const revisions = loadRevisions(project);
  const { graph, scripts } = revisions;
  const conn = await openDatabase(project, undefined, "create");
  try {
    return await withMigrationLock(conn, options.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS, async () => {
      const dialect = conn.dialect;
      const recorded = await readHeads(conn, dialect);
      const unknown = recorded.filter((h) => !graph.nodes.has(h));
      if (unknown.length > 0 && !options.purge) {
        throw new UnknownRevisionError(
          `the database records revision(s) ${unknown.join(", ")}, which no migration file defines`,
          `Run \`athanor stamp --purge ${targets.join(" ")}\` to replace them, or restore the missing migration files.`,
        );
      }
      const before = options.purge ? [] : recorded;
      // Identifiers relative to the database (`current`, `-1`) count from what it records.
      const wanted = targets.flatMap((t) => resolveRevisions(graph, t, recorded));
      const after = headsOf(graph, ancestorsOf(graph, wanted));
      const transactional = dialect.capabilities(conn.serverVersion).transactionalDdl;
      await conn.query(createVersionTableSql(dialect));
      await conn.query(createLogTableSql(dialect));
      const now = new Date().toISOString();
      const fresh = topological(graph, new Set([...ancestorsOf(graph, after)].filter((id) => !ancestorsOf(graph, before).has(id))));
      const statements = [
        ...(options.purge ? [purgeVersionsSql(dialect)] : []),
        ...writeHeadsSql(dialect, before, after),
        ...(fresh.length
          ? fresh.map((id) => {
              const s = scripts.get(id)!;
              return insertLogSql(dialect, { revision: id, direction: "stamp", checksum: s.checksum, file: s.file, appliedAt: now, durationMs: 0, status: "ok", statementsRan: 0 });
            })
          : [insertLogSql(dialect, { revision: after.length ? after.join(",") : "base", direction: "stamp", appliedAt: now, durationMs: 0, status: "ok", statementsRan: 0 })]),
      ];
      if (transactional) await conn.query("BEGIN");
      try {
        for (const sql of statements) await conn.query(sql);
        if (transactional) await conn.query("COMMIT");
      } catch (e) {
        if (transactional) await conn.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
      return { before: recorded, after };
    });
  } finally {
    await conn.close();
  }
}
