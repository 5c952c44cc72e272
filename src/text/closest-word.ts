/**
 * The word of `choices` closest to `typed`, for "did you mean": case-insensitive Damerau-Levenshtein distance
 * (a swapped pair of letters counts once, as typists swap them), accepted up to a third of the longer word's
 * length (at least 1, at most 3), so `tagg` finds `tag` and `cout` finds `count`, but `colour` finds nothing in
 * `[site, content, reads]`. Ties go to the earlier choice.
 */
export function closestWord(typed: string, choices: readonly string[]): string | undefined {
  const a = typed.toLowerCase();
  let best: { word: string; distance: number } | undefined;
  for (const word of choices) {
    const distance = editDistance(a, word.toLowerCase());
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(a.length, word.length) / 3)));
    if (distance > limit) continue;
    if (best === undefined || distance < best.distance) best = { word, distance };
  }
  return best?.word;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}
