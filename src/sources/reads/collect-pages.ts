// Paging for the analytics APIs: each asks for rows by offset and limit (GA4 `offset`/`limit`, Plausible
// `pagination`, Matomo `filter_offset`/`filter_limit`); this loop is the same for all three.

/** One page of rows, and the total when the API says it. */
export interface Page<T> {
  rows: T[];
  total?: number | undefined;
}

/**
 * Every row of a paged report: asks for `limit` rows at offsets 0, limit, 2 x limit ... until a page comes back
 * short or empty, or `total` rows have come. `maxPages` stops an API that never ends a report.
 */
export async function collectPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  limit: number,
  maxPages = 1000,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 0; page < maxPages; page++) {
    const { rows, total } = await fetchPage(all.length, limit);
    all.push(...rows);
    if (rows.length === 0 || rows.length < limit || (total !== undefined && all.length >= total)) return all;
  }
  return all;
}
