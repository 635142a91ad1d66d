import type { Argv } from "yargs";
import { UsageError } from "../../errors";
import type { Direction } from "../../runner/run-migration";
import { projectFrom, type CommonArgs } from "../common-options";
import type { Output } from "../output";
import { DEFAULT_LOCK_TIMEOUT_SECONDS } from "../../runner/migration-lock";
import { TRANSACTION_MODES, type TransactionMode } from "../../runner/transaction-units";
import { isRetryCount, parseDuration } from "../../config/lock-timeout";
import { describeLockWait } from "../../runner/with-lock-retry";

/** Options `upgrade` and `downgrade` share. */
export interface MigrateArgs {
  readonly sql?: boolean;
  readonly "server-version"?: string;
  readonly transaction?: TransactionMode;
  readonly "lock-timeout"?: number;
  readonly "ddl-lock-timeout"?: string;
  readonly "lock-retries"?: number;
}

export function withMigrateOptions<T>(y: Argv<T>): Argv<T & MigrateArgs> {
  return y
    .option("sql", { type: "boolean", default: false, describe: "Print the SQL script instead of running it (offline: nothing connects); the revision may be FROM:TO" })
    .option("server-version", { type: "string", describe: "With --sql: the server version to write for (default: the dialect's usual one)" })
    .option("transaction", { choices: TRANSACTION_MODES, default: "each" as TransactionMode, describe: "each: one transaction per migration; all: one for the whole run; none: no transactions" })
    .option("lock-timeout", { type: "number", default: DEFAULT_LOCK_TIMEOUT_SECONDS, describe: "Seconds to wait for another athanor migrating the same database" })
    .option("ddl-lock-timeout", {
      type: "string",
      requiresArg: true,
      describe: 'How long each migration statement may wait for a table lock before it gives up and retries ("2s", "500ms"; 0: no limit). Default: the config\'s lockTimeout, else 2s',
    })
    .option("lock-retries", { type: "number", requiresArg: true, describe: "How many times a statement that ran out of --ddl-lock-timeout is retried, with backoff. Default: the config's lockRetries, else 5" })
    .check((argv) => {
      const d = argv["ddl-lock-timeout"];
      if (d !== undefined && parseDuration(String(d)) === undefined) {
        throw new UsageError(`--ddl-lock-timeout must be a duration such as 2s or 500ms (got ${JSON.stringify(d)})`, "Example: --ddl-lock-timeout 2s. Nothing was run.");
      }
      const r = argv["lock-retries"];
      if (r !== undefined && !isRetryCount(r)) {
        throw new UsageError(`--lock-retries must be a whole number, 0 or more (got ${Number.isNaN(r) ? "a value that is not a number" : r})`, "Example: --lock-retries 5. Nothing was run.");
      }
      return true;
    })
    .check((argv) => {
      const t = argv["lock-timeout"];
      if (typeof t !== "number" || !Number.isFinite(t) || t < 0) {
        throw new UsageError(`--lock-timeout must be a number of seconds, 0 or more (got ${typeof t === "number" && !Number.isNaN(t) ? t : "a value that is not a number"})`, "Example: --lock-timeout 30. Nothing was run.");
      }
      return true;
    }) as Argv<T & MigrateArgs>;
}

/**
 * What `upgrade` and `downgrade` do once parsed: print the offline script (`--sql`), or migrate
 * under the lock with progress on stderr and a one-line summary on stdout.
 */
export async function runMigrateCommand(
  direction: Direction,
  args: CommonArgs & MigrateArgs & { readonly revision: string; readonly strict?: boolean },
  output: Output,
): Promise<number> {
  const project = projectFrom(args);
  const warn = (line: string) => output.err(line);
  if (args.sql) {
    const { offlineSql } = await import("../../api/offline");
    const script = await offlineSql(project, direction, args.revision, { serverVersion: args["server-version"], transaction: args.transaction, onWarning: warn });
    output.out(script.trimEnd());
    return 0;
  }
  const { migrate } = await import("../../api/migrate");
  const steps = await migrate(project, direction, args.revision, {
    transaction: args.transaction,
    lockTimeoutSeconds: args["lock-timeout"],
    ddlLockTimeoutMs: args["ddl-lock-timeout"] === undefined ? undefined : parseDuration(args["ddl-lock-timeout"]),
    lockRetries: args["lock-retries"],
    onLockWait: (wait) => output.err(describeLockWait(wait)),
    strict: args.strict,
    onWarning: warn,
    onStep: ({ phase, step }) => {
      if (phase === "start") output.err(`Running ${direction} ${step.revision}${step.message ? ` (${step.message})` : ""} ...`);
      else output.err(`  done in ${step.ms} ms`);
    },
  });
  const done = direction === "upgrade" ? "Upgraded" : "Downgraded";
  output.out(steps.length === 0 ? "Already at the target revision; nothing to do." : `${done} ${steps.length} revision(s).`);
  return 0;
}
