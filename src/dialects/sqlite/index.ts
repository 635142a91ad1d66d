import type { Capabilities, Dialect } from "../dialect";
import { connect } from "./connection";
import { compile } from "./ddl";
import { acquireMigrationLock } from "./lock";
import { canonicalExpression } from "./expression";
import { modelColumn, modelForeignKeyAction, modelTable } from "./from-models";
import { introspect } from "./introspect";
import { scopeSchemaName } from "./scope-schema-name";
import { quoteIdentifier, quoteLiteral } from "./quote";
import { withoutDeferrable } from "./without-deferrable";
import { verifyForeignKeys } from "./verify-foreign-keys";
import { narrowing } from "./narrowing";
import { hazards } from "./hazards";

export const sqliteDialect: Dialect = {
  name: "sqlite",
  capabilities(_serverVersion: string): Capabilities {
    // DDL is transactional in SQLite; table rebuilds rely on it (see rebuild.ts).
    // SQLite builds an index under its database write lock: there is nothing online about it.
    return { transactionalDdl: true, onlineIndexes: "none", alterColumnInForeignKey: true };
  },
  quoteIdentifier,
  quoteLiteral,
  connect: (options) => connect(options, sqliteDialect),
  introspect,
  scopeSchemaName,
  modelColumn,
  modelForeignKeyAction,
  canonicalExpression,
  compile,
  modelTable: (table) => modelTable(withoutDeferrable(table)),
  runnerSetup: ["PRAGMA foreign_keys = OFF"],
  verifyMigration: verifyForeignKeys,
  acquireMigrationLock,
  offlineServerVersion: "3.45.0",
  narrowing,
  hazards,
};
