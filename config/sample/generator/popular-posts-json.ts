// What the WordPress Popular Posts endpoint (/wp-json/wordpress-popular-posts/v1/popular-posts) returns
// for the week: the top 20 posts by views, as WP REST post objects with an extra `pageviews` number.
import type { SampleWeek } from './calendar.js';
import { wpDate } from './calendar.js';
import type { PageReads } from './audience.js';
import { rng } from './rng.js';
import { AUTHORS } from './vocabulary.js';
import { wpHtmlText, wpTitle } from './wp-text.js';

/** WordPress term ids of the site's categories and tags. */
export const TERM_IDS: Record<string, number> = {
  'Biometrics News': 3,
  Opinion: 5,
  'Digital ID': 7,
  Surveillance: 9,
  'Border Control': 11,
  'Financial Services': 14,
  'Trade Notes': 18,
  'editors-pick': 41,
};

const termIds = (names: readonly string[]): number[] => names.map((n) => TERM_IDS[n]).filter((n): n is number => n !== undefined);

/** The endpoint's JSON body for `week` (WPP counts views of posts only, whenever they were published). */
export function popularPostsJson(reads: readonly PageReads[], week: SampleWeek): string {
  const random = rng(`wpp:${week.key}`);
  const posts = reads
    .filter((r) => r.article?.kind === 'post')
    .map((r) => ({ r, pageviews: Math.round(r.views * 0.88 * random.noise(0.07)) }))
    .sort((a, b) => b.pageviews - a.pageviews || a.r.path.localeCompare(b.r.path))
    .slice(0, 20);
  const body = posts.map(({ r, pageviews }) => {
    const a = r.article;
    if (!a) throw new Error('popular posts: a post without its article');
    const date = wpDate(a.publishedAt);
    return {
      id: a.id,
      date,
      date_gmt: date,
      guid: { rendered: `https://www.identitywire.example/?p=${a.id}` },
      modified: date,
      modified_gmt: date,
      slug: a.slug,
      status: 'publish',
      type: 'post',
      link: a.url,
      title: { rendered: wpTitle(a.title) },
      excerpt: { rendered: `<p>${wpHtmlText(a.excerpt)} [&hellip;]</p>\n`, protected: false },
      author: AUTHORS.indexOf(a.authors[0] ?? '') + 2,
      featured_media: 0,
      sticky: false,
      categories: termIds(a.categories),
      tags: termIds(a.tags),
      pageviews,
    };
  });
  return `${JSON.stringify(body, null, 2)}\n`;
}
