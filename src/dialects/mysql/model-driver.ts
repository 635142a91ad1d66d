/**
 * TypeORM's MysqlDriver decides some column types from the server's version, which it learns in
 * `connect()`. athanor never connects the user's DataSource, so it sets the same flags here from the
 * live server's version; otherwise a `uuid` column would be read as varchar(36) on MariaDB 10.7+,
 * where TypeORM's synchronize creates the native UUID type.
 * Mirrors MysqlDriver.connect() of TypeORM 1.1.1 (node_modules/typeorm/driver/mysql/MysqlDriver.js).
 */

import { versionText } from "../server-version";
import { parseMysqlVersion } from "./server-version";

/** The driver fields `connect()` writes; typed structurally so any TypeORM 0.3/1.x driver fits. */
interface MysqlDriverFlags {
  options?: { type?: string };
  version?: string;
  uuidColumnTypeSuported?: boolean;
  cteCapabilities?: { enabled?: boolean };
  _isReturningSqlSupported?: Record<string, boolean>;
}

/**
 * "10.11.9-MariaDB-log" → "10.11.9", as MysqlQueryRunner.getVersion() trims it; also the form a
 * generated file's header gives ("MariaDB 10.11.9"), which offline work reads back.
 */
export function numericVersion(serverVersion: string): string {
  const server = parseMysqlVersion(serverVersion);
  return server ? versionText(server.version) : serverVersion;
}

/** `version >= target`, compared numerically part by part (TypeORM's VersionUtils.isGreaterOrEqual). */
export function versionAtLeast(version: string, target: string): boolean {
  const a = version.split(".").map((v) => parseInt(v, 10) || 0);
  const b = target.split(".").map((v) => parseInt(v, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * Sets what MysqlDriver.connect() sets. TypeORM branches on the DataSource's `type` ("mariadb" or
 * "mysql"), not on the server it reaches, so this does too.
 */
export function prepareModelDriver(driver: unknown, serverVersion: string): void {
  const d = driver as MysqlDriverFlags;
  const version = numericVersion(serverVersion);
  d.version = version;
  const type = d.options?.type;
  const returning = (d._isReturningSqlSupported ??= {});
  const cte = (d.cteCapabilities ??= {});
  if (type === "mariadb") {
    returning.delete = versionAtLeast(version, "10.0.5");
    returning.insert = versionAtLeast(version, "10.5.0");
    cte.enabled = versionAtLeast(version, "10.2.0");
    // MariaDB 10.7 added the UUID data type. https://mariadb.com/kb/en/uuid-data-type/
    d.uuidColumnTypeSuported = versionAtLeast(version, "10.7.0");
  } else if (type === "mysql") {
    cte.enabled = versionAtLeast(version, "8.0.0");
  }
}
