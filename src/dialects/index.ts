import type { Dialect, DialectName } from "./dialect";
import { mysqlDialect } from "./mysql";
import { postgresDialect } from "./postgres";
import { sqliteDialect } from "./sqlite";

const dialects: Readonly<Record<DialectName, Dialect>> = {
  postgres: postgresDialect,
  mysql: mysqlDialect,
  sqlite: sqliteDialect,
};

export function getDialect(name: DialectName): Dialect {
  return dialects[name];
}
