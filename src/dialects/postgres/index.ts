import type { Dialect } from "../dialect";
import { connect } from "./connection";
import { compile, compileStatements } from "./ddl";
import { acquireMigrationLock } from "./lock";
import { modelColumn, modelForeignKeyAction } from "./from-models";
import { introspect, tableExists } from "./introspect";
import { scopeSchemaName } from "./scope-schema-name";
import { canonicalExpression } from "./expression";
import { modelTable } from "./index-methods";
import { prepareModelDriver } from "./model-driver";
import { quoteIdentifier, quoteLiteral } from "./quote";
import { narrowing } from "./narrowing";
import { syncTriggers } from "./sync-triggers";
import { ddlLockTimeout } from "./lock-timeout";
import { describePostgresVersion, postgresCapabilities } from "./server-version";
import { hazards } from "./hazards";
import { lockBudget } from "./lock-budget";
import { openEmbedded } from "./embedded";
import { serverScratch } from "../server-scratch";

export const postgresDialect: Dialect = {
  name: "postgres",
  capabilities: postgresCapabilities,
  quoteIdentifier,
  quoteLiteral,
  connect: (options) => connect(postgresDialect, options),
  introspect,
  tableExists,
  scopeSchemaName,
  modelColumn,
  modelForeignKeyAction,
  canonicalExpression: (sql) => canonicalExpression(sql),
  prepareModelDriver,
  modelTable,
  compile,
  compileStatements,
  acquireMigrationLock,
  offlineServerVersion: "16",
  describeServerVersion: describePostgresVersion,
  // NAMEDATALEN - 1 bytes: a longer name is truncated with only a NOTICE, so the catalog would
  // hold a name the entities never declare. https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS
  maxIdentifierLength: { limit: 63, unit: "bytes" },
  narrowing,
  syncTriggers,
  ddlLockTimeout,
  hazards,
  lockBudget,
  embedded: (options) => openEmbedded(postgresDialect, options),
  scratch: serverScratch(() => postgresDialect),
};
