import { createHash } from "node:crypto";

/**
 * The name of the trigger (or trigger function) keeping `from` and `to` of `table` in step. A hash
 * keeps it short (PostgreSQL truncates past 63 bytes, MySQL refuses past 64 characters) and the
 * same at create and drop time, whatever the names' lengths.
 */
export function syncTriggerName(table: string, from: string, to: string, suffix = ""): string {
  const hash = createHash("sha1").update(`${table}\u0000${from}\u0000${to}`).digest("hex").slice(0, 12);
  return `athanor_sync_${hash}${suffix}`;
}
