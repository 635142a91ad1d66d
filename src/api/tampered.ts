import type { Project } from "../config/resolve-project";
import { appliedLog, type TamperedMigration } from "../runner/audit-log";
import { checkChecksums, currentHeads, loadRevisions } from "./migrate";
import { openDatabase } from "./session";

/**
 * Applied migration files whose content changed since they ran (reported as warnings through
 * `warn`); with `strict`, a TamperedMigrationError instead. Reads the database, never writes it.
 */
export async function verifyAppliedMigrations(project: Project, strict: boolean, warn: (line: string) => void): Promise<TamperedMigration[]> {
  const revisions = loadRevisions(project);
  // A database file that does not exist has nothing applied, hence nothing edited; the command's
  // own connection says it is missing, after the entities (whose errors come first) are read.
  const conn = await openDatabase(project, undefined, "empty");
  try {
    const heads = await currentHeads(conn, revisions);
    return checkChecksums(await appliedLog(conn), revisions, heads, strict, warn);
  } finally {
    await conn.close();
  }
}
