import type { Capabilities } from "../dialects/dialect";
import type { Op } from "../ops/types";

/**
 * The online forms of a generated migration's ops, the default (`revision --no-online` or config
 * `online: false` opt out), on tables that already exist: their rows are read and written by
 * live traffic while the migration runs. Tables created or dropped by the same migration keep
 * the plain forms: nobody else writes to them yet (or still).
 *   - index builds and drops: CONCURRENTLY (PostgreSQL, outside the transaction) or LOCK=NONE (MySQL);
 *   - an index dropped and built again under the same name (its definition changed): one
 *     replacement op, built beside the old one and swapped in, so queries always have an index;
 *   - foreign keys and checks added NOT VALID and validated after a commit, and SET NOT NULL
 *     through a validated check (Capabilities.onlineConstraints).
 * The migration stays transactional: the runner commits at the points the online statements ask for.
 */
export function withOnlinePatterns(ops: readonly Op[], capabilities: Capabilities): Op[] {
  const fresh = new Set(ops.flatMap((op) => (op.kind === "createTable" || op.kind === "dropTable" ? [op.table.name] : [])));
  const indexes = capabilities.onlineIndexes !== "none";
  const constraints = capabilities.onlineConstraints === true;
  const replaced = capabilities.onlineIndexes === "outside-transaction" ? replacements(ops, fresh) : new Map<number, number>();
  const out: Op[] = [];
  ops.forEach((op, i) => {
    if (replaced.has(i)) return;
    const existing = "table" in op && typeof op.table === "string" && !fresh.has(op.table);
    if (!existing) return out.push(op);
    switch (op.kind) {
      case "createIndex": {
        const drop = [...replaced].find(([, create]) => create === i)?.[0];
        const old = drop === undefined ? undefined : ops[drop];
        const replaces = old?.kind === "dropIndex" ? { replaces: old.index } : {};
        return out.push(indexes ? { ...op, ...replaces, concurrently: true } : op);
      }
      case "dropIndex":
        return out.push(indexes ? { ...op, concurrently: true } : op);
      case "addForeignKey":
      case "dropForeignKey":
      case "addCheck":
      case "dropCheck":
        return out.push(constraints ? { ...op, validate: "separately" } : op);
      case "alterColumn":
        // Only NOT NULL has an online form; its reverse (DROP NOT NULL) is instant anyway, but
        // the flag travels with it so a later re-reverse is online again.
        return out.push(constraints && op.from.nullable !== op.to.nullable ? { ...op, online: true } : op);
      default:
        return out.push(op);
    }
  });
  return out;
}

/**
 * Index drops that pair with a build of the same name on the same table (drop index → create index
 * position), when nothing between them changes that table's columns: the old index's columns may
 * be going away, and then it must go first.
 */
function replacements(ops: readonly Op[], fresh: ReadonlySet<string>): Map<number, number> {
  const out = new Map<number, number>();
  ops.forEach((op, i) => {
    if (op.kind !== "dropIndex" || fresh.has(op.table)) return;
    const j = ops.findIndex((o, k) => k > i && o.kind === "createIndex" && o.table === op.table && o.index.name === op.index.name);
    if (j < 0) return;
    const between = ops.slice(i + 1, j);
    const touches = between.some((o) => (o.kind === "dropColumn" || o.kind === "alterColumn" || o.kind === "renameColumn") && o.table === op.table);
    if (!touches) out.set(i, j);
  });
  return out;
}
