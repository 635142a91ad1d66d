/**
 * How a run is cut into transactions (`--transaction`):
 *   each (default): one transaction per migration;
 *   all: one transaction for the whole run, cut around any migration that opts out
 *        (`export const transactional = false`), which runs on its own outside a transaction;
 *   none: no transactions at all.
 * Without transactional DDL (MySQL/MariaDB) no migration runs in a transaction: each statement
 * commits as it runs whatever is asked.
 */
export type TransactionMode = "each" | "all" | "none";

export const TRANSACTION_MODES: readonly TransactionMode[] = ["each", "all", "none"];

/** What to tell the user when the run asks for `all` and the database cannot roll back DDL. */
export function transactionModeNote(mode: TransactionMode, transactionalDdl: boolean, dialectName: string): string | undefined {
  if (mode !== "all" || transactionalDdl) return undefined;
  return `note: ${dialectName} cannot roll back DDL, so --transaction all is not possible; each migration runs without a transaction, as it would with --transaction each.`;
}

export interface TransactionUnit<T> {
  readonly steps: readonly T[];
  /** Whether BEGIN/COMMIT wrap the steps. */
  readonly transaction: boolean;
}

export function transactionUnits<T extends { readonly script: { readonly transactional: boolean } }>(
  steps: readonly T[],
  mode: TransactionMode,
  transactionalDdl: boolean,
): TransactionUnit<T>[] {
  switch (mode) {
    case "none":
      return steps.map((s) => ({ steps: [s], transaction: false }));
    case "each":
      return steps.map((s) => ({ steps: [s], transaction: transactionalDdl && s.script.transactional }));
    case "all": {
      if (!transactionalDdl) return steps.map((s) => ({ steps: [s], transaction: false }));
      const units: TransactionUnit<T>[] = [];
      let group: T[] = [];
      const flush = () => {
        if (group.length > 0) units.push({ steps: group, transaction: true });
        group = [];
      };
      for (const s of steps) {
        if (s.script.transactional) group.push(s);
        else {
          flush();
          units.push({ steps: [s], transaction: false });
        }
      }
      flush();
      return units;
    }
    default: {
      const never: never = mode;
      throw new Error(`unknown transaction mode ${String(never)}`);
    }
  }
}
