import type { Dialect, DialectName } from "./dialect";

/**
 * The named dialect. Each one is required on first use: a command speaks one dialect (or none),
 * and loading all three would load code it never runs.
 */
export function getDialect(name: DialectName): Dialect {
  switch (name) {
    case "postgres":
      return (require("./postgres") as typeof import("./postgres")).postgresDialect;
    case "mysql":
      return (require("./mysql") as typeof import("./mysql")).mysqlDialect;
    case "sqlite":
      return (require("./sqlite") as typeof import("./sqlite")).sqliteDialect;
    default: {
      const unknown: never = name;
      throw new Error(`unknown dialect ${String(unknown)}`);
    }
  }
}
