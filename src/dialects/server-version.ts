/**
 * Server versions as numbers, for the capability functions of each dialect (its own
 * `server-version.ts` knows how that server spells its version; this only compares).
 */

/** A version's numeric parts, major first: "8.0.36" → [8, 0, 36]. */
export type VersionNumbers = readonly number[];

/**
 * The first dotted number in `text` ("16.4 (Debian 16.4-1.pgdg120+1)" → [16, 4]); undefined when
 * there is none. Missing parts compare as 0, so "16" is 16.0.0.
 */
export function firstVersionIn(text: string): VersionNumbers | undefined {
  const found = /\d+(?:\.\d+)*/.exec(text);
  return found ? found[0].split(".").map((p) => Number.parseInt(p, 10)) : undefined;
}

/** `version >= minimum`, part by part ("10.11.9" >= "10.5.2"). */
export function atLeast(version: VersionNumbers, minimum: string): boolean {
  const want = minimum.split(".").map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < Math.max(version.length, want.length); i++) {
    const a = version[i] ?? 0;
    const b = want[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** "10.11.9" from [10, 11, 9]. */
export function versionText(version: VersionNumbers): string {
  return version.join(".");
}
