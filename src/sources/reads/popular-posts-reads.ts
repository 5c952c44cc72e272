// Read counts from the WordPress Popular Posts plugin's REST endpoint:
//   GET <site>/wp-json/wordpress-popular-posts/v1/popular-posts?limit=N&range=R&order_by=views
// answers a JSON array of WP REST post objects, each with an extra `pageviews` (the plugin's PostsEndpoint
// sets `$data->data['pageviews'] = $popular_post->pageviews`; it comes from wpdb, so it may be a string).
//
// WPP can only report ranges relative to the moment of the request (`last7days`, `last24hours`, ...), never
// a given week: it fits the current week, built right after the week ends. Rebuilding an older issue with
// this source counts the seven days before *now*, not that week.
import type { ReadCount, ReadSource, SourceResult } from '../../types.js';
import { getJsonList } from '../get-json-list.js';
import { parseViews } from './parse-views.js';
import { ProblemList } from './problem-list.js';
import { sumReads } from './sum-reads.js';

export interface PopularPostsReadsOptions {
  name: string;
  /** The WordPress site root. */
  url: string;
  limit: number;
  range: 'last24hours' | 'last7days' | 'last30days' | 'all';
  timeoutMs?: number;
}

/** The endpoint URL for a site root. */
export function popularPostsUrl(siteUrl: string, limit: number, range: string): string {
  const base = siteUrl.replace(/\/+$/, '');
  return `${base}/wp-json/wordpress-popular-posts/v1/popular-posts?limit=${limit}&range=${encodeURIComponent(range)}&order_by=views`;
}

export function popularPostsReads(options: PopularPostsReadsOptions): ReadSource {
  const { name, limit, range } = options;
  const url = popularPostsUrl(options.url, limit, range);
  return {
    name,
    location: url,
    async load(): Promise<SourceResult<ReadCount>> {
      const { list: posts, notes, replacedBytes } = await getJsonList(url, {
        source: name,
        hint: 'that `url` is the site root and the WordPress Popular Posts plugin is active with its REST API enabled',
        timeoutMs: options.timeoutMs,
      });
      const problems = new ProblemList(name);
      const counts: ReadCount[] = [];
      posts.forEach((post: unknown, i) => {
        const where = `${url} (post ${i + 1})`;
        const { link, pageviews } = (post ?? {}) as { link?: unknown; pageviews?: unknown };
        if (typeof link !== 'string' || link === '') {
          problems.add(where, 'post has no `link`; skipped');
          return;
        }
        const views = typeof pageviews === 'number' || typeof pageviews === 'string' ? parseViews(String(pageviews)) : undefined;
        if (views === undefined) {
          problems.add(where, `post ${link} has no whole-number \`pageviews\` (got ${JSON.stringify(pageviews)}); skipped`);
          return;
        }
        // Plain permalinks (`/?p=123`) are fine: matching keeps the query parameters that name a page.
        counts.push({ page: link, views });
      });
      return {
        items: sumReads(counts),
        problems: problems.list('bad posts'),
        skipped: problems.count,
        ...(notes.length > 0 ? { notes } : {}),
        ...(replacedBytes > 0 ? { replacedBytes } : {}),
      };
    },
  };
}
