import type { Dialect } from "../dialect";
import { connect } from "./connection";
import { compile } from "./ddl";
import { acquireMigrationLock } from "./lock";
import { canonicalExpression } from "./expression";
import { modelColumn, modelForeignKeyAction, modelTable } from "./from-models";
import { introspect, tableExists } from "./introspect";
import { scopeSchemaName } from "./scope-schema-name";
import { quoteIdentifier, quoteLiteral } from "./quote";
import { withoutDeferrable } from "./without-deferrable";
import { verifyForeignKeys } from "./verify-foreign-keys";
import { narrowing } from "./narrowing";
import { syncTriggers } from "./sync-triggers";
import { ddlLockTimeout } from "./lock-timeout";
import { DEFAULT_SQLITE_VERSION, describeSqliteVersion, sqliteCapabilities } from "./server-version";
import { hazards } from "./hazards";
import { openEmbedded, sqliteScratch } from "./embedded";

export const sqliteDialect: Dialect = {
  name: "sqlite",
  capabilities: sqliteCapabilities,
  quoteIdentifier,
  quoteLiteral,
  connect: (options) => connect(options, sqliteDialect),
  introspect,
  tableExists,
  scopeSchemaName,
  modelColumn,
  modelForeignKeyAction,
  canonicalExpression,
  compile,
  modelTable: (table) => modelTable(withoutDeferrable(table)),
  runnerSetup: ["PRAGMA foreign_keys = OFF"],
  verifyMigration: verifyForeignKeys,
  acquireMigrationLock,
  offlineServerVersion: DEFAULT_SQLITE_VERSION,
  describeServerVersion: describeSqliteVersion,
  narrowing,
  syncTriggers,
  ddlLockTimeout,
  hazards,
  embedded: (options) => openEmbedded(sqliteDialect, options),
  scratch: sqliteScratch,
};
