import type { Capabilities } from "../dialects/dialect";
import type { Op } from "../ops/types";

/**
 * `revision --online-indexes`: index builds and drops on tables that already hold rows are made
 * online where the database can (PostgreSQL CONCURRENTLY, MySQL LOCK=NONE). Indexes of a table
 * created or dropped by the same migration stay plain: nobody else writes to it yet (or still).
 * PostgreSQL cannot build concurrently inside a transaction, so the migration then opts out of one.
 */
export function withOnlineIndexes(ops: readonly Op[], mode: Capabilities["onlineIndexes"]): { ops: Op[]; transactional: boolean } {
  if (mode === "none") return { ops: [...ops], transactional: true };
  const fresh = new Set(ops.flatMap((op) => (op.kind === "createTable" || op.kind === "dropTable" ? [op.table.name] : [])));
  let changed = false;
  const out = ops.map((op): Op => {
    if ((op.kind === "createIndex" || op.kind === "dropIndex") && !fresh.has(op.table)) {
      changed = true;
      return { ...op, concurrently: true };
    }
    return op;
  });
  return { ops: out, transactional: !(changed && mode === "outside-transaction") };
}
