// The one contract every content source passes (CONVENTIONS habit 8): valid, normalised stories;
// the same answer twice; SOURCE_UNREADABLE for a location that is not there.
import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { canonicalUrl } from '../../../src/sources/url.js';
import type { ContentSource, SourceContext, Story } from '../../../src/types.js';

export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const TAG = /<[a-z/!?][^>]*>/i;
const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** The window of issue 2026-W48 for a London publication. */
export function week48(siteUrl = 'https://www.identitywire.example'): SourceContext {
  return {
    window: {
      key: '2026-W48',
      start: '2026-11-23T00:00:00+00:00',
      end: '2026-11-30T00:00:00+00:00',
      timeZone: 'Europe/London',
      hours: 168,
    },
    siteUrl,
    now: new Date('2026-11-30T06:00:00Z'),
  };
}

export interface ContractSetup {
  /** The source, reading a good fixture. */
  source: ContentSource;
  /** The same kind of source pointed at a file or URL that is not there. */
  missing: ContentSource;
  ctx: SourceContext;
}

function expectPlain(text: string, what: string): void {
  expect(text, `${what} has a tag`).not.toMatch(TAG);
  expect(text, `${what} has an entity`).not.toMatch(ENTITY);
  expect(text, `${what} has loose whitespace`).toBe(text.replace(/\s+/g, ' ').trim());
}

/** Checks one story against the promises of the `Story` type. */
export function expectValidStory(story: Story, sourceName: string): void {
  expect(story.url).toMatch(/^https?:\/\/[^/]+\//);
  expect(canonicalUrl(story.url)).toBe(story.url);
  expect(story.url).not.toMatch(/[?&](utm_|fbclid)|#/);
  expect(story.title.length).toBeGreaterThan(0);
  expectPlain(story.title, `title of ${story.url}`);
  expectPlain(story.excerpt, `excerpt of ${story.url}`);
  expect(Array.from(story.excerpt).length).toBeLessThanOrEqual(201);
  if (story.excerpt.endsWith('…')) expect(story.excerpt).toMatch(/\S…$/);
  expect(story.publishedAt).toMatch(ISO_WITH_OFFSET);
  expect(Number.isNaN(Date.parse(story.publishedAt))).toBe(false);
  if (story.updatedAt !== undefined) expect(story.updatedAt).toMatch(ISO_WITH_OFFSET);
  for (const list of [story.authors, story.categories, story.tags]) {
    expect(Array.isArray(list)).toBe(true);
    for (const name of list) {
      expect(name.length).toBeGreaterThan(0);
      expectPlain(name, `name in ${story.url}`);
    }
  }
  expect(typeof story.sticky).toBe('boolean');
  expect(story.source).toBe(sourceName);
  if (story.image) {
    expect(story.image.url).toMatch(/^https?:\/\//);
    if (story.image.alt !== undefined) expectPlain(story.image.alt, `image alt of ${story.url}`);
  }
  if (story.event) {
    expect(story.event.startsAt).toMatch(ISO_WITH_OFFSET);
    if (story.event.endsAt !== undefined) expect(story.event.endsAt).toMatch(ISO_WITH_OFFSET);
  }
}

/** Runs the content source contract against one implementation. `setup` is called inside each test. */
export function contentSourceContract(name: string, setup: () => ContractSetup): void {
  describe(`content source contract: ${name}`, () => {
    it('names itself and where it reads from', () => {
      const { source } = setup();
      expect(source.name.length).toBeGreaterThan(0);
      expect(source.location.length).toBeGreaterThan(0);
    });

    it('returns valid, normalised stories', async () => {
      const { source, ctx } = setup();
      const result = await source.load(ctx);
      expect(result.items.length).toBeGreaterThan(0);
      for (const story of result.items) expectValidStory(story, source.name);
      for (const problem of [...result.problems, ...(result.notes ?? [])]) {
        expect(problem.source).toBe(source.name);
        expect(problem.where.length).toBeGreaterThan(0);
        expect(problem.where).not.toMatch(/undefined/);
        expect(problem.message.length).toBeGreaterThan(0);
      }
      // Notes are repairs, not skips: what was skipped is counted apart from them.
      expect(result.skipped ?? result.problems.length).toBeGreaterThanOrEqual(result.problems.length);
      if (result.replacedBytes !== undefined) expect(Number.isSafeInteger(result.replacedBytes) && result.replacedBytes >= 0).toBe(true);
    });

    it('gives the same answer twice', async () => {
      const { source, ctx } = setup();
      const first = await source.load(ctx);
      const second = await source.load(ctx);
      expect(second).toEqual(first);
    });

    it('throws SOURCE_UNREADABLE when its location is not there', async () => {
      const { missing, ctx } = setup();
      const error = await missing.load(ctx).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isRoundupError(error, 'SOURCE_UNREADABLE'), String(error)).toBe(true);
    });
  });
}
