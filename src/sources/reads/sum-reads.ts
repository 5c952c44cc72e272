import type { ReadCount } from '../../types.js';

/**
 * Adds up views per path key (a source can list one page several times: `/a/` and `/a?x=1` are both `/a`).
 * Sorted by views, most first, then by path, so the same input always gives the same list.
 */
export function sumReads(counts: Iterable<ReadCount>): ReadCount[] {
  const totals = new Map<string, number>();
  for (const { path, views } of counts) totals.set(path, (totals.get(path) ?? 0) + views);
  return sortReads(totals);
}

/** A path -> views map as a sorted ReadCount list (views descending, then path). */
export function sortReads(totals: ReadonlyMap<string, number>): ReadCount[] {
  return [...totals]
    .map(([path, views]) => ({ path, views }))
    .sort((a, b) => b.views - a.views || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
