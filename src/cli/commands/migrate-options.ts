import type { Argv } from "yargs";
import { DEFAULT_LOCK_TIMEOUT_SECONDS } from "../../runner/migration-lock";
import { TRANSACTION_MODES, type TransactionMode } from "../../runner/transaction-units";

/** Options `upgrade` and `downgrade` share. */
export interface MigrateArgs {
  readonly sql?: boolean;
  readonly "server-version"?: string;
  readonly transaction?: TransactionMode;
  readonly "lock-timeout"?: number;
}

export function withMigrateOptions<T>(y: Argv<T>): Argv<T & MigrateArgs> {
  return y
    .option("sql", { type: "boolean", default: false, describe: "Print the SQL script instead of running it (offline: nothing connects); the revision may be FROM:TO" })
    .option("server-version", { type: "string", describe: "With --sql: the server version to write for (default: the dialect's usual one)" })
    .option("transaction", { choices: TRANSACTION_MODES, default: "each" as TransactionMode, describe: "each: one transaction per migration; all: one for the whole run; none: no transactions" })
    .option("lock-timeout", { type: "number", default: DEFAULT_LOCK_TIMEOUT_SECONDS, describe: "Seconds to wait for another athanor migrating the same database" }) as Argv<T & MigrateArgs>;
}
