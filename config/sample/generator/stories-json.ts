// stories.json: the events and white papers in Roundup's JSON stories schema (plain text, ISO 8601 dates
// with offsets, an optional `event` block).
import { isoOffset } from './calendar.js';
import type { Article } from './model.js';

/** The JSON file's text for `items` (events and white papers), oldest first, with a trailing newline. */
export function storiesJson(items: readonly Article[]): string {
  const stories = items.map((a) => ({
    url: a.url,
    title: a.title,
    excerpt: a.excerpt,
    publishedAt: isoOffset(a.publishedAt),
    authors: a.authors,
    categories: a.categories,
    tags: a.tags,
    ...(a.image ? { image: { url: a.image.url, alt: a.image.alt, width: a.image.width, height: a.image.height } } : {}),
    sticky: false,
    ...(a.event ? { event: a.event } : {}),
  }));
  return `${JSON.stringify({ stories }, null, 2)}\n`;
}
