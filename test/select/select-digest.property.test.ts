import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IssueOverride } from '../../src/config/issue-override-schema.js';
import { isRoundupError } from '../../src/errors.js';
import { pageKey } from '../../src/sources/url.js';
import { parseWeekArg } from '../../src/select/parse-week-arg.js';
import { selectDigest, type SelectInput } from '../../src/select/select-digest.js';
import type { Story } from '../../src/types.js';
import { SITE_URL, selection, site } from './factories.js';

const WINDOW = parseWeekArg({ week: '2026-W13' }, site(), new Date(0)); // a 167-hour week
const START = Date.parse(WINDOW.start);
const END = Date.parse(WINDOW.end);
const DAY = 86_400_000;
const CATEGORIES = ['Opinion', 'Digital ID', 'White Papers', 'Events'];
const TAGS = ['editors-pick', 'whitepaper', 'Biometrics'];
const KINDS = ['most-read', 'featured', 'latest', 'category', 'events', 'whitepapers'] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const subset = <T>(items: T[]) => fc.subarray(items);
/** Lower-case variants too, to exercise case-insensitive matching. */
const label = (names: string[]) => fc.constantFrom(...names, ...names.map((n) => n.toLowerCase()));

const storyArb = (i: number): fc.Arbitrary<Story> =>
  fc
    .record({
      published: fc.integer({ min: START - 20 * DAY, max: END + 3 * DAY }),
      categories: fc.uniqueArray(label(CATEGORIES), { maxLength: 2 }),
      tags: fc.uniqueArray(label(TAGS), { maxLength: 2 }),
      sticky: fc.boolean(),
      eventStart: fc.option(fc.integer({ min: START - 7 * DAY, max: END + 30 * DAY }), { freq: 4 }),
    })
    .map(({ published, categories, tags, sticky, eventStart }) => ({
      url: `${SITE_URL}/${eventStart === null ? 'news' : 'events'}/s${i}/`,
      title: `Story ${i}`,
      excerpt: '',
      publishedAt: iso(published),
      authors: [],
      categories,
      tags,
      sticky,
      source: 'test',
      ...(eventStart === null ? {} : { event: { startsAt: iso(eventStart) } }),
    }));

const sectionArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  count: fc.integer({ min: 1, max: 6 }),
  categories: subset(CATEGORIES),
  tags: subset(TAGS),
});

const scenarioArb = fc
  .integer({ min: 0, max: 30 })
  .chain((n) =>
    fc.record({
      stories: fc.tuple(...Array.from({ length: n }, (_, i) => storyArb(i))),
      views: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: n, maxLength: n }),
      sections: fc.array(sectionArb, { minLength: 1, maxLength: 6 }),
      eligible: fc.oneof(fc.constant('window' as const), fc.record({ days: fc.integer({ min: 1, max: 30 }) })),
      featured: fc.record({ sticky: fc.boolean(), tag: fc.option(label(TAGS), { nil: undefined }) }),
      featuredUrls: subset(Array.from({ length: n }, (_, i) => `${SITE_URL}/news/s${i}`)),
      exclude: subset(Array.from({ length: n }, (_, i) => i)),
      pin: subset(Array.from({ length: n }, (_, i) => i)),
      order: fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), subset(Array.from({ length: n }, (_, i) => i))), { maxLength: 2 }),
      shuffleSeed: fc.array(fc.integer(), { minLength: n, maxLength: n }),
    }),
  )
  .map((s): { input: SelectInput; excluded: Set<string>; pinned: Set<string>; ordered: Set<string> } => {
    const stories = s.stories as Story[];
    const urlOf = (i: number) => stories[i]!.url;
    const sections = s.sections.map((sec, i) => ({ id: `${sec.kind}-${i}`, title: `Section ${i}`, ...sec }));
    const order = Object.fromEntries(s.order.map(([i, urls]) => [sections[i % sections.length]!.id, urls.map(urlOf)]));
    const override = IssueOverride.parse({ exclude: s.exclude.map(urlOf), pin: s.pin.map(urlOf), order });
    return {
      input: {
        stories,
        reads: [{ source: 'analytics', items: stories.map((st, i) => ({ page: pageKey(st.url), views: s.views[i]! })) }],
        config: {
          site: site(),
          selection: selection({
            eligible: s.eligible,
            minNewStories: 0,
            featured: { urls: s.featuredUrls, sticky: s.featured.sticky, ...(s.featured.tag ? { tag: s.featured.tag } : {}) },
            sections,
          }),
        },
        window: WINDOW,
        override,
      },
      excluded: new Set(s.exclude.map(urlOf)),
      pinned: new Set(s.pin.map(urlOf)),
      ordered: new Set(Object.keys(order)),
    };
  });

/** A deterministic shuffle driven by generated numbers. */
function shuffled<T>(items: readonly T[], seed: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, k: seed[i] ?? 0, i }))
    .sort((a, b) => a.k - b.k || b.i - a.i)
    .map((x) => x.item);
}

describe('selectDigest properties', () => {
  it('keeps its invariants over random stories, reads, sections and overrides', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input, excluded, pinned, ordered }) => {
        const digest = selectDigest(input);
        const shown = digest.sections.flatMap((s) => s.stories);
        const byUrl = new Map(input.stories.map((s) => [s.url, s]));
        const config = input.config.selection.sections;

        // no story twice
        expect(new Set(shown.map((s) => s.url)).size).toBe(shown.length);
        expect(digest.stats.selected).toBe(shown.length);
        for (const section of digest.sections) {
          const cfg = config.find((c) => c.id === section.id)!;
          // each section at most `count`, never empty
          expect(section.stories.length).toBeGreaterThan(0);
          expect(section.stories.length).toBeLessThanOrEqual(cfg.count);
          // most-read sorted by reads (pins and the editor's order aside)
          if (section.kind === 'most-read' && !ordered.has(section.id)) {
            const ranked = section.stories.filter((s) => !pinned.has(s.url)).map((s) => s.reads);
            expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
            expect(ranked.every((r) => r > 0)).toBe(true);
          }
          if (section.kind === 'events' && !ordered.has(section.id)) {
            const starts = section.stories.filter((s) => !pinned.has(s.url)).map((s) => Date.parse(s.event!.startsAt));
            expect(starts).toEqual([...starts].sort((a, b) => a - b));
          }
        }
        for (const s of shown) {
          // excluded never shown; nothing published after the week; reads as combined
          expect(excluded.has(s.url)).toBe(false);
          expect(Date.parse(s.publishedAt)).toBeLessThan(END);
          expect(s.reads).toBe(new Map(input.reads[0]!.items.map((r) => [r.page, r.views])).get(pageKey(s.url)) ?? 0);
          expect(byUrl.get(s.url)).toBeDefined();
          // events only in events sections, on or after the send date
          const section = digest.sections.find((x) => x.stories.includes(s))!;
          if (s.event) {
            expect(section.kind).toBe('events');
            expect(Date.parse(s.event.startsAt)).toBeGreaterThanOrEqual(END);
          }
          // ranked sections only take eligible stories (pins and editor picks by URL may be older)
          if (!s.event && s.why !== 'pinned by the editor' && s.why !== "editor's pick") {
            const from = input.config.selection.eligible === 'window' ? START : END - input.config.selection.eligible.days * DAY - 3_600_000;
            expect(Date.parse(s.publishedAt)).toBeGreaterThanOrEqual(from);
          }
        }
        // left out: one entry per story at most, excluded ones reported, sorted
        const left = digest.leftOut.map((l) => l.url);
        expect(new Set(left).size).toBe(left.length);
        for (const url of excluded) expect(digest.leftOut).toContainEqual(expect.objectContaining({ url, reason: 'excluded' }));
        for (const l of digest.leftOut) {
          if (l.reason !== 'already-shown') expect(shown.some((s) => s.url === l.url)).toBe(false);
        }
        // same input twice: identical JSON
        expect(JSON.stringify(selectDigest(input))).toBe(JSON.stringify(digest));
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the input order of stories', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.integer(), { maxLength: 30 }), ({ input }, seed) => {
        const digest = selectDigest(input);
        const again = selectDigest({ ...input, stories: shuffled(input.stories, seed) });
        expect(again).toEqual(digest);
        expect(JSON.stringify(again)).toBe(JSON.stringify(digest));
      }),
      { numRuns: 200 },
    );
  });

  it('throws ISSUE_TOO_THIN exactly when fewer new stories than the minimum were published', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 20 }), ({ input }, min) => {
        const fresh = input.stories.filter((s) => !s.event && Date.parse(s.publishedAt) >= START && Date.parse(s.publishedAt) < END).length;
        const withMin = { ...input, config: { ...input.config, selection: { ...input.config.selection, minNewStories: min } } };
        let thrown: unknown;
        try {
          expect(selectDigest(withMin).stats.newStories).toBe(fresh);
        } catch (e) {
          thrown = e;
        }
        if (fresh < min) expect(isRoundupError(thrown, 'ISSUE_TOO_THIN')).toBe(true);
        else expect(thrown).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});
