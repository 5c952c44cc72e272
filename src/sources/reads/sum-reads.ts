import type { ReadCount } from '../../types.js';

/**
 * Adds up views of rows that name the same page with the same string (an export may list a page once per
 * day or per host). Rows that only differ in form (`/a/` and `/a?utm_source=x`) are left apart: matching
 * reads to stories normalises them (matchReads). Sorted by views, most first, then by page, so the same input
 * always gives the same list.
 */
export function sumReads(counts: Iterable<ReadCount>): ReadCount[] {
  const totals = new Map<string, number>();
  for (const { page, views } of counts) totals.set(page, (totals.get(page) ?? 0) + views);
  return sortReads(totals);
}

/** A page -> views map as a sorted ReadCount list (views descending, then page). */
export function sortReads(totals: ReadonlyMap<string, number>): ReadCount[] {
  return [...totals]
    .map(([page, views]) => ({ page, views }))
    .sort((a, b) => b.views - a.views || (a.page < b.page ? -1 : a.page > b.page ? 1 : 0));
}
