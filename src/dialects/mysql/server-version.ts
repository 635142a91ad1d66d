/**
 * What a MySQL or MariaDB server can do, from its version string. MariaDB and MySQL share the
 * dialect but not their version numbers (MariaDB 10.x is not newer than MySQL 8.0), so the flavour
 * comes first.
 */
import type { Capabilities } from "../dialect";
import { atLeast, firstVersionIn, versionText, type VersionNumbers } from "../server-version";

export interface MysqlServer {
  readonly flavour: "mysql" | "mariadb";
  readonly version: VersionNumbers;
}

/** athanor's default when no version is known (offline, or a context without one). */
export const DEFAULT_MYSQL_VERSION = "10.11.0-MariaDB";

/**
 * "8.0.36" → MySQL 8.0.36; "10.11.9-MariaDB-1:10.11.9+maria~ubu2204" → MariaDB 10.11.9. MariaDB
 * before 11 shows itself to MySQL-protocol clients as "5.5.5-10.11.9-MariaDB"; that prefix is not
 * its version. Undefined when the text holds no version.
 */
export function parseMysqlVersion(text: string): MysqlServer | undefined {
  const mariadb = /mariadb/i.test(text);
  const version = firstVersionIn(mariadb ? text.trim().replace(/^5\.5\.5-/, "") : text);
  return version ? { flavour: mariadb ? "mariadb" : "mysql", version } : undefined;
}

export function describeMysqlVersion(text: string): string | undefined {
  const server = parseMysqlVersion(text);
  return server && `${server.flavour === "mariadb" ? "MariaDB" : "MySQL"} ${versionText(server.version)}`;
}

/**
 * Every DDL statement commits implicitly, on MySQL and MariaDB alike
 * (https://mariadb.com/kb/en/sql-statements-that-cause-an-implicit-commit/). InnoDB refuses to
 * change the type of a column a foreign key uses ("Cannot change column …: used in a foreign key
 * constraint", https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html).
 * An unreadable version gets the choices that work on every supported server.
 */
export function mysqlCapabilities(serverVersion: string): Capabilities {
  const server = parseMysqlVersion(serverVersion);
  const base = { transactionalDdl: false, alterColumnInForeignKey: false } as const;
  if (!server) return { ...base, onlineIndexes: "in-place", instantAddColumn: "none", renameColumn: "change", dropColumn: "drop" };
  const v = server.version;
  if (server.flavour === "mariadb") {
    return {
      ...base,
      // https://mariadb.com/kb/en/innodb-online-ddl-overview/ (online index builds since 10.0)
      onlineIndexes: atLeast(v, "10.0") ? "in-place" : "none",
      // Instant ADD COLUMN since 10.3.0; the ALGORITHM=INSTANT keyword since 10.3.2.
      // https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-instant-alter-algorithm/
      instantAddColumn: atLeast(v, "10.3.2") ? "explicit" : atLeast(v, "10.3") ? "implicit" : "none",
      // https://mariadb.com/kb/en/alter-table/#rename-column
      renameColumn: atLeast(v, "10.5.2") ? "rename" : "change",
      dropColumn: "drop",
    };
  }
  return {
    ...base,
    // https://dev.mysql.com/doc/refman/5.6/en/innodb-online-ddl.html
    onlineIndexes: atLeast(v, "5.6") ? "in-place" : "none",
    // https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html#online-ddl-column-operations
    instantAddColumn: atLeast(v, "8.0.12") ? "explicit" : "none",
    // https://dev.mysql.com/doc/refman/8.0/en/alter-table.html (RENAME COLUMN since 8.0.0)
    renameColumn: atLeast(v, "8.0") ? "rename" : "change",
    dropColumn: "drop",
  };
}
