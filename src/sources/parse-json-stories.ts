import { z } from 'zod';
import { RoundupError } from '../errors.js';
import type { SourceProblem, SourceResult, Story } from '../types.js';
import { isoDate } from './iso-date.js';
import { normalizeStory } from './normalize-story.js';

// The JSON stories format, for what a site's feed does not carry (events, white papers, stories from a
// CMS without a feed). UTF-8, either `{ "stories": [ ... ] }` or a bare array of stories:
//
//   {
//     "stories": [
//       {
//         "url": "https://www.example.com/events/summit-2026/",   required, absolute http(s)
//         "title": "Identity Summit 2026",                       required; HTML allowed, made plain text
//         "excerpt": "Two days on ...",                          optional; HTML allowed
//         "content": "<p>Full text ...</p>",                     optional HTML; the excerpt comes from it
//                                                                when `excerpt` is missing
//         "publishedAt": "2026-11-24T09:30:00+00:00",            required, ISO 8601 WITH an offset (or Z)
//         "updatedAt": "2026-11-25T10:00:00+00:00",              optional, same form
//         "authors": ["Jane Doe"], "categories": ["Events"], "tags": ["editors-pick"],     optional
//         "image": { "url": "https://...", "alt": "...", "width": 1200, "height": 630 },   optional
//         "sticky": false,                                       optional: an editor's pick
//         "event": { "startsAt": "2026-12-03T09:00:00+00:00", "endsAt": "...", "location": "London" }
//       }
//     ]
//   }
//
// Unknown fields are ignored. A story that does not match is skipped and reported with its index and field
// (`stories.json#stories[3]`); a document that is not JSON, or not this shape, fails the source.

const WithOffset = z.string().refine((s) => /(?:Z|[+-]\d{2}:?\d{2})$/i.test(s.trim()) && isoDate(s) !== undefined, {
  message: 'expected an ISO 8601 date with an offset, such as `2026-11-24T09:30:00+00:00`',
});
const Names = z.array(z.string());

export const JsonStory = z.object({
  url: z.string().min(1),
  title: z.string().min(1),
  excerpt: z.string().optional(),
  content: z.string().optional(),
  publishedAt: WithOffset,
  updatedAt: WithOffset.optional(),
  authors: Names.optional(),
  categories: Names.optional(),
  tags: Names.optional(),
  image: z
    .object({
      url: z.string().min(1),
      alt: z.string().optional(),
      width: z.number().int().positive().optional(),
      height: z.number().int().positive().optional(),
    })
    .optional(),
  sticky: z.boolean().optional(),
  event: z.object({ startsAt: WithOffset, endsAt: WithOffset.optional(), location: z.string().optional() }).optional(),
});
export type JsonStory = z.infer<typeof JsonStory>;

/** Line of a character position, for JSON syntax errors. */
function lineAt(text: string, position: number): number {
  return text.slice(0, position).split('\n').length;
}

function describe(value: unknown): string {
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** Parses a JSON stories document. `where` is the file or URL, for messages. */
export function parseJsonStories(text: string, options: { source: string; where: string; siteUrl?: string }): SourceResult<Story> {
  const { source, where } = options;
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    const position = /position (\d+)/.exec((cause as Error).message)?.[1];
    const at = position === undefined ? '' : `:${lineAt(text, Number(position))}`;
    throw new RoundupError('SOURCE_INVALID', `[${source}] ${where}${at}: not valid JSON (${(cause as Error).message}).`, { cause });
  }
  const list = Array.isArray(doc) ? doc : (doc as { stories?: unknown } | null)?.stories;
  if (!Array.isArray(list)) {
    throw new RoundupError(
      'SOURCE_INVALID',
      `[${source}] ${where}: expected \`{ "stories": [...] }\` or a list of stories, got ${describe(doc)}.`,
    );
  }
  const items: Story[] = [];
  const problems: SourceProblem[] = [];
  list.forEach((raw, index) => {
    const at = `${where}#stories[${index}]`;
    const parsed = JsonStory.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length > 0 ? `\`${issue.path.join('.')}\`` : 'the story';
      let found: unknown = raw;
      for (const key of issue.path) found = (found as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
      const message = found === undefined ? `${field} is missing` : `${field}: ${issue.message}, got ${describe(found)}`;
      problems.push({ source, where: at, message: `${message}; skipped` });
      return;
    }
    const s = parsed.data;
    const result = normalizeStory(
      { link: s.url, title: s.title, summary: s.excerpt, content: s.content, publishedAt: s.publishedAt, updatedAt: s.updatedAt,
        authors: s.authors, categories: s.categories, tags: s.tags, image: s.image, sticky: s.sticky, event: s.event },
      { source, where: at, base: options.siteUrl },
    );
    if (result.story) items.push(result.story);
    else problems.push(result.problem);
  });
  return { items, problems };
}
