/**
 * The MySQL/MariaDB dialect: one implementation for TypeORM's `type: "mysql"` and `type: "mariadb"`
 * (MariaDB's catalog differences are handled where they are read).
 */
import type { Capabilities, ConnectOptions, Connection, Dialect } from "../dialect";
import { connect } from "./connection";
import { compile } from "./ddl";
import { acquireMigrationLock } from "./lock";
import { modelColumn, modelForeignKeyAction } from "./from-models";
import { introspect } from "./introspect";
import { quoteIdentifier, quoteLiteral } from "./quote";
import { withoutDeferrable } from "./without-deferrable";

export const mysqlDialect: Dialect = {
  name: "mysql",
  capabilities(_serverVersion: string): Capabilities {
    // Every DDL statement commits implicitly, on MySQL and MariaDB alike.
    // https://mariadb.com/kb/en/sql-statements-that-cause-an-implicit-commit/
    // https://mariadb.com/kb/en/innodb-online-ddl-overview/
    return { transactionalDdl: false, onlineIndexes: "in-place" };
  },
  quoteIdentifier,
  quoteLiteral,
  connect(options: ConnectOptions): Promise<Connection> {
    return connect(mysqlDialect, options);
  },
  introspect,
  modelColumn,
  modelForeignKeyAction,
  // TODO(zero-noise): the dialect's own normaliser (identity until then).
  canonicalExpression: (sql) => sql.trim(),
  compile,
  modelTable: withoutDeferrable,
  acquireMigrationLock,
  offlineServerVersion: "10.11.0-MariaDB",
};

