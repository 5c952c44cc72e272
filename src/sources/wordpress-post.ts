import { z } from 'zod';
import { formatOffset } from './iso-date.js';
import type { StoryDraft } from './normalize-story.js';

// One post of the WordPress REST API (`/wp-json/wp/v2/posts?_embed=1`) -> a story draft. Only the fields
// read here are checked; everything else a site adds is ignored.
//
// Dates: `date_gmt` is UTC and `date` is the same moment in the site's zone, both without an offset. Their
// difference is the site's offset at that moment, so the story keeps the site's own time and offset
// (`2026-07-01T10:30:00+01:00`); event meta written in site time without an offset gets the same offset.

const Rendered = z.object({ rendered: z.string() }).loose();
const Term = z.object({ name: z.string(), taxonomy: z.string() }).loose();
const Media = z
  .object({
    source_url: z.string().optional(),
    alt_text: z.string().optional(),
    media_details: z.object({ width: z.unknown(), height: z.unknown() }).partial().loose().optional(),
  })
  .loose();
const MetaValue = z.union([z.string(), z.array(z.string())]).optional();

export const WordPressPost = z
  .object({
    id: z.number().optional(),
    link: z.string(),
    date: z.string().nullable().optional(),
    date_gmt: z.string().nullable().optional(),
    modified: z.string().nullable().optional(),
    modified_gmt: z.string().nullable().optional(),
    title: Rendered,
    excerpt: Rendered.optional(),
    content: Rendered.optional(),
    sticky: z.boolean().optional(),
    meta: z
      .union([z.object({ event_start: MetaValue, event_end: MetaValue, event_location: MetaValue }).loose(), z.array(z.unknown())])
      .optional(),
    _embedded: z
      .object({
        author: z.array(z.object({ name: z.string().optional() }).loose()).optional(),
        'wp:term': z.array(z.array(Term.or(z.unknown()))).optional(),
        'wp:featuredmedia': z.array(Media.or(z.unknown())).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();
export type WordPressPost = z.infer<typeof WordPressPost>;

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** Minutes east of UTC from a site-local time and the same time in UTC, if they make a plausible offset. */
export function siteOffset(local: string | null | undefined, gmt: string | null | undefined): number | undefined {
  if (!local || !gmt || !LOCAL.test(local) || !LOCAL.test(gmt)) return undefined;
  const minutes = (Date.parse(`${local}Z`) - Date.parse(`${gmt}Z`)) / 60_000;
  return Number.isInteger(minutes) && Math.abs(minutes) <= 14 * 60 && minutes % 15 === 0 ? minutes : undefined;
}

/** The moment as `local+offset` when the offset can be known, else `gmt+00:00`, else as written. */
function withOffset(local: string | null | undefined, gmt: string | null | undefined): string | undefined {
  const offset = siteOffset(local, gmt);
  if (offset !== undefined) return `${local}${formatOffset(offset)}`;
  if (gmt && LOCAL.test(gmt)) return `${gmt}+00:00`;
  return local ?? undefined;
}

function metaString(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text;
}

/** The draft of a post, and the site's offset (for dates a post gives without one). */
export function wordPressPostDraft(post: WordPressPost): { draft: StoryDraft; offset: number | undefined } {
  const terms = (post._embedded?.['wp:term'] ?? []).flat().flatMap((t) => {
    const term = Term.safeParse(t);
    return term.success ? [term.data] : [];
  });
  const mediaParse = Media.safeParse(post._embedded?.['wp:featuredmedia']?.[0]);
  const media = mediaParse.success ? mediaParse.data : undefined;
  const meta = Array.isArray(post.meta) ? undefined : post.meta;
  const startsAt = metaString(meta?.event_start);
  const draft: StoryDraft = {
    link: post.link,
    title: post.title.rendered,
    summary: post.excerpt?.rendered,
    content: post.content?.rendered,
    publishedAt: withOffset(post.date, post.date_gmt),
    updatedAt: withOffset(post.modified, post.modified_gmt),
    authors: (post._embedded?.author ?? []).flatMap((a) => (a.name ? [a.name] : [])),
    categories: terms.filter((t) => t.taxonomy === 'category').map((t) => t.name),
    tags: terms.filter((t) => t.taxonomy === 'post_tag').map((t) => t.name),
    image: media?.source_url
      ? {
          url: media.source_url,
          alt: media.alt_text,
          width: media.media_details?.width,
          height: media.media_details?.height,
        }
      : undefined,
    sticky: post.sticky === true,
    event: startsAt
      ? { startsAt, endsAt: metaString(meta?.event_end), location: metaString(meta?.event_location) }
      : undefined,
  };
  return { draft, offset: siteOffset(post.date, post.date_gmt) };
}
