import type { ReadCount } from '../types.js';

/**
 * One read count per path from several read sources: `path key -> views`.
 *
 * Within one source, rows for the same path are summed: an export may split a page over several rows (by
 * query string, by host, by day) and each row counts different page views.
 *
 * Across sources, the larger count wins (max, not sum): analytics, WordPress Popular Posts and the access log
 * all watch the same readers, so adding them would count one reader two or three times. The largest is the
 * one that missed the fewest readers (ad blockers hide readers from analytics, caches hide them from logs).
 *
 * Negative or non-finite views are treated as 0. The map's order is by path, so it is deterministic.
 */
export function combineReads(perSource: readonly (readonly ReadCount[])[]): Map<string, number> {
  const combined = new Map<string, number>();
  for (const source of perSource) {
    const summed = new Map<string, number>();
    for (const { path, views } of source) {
      const v = Number.isFinite(views) && views > 0 ? views : 0;
      summed.set(path, (summed.get(path) ?? 0) + v);
    }
    for (const [path, views] of summed) {
      combined.set(path, Math.max(combined.get(path) ?? 0, views));
    }
  }
  return new Map([...combined].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
