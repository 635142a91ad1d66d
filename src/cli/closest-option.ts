/**
 * Suggestions for a mistyped option: the known options it is a prefix of (`--rename` →
 * `--rename-table`, `--rename-column`), else those within a small edit distance.
 */
export function closestOptions(unknown: string, known: readonly string[]): string[] {
  const candidates = [...new Set(known)].filter((k) => k.length > 1);
  const prefixed = candidates.filter((k) => k.startsWith(unknown) || unknown.startsWith(k + "-"));
  if (prefixed.length > 0) return prefixed.sort();
  const limit = Math.max(2, Math.floor(unknown.length / 3));
  const scored = candidates.map((k) => ({ k, d: editDistance(unknown, k) })).filter((x) => x.d <= limit);
  const best = Math.min(...scored.map((x) => x.d));
  return scored.filter((x) => x.d === best).map((x) => x.k).sort();
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
