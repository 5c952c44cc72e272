import { z } from 'zod';
import { RoundupError } from '../errors.js';
import type { SourceProblem, SourceResult, Story } from '../types.js';
import { isoDate } from './iso-date.js';
import { jsonText, parseJsonAnswer } from './parse-json-answer.js';
import { escapeForMessage } from '../text/show-text.js';
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
// (`stories.json#stories[3]`); a document that is not JSON, or not this shape, fails the source with its
// line and column. A BOM, and noise before the JSON, are skipped (parse-json-answer.ts).

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

/** A short preview of a JSON value for messages: bounded in depth and length, whatever the value's size. */
export function describe(value: unknown, max = 60): string {
  const out: string[] = [];
  let length = 0;
  const push = (s: string) => {
    out.push(s);
    length += s.length;
  };
  const walk = (v: unknown, depth: number) => {
    if (length > max) return;
    if (Array.isArray(v)) {
      if (depth >= 3) return push(v.length === 0 ? '[]' : '[…]');
      push('[');
      v.slice(0, 5).forEach((x, i) => {
        if (i > 0) push(',');
        walk(x, depth + 1);
      });
      push(v.length > 5 ? ',…]' : ']');
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (depth >= 3) return push(keys.length === 0 ? '{}' : '{…}');
      push('{');
      keys.slice(0, 5).forEach((k, i) => {
        if (i > 0) push(',');
        push(`${JSON.stringify(k)}:`);
        walk((v as Record<string, unknown>)[k], depth + 1);
      });
      push(keys.length > 5 ? ',…}' : '}');
    } else push(JSON.stringify(v) ?? String(v));
  };
  walk(value, 0);
  const text = out.join('');
  return escapeForMessage(text.length > max ? `${text.slice(0, max - 3)}...` : text);
}

/** Parses a JSON stories document. `where` is the file or URL, for messages. */
export function parseJsonStories(
  input: string | Buffer,
  options: { source: string; where: string; siteUrl?: string },
): SourceResult<Story> & { notes: SourceProblem[]; replacedBytes: number } {
  const { source, where } = options;
  const decoded = typeof input === 'string' ? { text: input, replacedBytes: 0 } : jsonText(input);
  const { value: doc, notes } = parseJsonAnswer(decoded.text, {
    source,
    where,
    hint: 'that the file is the JSON stories format (see README: `{ "stories": [...] }`)',
  });
  if (decoded.replacedBytes > 0) {
    notes.push({ source, where, message: `${decoded.replacedBytes} bytes were not valid UTF-8: read as windows-1252 or replaced by U+FFFD` });
  }
  const list = Array.isArray(doc) ? doc : (doc as { stories?: unknown } | null)?.stories;
  if (!Array.isArray(list)) {
    throw new RoundupError(
      'SOURCE_INVALID',
      `[${source}] ${where}:1:1: expected \`{ "stories": [...] }\` or a list of stories, got ${describe(doc)}.`,
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
  return { items, problems, skipped: problems.length, notes, replacedBytes: decoded.replacedBytes };
}
