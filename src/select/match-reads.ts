// The one way reads meet stories, whatever the source (CSV exports, access logs, WordPress Popular Posts, the
// analytics APIs): every page a source names and every story URL go through pageKey (path with percent-encoding
// normalised, no trailing slash, only the query parameters that name a page), and a full URL counts only when
// its host is one of the site's.
import { DEFAULT_IDENTITY_PARAMS, type SiteConfig } from '../config/site-schema.js';
import { hostOf, pageKey } from '../sources/url.js';
import type { ReadCount, Story, UnmatchedPage } from '../types.js';

/** What one read source counted. */
export interface SourceReads {
  source: string;
  items: readonly ReadCount[];
}

export type MatchSite = Pick<SiteConfig, 'url'> & Partial<Pick<SiteConfig, 'identityParams' | 'hosts'>>;

export interface MatchedReads {
  /** Page key -> reads in the window, for pages on the site's hosts, combined across sources. */
  reads: Map<string, number>;
  /** The busiest pages that match no story (see unmatchedTopPages). */
  unmatched: UnmatchedPage[];
}

/**
 * Matches every source's reads to page keys and combines them.
 *
 * Within one source, rows for the same page key are summed: an export may split a page over several rows (by
 * query string, trailing slash, host) and each row counts different page views.
 *
 * Across sources, the larger count wins (max, not sum): analytics, WordPress Popular Posts and the access log
 * all watch the same readers, so adding them would count one reader two or three times. The largest is the
 * one that missed the fewest readers (ad blockers hide readers from analytics, caches hide them from logs).
 *
 * A full URL on another host (a syndication partner, a translation proxy) matches nothing; it is kept under
 * `//host/path` so that it can show among the unmatched pages. Negative or non-finite views count as 0.
 * `reads` is ordered by key, so the result never depends on the order of sources or rows.
 */
export function matchReads(stories: readonly Story[], perSource: readonly SourceReads[], site: MatchSite, maxUnmatched = 10): MatchedReads {
  const params = site.identityParams ?? DEFAULT_IDENTITY_PARAMS;
  const hosts = siteHosts(site, stories);
  const combined = new Map<string, number>();
  const reportedBy = new Map<string, Set<string>>();
  for (const { source, items } of perSource) {
    const summed = new Map<string, number>();
    for (const { page, views } of items) {
      const host = hostOf(page);
      const key = host === undefined || hosts.has(host) ? pageKey(page, params) : `//${host}${pageKey(page, params)}`;
      summed.set(key, (summed.get(key) ?? 0) + (Number.isFinite(views) && views > 0 ? views : 0));
    }
    for (const [key, views] of summed) {
      combined.set(key, Math.max(combined.get(key) ?? 0, views));
      const by = reportedBy.get(key) ?? new Set();
      by.add(source);
      reportedBy.set(key, by);
    }
  }
  const reads = new Map([...combined].filter(([key]) => !key.startsWith('//')).sort(([a], [b]) => cmp(a, b)));
  const storyKeys = new Set(stories.map((s) => pageKey(s.url, params)));
  return { reads, unmatched: unmatchedTopPages(combined, storyKeys, reportedBy, maxUnmatched) };
}

/**
 * Pages with many reads that match no story: usually a URL mapping problem (another host, a redirect, a
 * permalink change) an editor should see. "Many" means as many as the story ranked `max`-th by reads (any
 * reads at all when fewer stories were read): a page listed here would have been in the top `max`. The home
 * page is left out: it is never a story.
 */
function unmatchedTopPages(
  combined: ReadonlyMap<string, number>,
  storyKeys: ReadonlySet<string>,
  reportedBy: ReadonlyMap<string, ReadonlySet<string>>,
  max: number,
): UnmatchedPage[] {
  const storyReads = [...storyKeys].map((k) => combined.get(k) ?? 0).filter((v) => v > 0).sort((a, b) => b - a);
  const threshold = storyReads.length >= max ? storyReads[max - 1]! : 1;
  return [...combined]
    .filter(([key, views]) => views >= threshold && key !== '/' && !storyKeys.has(key))
    .sort(([a, x], [b, y]) => y - x || cmp(a, b))
    .slice(0, max)
    .map(([page, views]) => ({ page, views, sources: [...(reportedBy.get(page) ?? [])].sort() }));
}

/** The site's hosts: `site.url`'s and its `www.` twin, `site.hosts`, and every story's host. */
function siteHosts(site: MatchSite, stories: readonly Story[]): Set<string> {
  const hosts = new Set<string>(site.hosts ?? []);
  const own = hostOf(site.url);
  if (own !== undefined) {
    hosts.add(own);
    hosts.add(own.startsWith('www.') ? own.slice(4) : `www.${own}`);
  }
  for (const story of stories) {
    const host = hostOf(story.url);
    if (host !== undefined) hosts.add(host);
  }
  return hosts;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
