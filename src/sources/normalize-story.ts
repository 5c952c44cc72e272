import type { SourceProblem, Story, StoryEvent, StoryImage } from '../types.js';
import { excerpt } from './excerpt.js';
import { htmlToPlain } from './html-to-plain.js';
import { isoDate } from './iso-date.js';
import { canonicalUrl } from './url.js';

// The one place where what a source found becomes a `Story`. Adapters only pick fields out of their
// format into a `StoryDraft` (raw strings, HTML allowed); everything a story promises (canonical absolute
// URL, plain-text title and excerpt, ISO dates with offsets, absolute image URL, arrays present) is made
// here, so the three adapters cannot drift apart.

/** What an adapter found for one item, as the source wrote it. */
export interface StoryDraft {
  /** Link, possibly relative. */
  link?: string | undefined;
  /** Title, HTML or text. */
  title?: string | undefined;
  /** Summary or excerpt, HTML or text. */
  summary?: string | undefined;
  /** Full content (HTML): the excerpt is made from it when there is no summary. */
  content?: string | undefined;
  /** Publication date as written (RFC 822 or ISO 8601). */
  publishedAt?: string | undefined;
  updatedAt?: string | undefined;
  authors?: readonly string[] | undefined;
  categories?: readonly string[] | undefined;
  tags?: readonly string[] | undefined;
  image?: { url?: string | undefined; alt?: string | undefined; width?: unknown; height?: unknown } | undefined;
  sticky?: boolean | undefined;
  event?: { startsAt?: string | undefined; endsAt?: string | undefined; location?: string | undefined } | undefined;
}

export interface NormalizeOptions {
  /** Source name, copied to `story.source` and to problems. */
  source: string;
  /** Where the item is, for problems (`feed.xml item 3 (guid 42)`, `stories.json#stories[3]`). */
  where: string;
  /** Base URL for relative links and images. */
  base?: string | undefined;
  /** Offset (minutes east of UTC) for dates written without a zone; without it they are refused. */
  defaultOffset?: number | undefined;
}

export type Normalized = { story: Story; problem?: undefined } | { story?: undefined; problem: SourceProblem };

/** Plain-text names, decoded, empty ones and repeats dropped, order kept. */
export function plainNames(names: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  for (const name of names ?? []) {
    const plain = htmlToPlain(String(name));
    if (plain !== '') seen.add(plain);
  }
  return [...seen];
}

/** Widest or tallest image taken as real: a width of 7e+32 is a broken feed, not a picture. */
const MAX_DIMENSION = 100_000;

/** A pixel size: a positive whole number written as digits (or a number), at most MAX_DIMENSION. */
function dimension(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 && n <= MAX_DIMENSION ? n : undefined;
}

function normalizeImage(draft: StoryDraft['image'], base: string | undefined): StoryImage | undefined {
  if (!draft?.url) return undefined;
  let url: URL;
  try {
    url = new URL(draft.url.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const image: StoryImage = { url: url.href };
  const alt = draft.alt === undefined ? '' : htmlToPlain(draft.alt);
  if (alt !== '') image.alt = alt;
  const width = dimension(draft.width);
  const height = dimension(draft.height);
  if (width !== undefined) image.width = width;
  if (height !== undefined) image.height = height;
  return image;
}

function normalizeEvent(draft: StoryDraft['event'], defaultOffset: number | undefined): StoryEvent | undefined {
  const startsAt = isoDate(draft?.startsAt, defaultOffset);
  if (!draft || startsAt === undefined) return undefined;
  const event: StoryEvent = { startsAt };
  const endsAt = isoDate(draft.endsAt, defaultOffset);
  if (endsAt !== undefined) event.endsAt = endsAt;
  const location = draft.location === undefined ? '' : htmlToPlain(draft.location);
  if (location !== '') event.location = location;
  return event;
}

/** Turns a draft into a Story, or into the problem that made it unusable (no http(s) link, title or date). */
export function normalizeStory(draft: StoryDraft, options: NormalizeOptions): Normalized {
  const { source, where, base, defaultOffset } = options;
  const problem = (message: string): Normalized => ({ problem: { source, where, message } });

  const rawLink = draft.link?.trim() ?? '';
  if (rawLink === '') return problem('has no link; skipped');
  const url = canonicalUrl(rawLink, base);
  if (url === undefined) return problem(`link \`${rawLink}\` is not an http(s) URL; skipped`);

  const title = htmlToPlain(draft.title ?? '');
  if (title === '') return problem(`${url} has no title; skipped`);

  if (draft.publishedAt === undefined || draft.publishedAt.trim() === '') {
    return problem(`${url} has no publication date; skipped`);
  }
  const publishedAt = isoDate(draft.publishedAt, defaultOffset);
  if (publishedAt === undefined) {
    return problem(
      `${url}: publication date \`${draft.publishedAt}\` is not understood (expected RFC 822 or ISO 8601 ` +
        'with an offset); skipped',
    );
  }

  const summary = htmlToPlain(draft.summary ?? '');
  const story: Story = {
    url,
    title,
    excerpt: excerpt(summary !== '' ? summary : htmlToPlain(draft.content ?? '')),
    publishedAt,
    authors: plainNames(draft.authors),
    categories: plainNames(draft.categories),
    tags: plainNames(draft.tags),
    sticky: draft.sticky === true,
    source,
  };
  const updatedAt = isoDate(draft.updatedAt, defaultOffset);
  if (updatedAt !== undefined && updatedAt !== publishedAt) story.updatedAt = updatedAt;
  const image = normalizeImage(draft.image, base);
  if (image) story.image = image;
  const event = normalizeEvent(draft.event, defaultOffset);
  if (event) story.event = event;
  return { story };
}
