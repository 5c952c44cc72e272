// Small builders for selection tests: a story with sensible defaults, a config parsed by the real schema.
import { SelectionConfig } from '../../src/config/selection-schema.js';
import { SiteConfig } from '../../src/config/site-schema.js';
import type { SourceReads } from '../../src/select/match-reads.js';
import type { Story } from '../../src/types.js';

export const SITE_URL = 'https://www.identitywire.example';

export function story(slug: string, publishedAt: string, extra: Partial<Story> = {}): Story {
  return {
    url: `${SITE_URL}/news/${slug}/`,
    title: `Story ${slug}`,
    excerpt: `About ${slug}.`,
    publishedAt,
    authors: ['A. Writer'],
    categories: [],
    tags: [],
    sticky: false,
    source: 'site-feed',
    ...extra,
  };
}

export function event(slug: string, publishedAt: string, startsAt: string, extra: Partial<Story> = {}): Story {
  return story(slug, publishedAt, { url: `${SITE_URL}/events/${slug}/`, event: { startsAt }, categories: ['Events'], ...extra });
}

export function site(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return SiteConfig.parse({ name: 'Identity Wire', url: SITE_URL, timezone: 'Europe/London', ...overrides });
}

export function selection(input: unknown): SelectionConfig {
  return SelectionConfig.parse(input);
}

/** Reads keyed by path, from `slug -> views` of /news/<slug>. */
export function readsFor(views: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(views).map(([slug, n]) => [`/news/${slug}`, n]));
}

/** One read source's answer, from `page -> views` (pages as a source would name them). */
export function sourceReads(views: Record<string, number>, source = 'analytics'): SourceReads {
  return { source, items: Object.entries(views).map(([page, n]) => ({ page, views: n })) };
}
