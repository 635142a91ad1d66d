/**
 * The MySQL/MariaDB dialect: one implementation for TypeORM's `type: "mysql"` and `type: "mariadb"`
 * (MariaDB's catalog differences are handled where they are read).
 */
import type { ConnectOptions, Connection, Dialect } from "../dialect";
import { connect } from "./connection";
import { compile } from "./ddl";
import { acquireMigrationLock } from "./lock";
import { modelColumn, modelForeignKeyAction } from "./from-models";
import { canonicalExpression } from "./expression";
import { introspect, tableExists } from "./introspect";
import { scopeSchemaName } from "./scope-schema-name";
import { prepareModelDriver } from "./model-driver";
import { quoteIdentifier, quoteLiteral } from "./quote";
import { withoutDeferrable } from "./without-deferrable";
import { narrowing } from "./narrowing";
import { syncTriggers } from "./sync-triggers";
import { ddlLockTimeout } from "./lock-timeout";
import { DEFAULT_MYSQL_VERSION, describeMysqlVersion, mysqlCapabilities } from "./server-version";
import { hazards } from "./hazards";
import { serverScratch } from "../server-scratch";

export const mysqlDialect: Dialect = {
  name: "mysql",
  capabilities: mysqlCapabilities,
  quoteIdentifier,
  quoteLiteral,
  connect(options: ConnectOptions): Promise<Connection> {
    return connect(mysqlDialect, options);
  },
  introspect,
  tableExists,
  scopeSchemaName,
  modelColumn,
  modelForeignKeyAction,
  prepareModelDriver,
  // Checks and index predicates; generated columns keep the entity's text (see from-models.ts).
  canonicalExpression: (sql) => canonicalExpression(sql),
  compile,
  modelTable: withoutDeferrable,
  acquireMigrationLock,
  offlineServerVersion: DEFAULT_MYSQL_VERSION,
  describeServerVersion: describeMysqlVersion,
  // Tables, columns, indexes and constraints: 64 characters, longer names are refused.
  // https://dev.mysql.com/doc/refman/8.0/en/identifier-length.html https://mariadb.com/kb/en/identifier-names/#maximum-length
  maxIdentifierLength: { limit: 64, unit: "characters" },
  narrowing,
  syncTriggers,
  ddlLockTimeout,
  hazards,
  // The scratch database's name is not the user's: `db.table` scope patterns name the user's.
  scratch: serverScratch(() => mysqlDialect, (options) => options.database),
};

