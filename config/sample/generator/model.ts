// The generator's own records. Every output file (feed, JSON, read counts, logs) is written from these, so
// the files agree with each other about URLs, dates and titles.

export const SITE_URL = 'https://www.identitywire.example';

/** A picture in media/, as stories refer to it. */
export interface ImageRef {
  file: string;
  url: string;
  alt: string;
  width: number;
  height: number;
}

/** One published item of the sample site. */
export interface Article {
  kind: 'post' | 'event' | 'whitepaper';
  /** WordPress post id (`?p=<id>` in the feed's guid). */
  id: number;
  slug: string;
  /** Plain Unicode text. */
  title: string;
  url: string;
  /** Path with trailing slash, e.g. `/2026/11/24/slug/`. */
  path: string;
  publishedAt: Date;
  authors: string[];
  /** Category names, the main one first. */
  categories: string[];
  tags: string[];
  image?: ImageRef;
  /** Body paragraphs as HTML (already escaped the WordPress way), without `<p>`. */
  paragraphs: string[];
  /** Plain-text excerpt (a sentence or two, no ellipsis). */
  excerpt: string;
  /** Expected reads over the story's life; the read-count files are drawn around it. */
  popularity: number;
  event?: { startsAt: string; endsAt: string; location: string };
}

/** A page that is not a story but shows up in analytics and logs (home, categories, old stories). */
export interface OtherPage {
  path: string;
  /** Expected views per week. */
  weeklyViews: number;
}
