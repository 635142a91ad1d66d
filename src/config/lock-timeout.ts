/**
 * The DDL lock timeout as config and flags spell it: "2s", "500ms", "1.5s", "1m", or a number of
 * milliseconds; 0 (or "0") turns timeouts and retries off. Undefined when `value` is none of these.
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(value);
  if (!m) return undefined;
  const scale = { ms: 1, s: 1000, m: 60_000 }[(m[2] ?? "ms").toLowerCase() as "ms" | "s" | "m"];
  return Math.round(Number(m[1]) * scale);
}

/** A retry count: a whole number, 0 or more. */
export function isRetryCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
