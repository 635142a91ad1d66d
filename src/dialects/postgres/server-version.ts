/** What a PostgreSQL server can do, from `server_version` ("16.4 (Debian 16.4-1.pgdg120+1)"). */
import type { Capabilities } from "../dialect";
import { atLeast, firstVersionIn, versionText } from "../server-version";

export function describePostgresVersion(text: string): string | undefined {
  const version = firstVersionIn(text);
  return version && `PostgreSQL ${versionText(version)}`;
}

/**
 * PostgreSQL runs DDL inside transactions (except a few statements such as CREATE INDEX
 * CONCURRENTLY), so a failed migration rolls back whole.
 * https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY
 * Since 11, ADD COLUMN with a non-volatile default stores the default in the catalog instead of
 * rewriting the table (https://www.postgresql.org/docs/11/sql-altertable.html#SQL-ALTERTABLE-NOTES):
 * nothing to write differently, but the cost differs. An unreadable version counts as old.
 */
export function postgresCapabilities(serverVersion: string): Capabilities {
  const v = firstVersionIn(serverVersion) ?? [0];
  return {
    transactionalDdl: true,
    onlineIndexes: "outside-transaction",
    alterColumnInForeignKey: true,
    instantAddColumn: atLeast(v, "11") ? "implicit" : "none",
    renameColumn: "rename",
    dropColumn: "drop",
    // NOT VALID + VALIDATE, and SET NOT NULL proven by a validated check (which only 12+ uses to skip the scan).
    onlineConstraints: atLeast(v, "12"),
  };
}
