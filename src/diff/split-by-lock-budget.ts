import type { Op } from "../ops/types";

/**
 * A migration cut into consecutive runs of ops, each taking at most `perRevision` locks, so each
 * can be its own revision (its own transaction) on a database whose lock table would not hold the
 * whole migration at once (see Dialect.lockBudget).
 *
 * Order is kept: the differ orders ops so that everything an op needs comes before it (tables
 * before the foreign keys that reference them, the foreign keys closing a cycle after every table
 * of it), so each part needs only what the parts before it made, and its downgrade (the reverse of
 * its own ops) only what the parts after it already removed. Greedy: a part closes when the next
 * op would go over. An op over the budget on its own gets a part of its own: it cannot be cut.
 */
export function splitByLockBudget(ops: readonly Op[], locksOf: (op: Op) => number, perRevision: number): Op[][] {
  const parts: Op[][] = [];
  let part: Op[] = [];
  let used = 0;
  for (const op of ops) {
    const locks = locksOf(op);
    if (part.length > 0 && used + locks > perRevision) {
      parts.push(part);
      part = [];
      used = 0;
    }
    part.push(op);
    used += locks;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** The estimated locks of `ops` taken together. */
export function totalLocks(ops: readonly Op[], locksOf: (op: Op) => number): number {
  return ops.reduce((sum, op) => sum + locksOf(op), 0);
}
