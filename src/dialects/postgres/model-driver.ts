/**
 * What PostgresDriver.connect()/afterConnect() derive from the server and athanor's never-connected
 * DataSource lacks: `version` (the enum ALTER path reads it) and `isGeneratedColumnsSupported`
 * (12+). Set only when TypeORM has not set them already.
 * (node_modules/typeorm/driver/postgres/PostgresDriver.js, connect/afterConnect)
 */
export function prepareModelDriver(driver: unknown, serverVersion: string): void {
  const d = driver as { version?: string; isGeneratedColumnsSupported?: boolean };
  // TypeORM parses `SELECT version()` ("PostgreSQL 15.20 (Debian …)") down to "15.20";
  // `SHOW server_version` gives "15.20 (Debian …)" or "16.4".
  const version = /^\d+(?:\.\d+)*/.exec(serverVersion.trim())?.[0];
  if (!version) return;
  d.version ??= version;
  d.isGeneratedColumnsSupported = atLeast(version, 12);
}

function atLeast(version: string, major: number): boolean {
  return Number(version.split(".")[0]) >= major;
}
