import { LockTableFullError } from "../../errors";

/**
 * SQLSTATE 53200 (out_of_memory) with PostgreSQL's hint about max_locks_per_transaction: the
 * transaction filled the shared lock table (see lock-budget.ts), as one migration creating
 * hundreds of tables does on a server with the default settings. Other 53200s (the server really
 * out of memory, or predicate locks under SERIALIZABLE, whose hint names max_pred_locks_per_transaction)
 * are left as they are. https://www.postgresql.org/docs/current/runtime-config-locks.html
 */
export function lockTableError(e: unknown, sql: string): LockTableFullError | undefined {
  const err = e as { code?: string; message?: string; hint?: string };
  if (err.code !== "53200") return undefined;
  const hint = err.hint ?? "";
  const locks = hint.includes("max_locks_per_transaction") || (err.message === "out of shared memory" && !hint.includes("max_pred_locks"));
  if (!locks) return undefined;
  return new LockTableFullError(
    `${err.message ?? "out of shared memory"}: this migration takes more locks than the server's lock table holds in one transaction ` +
      `(while running: ${sql.length > 120 ? `${sql.slice(0, 117)}...` : sql})`,
    "The lock table holds max_locks_per_transaction × (max_connections + max_prepared_transactions) locks, shared by every session, " +
      "and creating a table takes several (its indexes, sequences and TOAST table too). " +
      "Split the revision into smaller ones: `athanor revision --autogenerate` splits a large generated one by itself (delete its file " +
      "and generate it again, with the database at the revision before it), or move part of its ops into a new child revision by hand. " +
      "Don't put many revisions in one transaction (--transaction all). " +
      "Or raise max_locks_per_transaction in postgresql.conf (it takes effect after a server restart).",
  );
}
