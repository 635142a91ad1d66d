/**
 * A generated file's Create Date: now, unless SOURCE_DATE_EPOCH (seconds since 1970, the
 * reproducible-builds convention, https://reproducible-builds.org/specs/source-date-epoch/) fixes
 * it, so that the same change generated twice gives byte-identical files (CI comparisons, tests).
 */
export function createDate(given?: Date): Date {
  if (given) return given;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  return new Date();
}
