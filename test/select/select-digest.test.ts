import { describe, expect, it } from 'vitest';
import { IssueOverride } from '../../src/config/issue-override-schema.js';
import { RoundupError } from '../../src/errors.js';
import { parseWeekArg } from '../../src/select/parse-week-arg.js';
import { selectDigest, type SelectInput } from '../../src/select/select-digest.js';
import type { Digest, Story } from '../../src/types.js';
import { SITE_URL, event, readsFor, selection, site, sourceReads, story } from './factories.js';

const W48 = parseWeekArg({ week: '2026-W48' }, site(), new Date(0)); // Mon 23 Nov - Mon 30 Nov 2026, GMT

const STORIES: Story[] = [
  story('a', '2026-11-23T09:00:00Z', { categories: ['Digital ID'] }),
  story('b', '2026-11-24T09:00:00Z', { categories: ['Opinion'] }),
  story('c', '2026-11-25T09:00:00Z'),
  story('d', '2026-11-26T09:00:00Z', { sticky: true }),
  story('e', '2026-11-27T09:00:00Z', { tags: ['Editors-Pick'] }),
  story('f', '2026-11-28T09:00:00Z', { categories: ['opinion'] }),
  story('g', '2026-11-29T09:00:00Z', { categories: ['Opinion'] }),
  story('old', '2026-11-10T09:00:00Z'),
  story('future', '2026-11-30T09:00:00Z'),
  event('conf', '2026-11-20T09:00:00Z', '2026-12-03T09:00:00Z'),
  event('webinar', '2026-11-24T09:00:00Z', '2026-12-01T15:00:00Z'),
  event('past', '2026-11-21T09:00:00Z', '2026-11-26T09:00:00Z'),
];
const READS = [sourceReads(Object.fromEntries([...readsFor({ a: 900, b: 700, c: 500, d: 100, f: 50, old: 300, future: 40 }), ['/news/unknown', 1000]]))];

const SECTIONS = [
  { id: 'most-read', title: 'Most Read', kind: 'most-read', count: 3 },
  { id: 'featured', title: "Editor's Picks", kind: 'featured', count: 2 },
  { id: 'latest', title: 'Latest', kind: 'latest', count: 3 },
  { id: 'opinion', title: 'Opinion', kind: 'category', categories: ['Opinion'], count: 2 },
  { id: 'events', title: 'Events', kind: 'events', count: 2 },
];
const COMPANY = { name: 'Veridex Labs', url: `${SITE_URL}/company/veridex-labs/`, description: 'Liveness checks.' };

function input(overrides: { stories?: Story[]; selection?: Record<string, unknown>; override?: unknown } = {}): SelectInput {
  return {
    stories: overrides.stories ?? STORIES,
    reads: READS,
    config: {
      site: site(),
      selection: selection({
        minNewStories: 3,
        featured: { sticky: true, tag: 'editors-pick' },
        featuredCompany: COMPANY,
        sections: SECTIONS,
        ...overrides.selection,
      }),
    },
    window: W48,
    ...(overrides.override !== undefined ? { override: IssueOverride.parse(overrides.override) } : {}),
  };
}

const slug = (url: string) => url.replace(/\/$/, '').split('/').pop();
const layout = (d: Digest) => Object.fromEntries(d.sections.map((s) => [s.id, s.stories.map((x) => slug(x.url))]));

describe('selectDigest', () => {
  it('fills sections in config order, each story once, and says why', () => {
    const digest = selectDigest(input());
    expect(layout(digest)).toEqual({
      'most-read': ['a', 'b', 'c'],
      featured: ['d', 'e'],
      latest: ['g', 'f'],
      events: ['webinar', 'conf'],
    });
    const why = Object.fromEntries(digest.sections.flatMap((s) => s.stories.map((x) => [slug(x.url), [x.reads, x.why]])));
    expect(why).toEqual({
      a: [900, '#1 by reads (900)'],
      b: [700, '#2 by reads (700)'],
      c: [500, '#3 by reads (500)'],
      d: [100, 'sticky post'],
      e: [0, 'tagged editors-pick'],
      g: [0, '#1 newest (published 29 Nov)'],
      f: [50, '#2 newest (published 28 Nov)'],
      webinar: [0, 'upcoming event 1 Dec'],
      conf: [0, 'upcoming event 3 Dec'],
    });
    // the stories keep their own fields
    expect(digest.sections[0]!.stories[0]).toMatchObject({ ...STORIES[0], reads: 900 });
  });

  it('fills the issue fields: key, window, send date, publication, company, stats, sources, warnings', () => {
    const digest = selectDigest(input());
    expect(digest).toMatchObject({
      issue: '2026-W48',
      window: W48,
      sendDate: '2026-11-30',
      publication: { name: 'Identity Wire', url: SITE_URL },
      featuredCompany: COMPANY,
      // 7 new stories (events not counted); reads of known stories only (not /news/unknown)
      stats: { newStories: 7, selected: 9, totalReads: 900 + 700 + 500 + 100 + 50 + 300 + 40 },
      sources: [],
      warnings: [],
    });
    expect(digest).not.toHaveProperty('subject');
    expect(digest).not.toHaveProperty('intro');
  });

  it('lists what was left out and why, sorted by reason, reads, URL', () => {
    const leftOut = selectDigest(input()).leftOut.map((l) => [l.reason, slug(l.url), l.reads, l.section]);
    expect(leftOut).toEqual([
      ['already-shown', 'a', 900, 'latest'],
      ['already-shown', 'b', 700, 'latest'],
      ['already-shown', 'c', 500, 'latest'],
      ['already-shown', 'd', 100, 'latest'],
      ['already-shown', 'f', 50, 'opinion'],
      ['already-shown', 'e', 0, 'latest'],
      ['already-shown', 'g', 0, 'opinion'],
      ['outside-window', 'old', 300, undefined],
      ['past-event', 'past', 0, undefined],
    ]);
  });

  it('reports over-count and no-section', () => {
    const digest = selectDigest(input({ selection: { sections: [{ id: 'most-read', title: 'Most Read', kind: 'most-read', count: 2 }] } }));
    expect(layout(digest)).toEqual({ 'most-read': ['a', 'b'] });
    const reasons = digest.leftOut.map((l) => [l.reason, slug(l.url), l.section]);
    expect(reasons).toContainEqual(['over-count', 'c', 'most-read']);
    expect(reasons).toContainEqual(['over-count', 'f', 'most-read']);
    expect(reasons).toContainEqual(['no-section', 'e', undefined]);
    expect(reasons).toContainEqual(['no-section', 'g', undefined]);
    // upcoming events with no events section to take them
    expect(reasons).toContainEqual(['no-section', 'webinar', undefined]);
  });

  it('throws ISSUE_TOO_THIN naming the issue, the count, the minimum and the config key', () => {
    let error: unknown;
    try {
      selectDigest(input({ selection: { minNewStories: 8 } }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RoundupError);
    expect((error as RoundupError).code).toBe('ISSUE_TOO_THIN');
    expect((error as RoundupError).message).toMatch(/2026-W48.* 7 new stories.*minimum of 8.*selection\.minNewStories/);
    // events are not new stories
    const eventsOnly = STORIES.filter((s) => s.event);
    expect(() => selectDigest(input({ stories: eventsOnly, selection: { minNewStories: 1 } }))).toThrow(/0 new stories/);
    expect(selectDigest(input({ selection: { minNewStories: 7 } })).stats.newStories).toBe(7);
  });

  it('applies the override: exclude, pin, order, subject, preheader, intro, featured company', () => {
    const company = { name: 'Other Co', url: 'https://other.example/', description: 'Others.' };
    const digest = selectDigest(
      input({
        override: {
          exclude: [`${SITE_URL}/news/a/?utm_source=x`],
          pin: ['/news/old/'],
          order: { latest: ['/news/f'] },
          subject: 'The week in identity',
          preheader: 'Old favourites',
          intro: 'Hello **readers**',
          featuredCompany: company,
        },
      }),
    );
    expect(layout(digest)).toEqual({
      'most-read': ['b', 'c', 'd'],
      featured: ['old', 'e'],
      latest: ['f', 'g'],
      events: ['webinar', 'conf'],
    });
    expect(digest.sections[1]!.stories[0]!.why).toBe('pinned by the editor');
    expect(digest).toMatchObject({ subject: 'The week in identity', preheader: 'Old favourites', intro: 'Hello **readers**', featuredCompany: company });
    expect(digest.leftOut).toContainEqual({ url: `${SITE_URL}/news/a/`, title: 'Story a', reads: 900, reason: 'excluded' });
    expect(digest.leftOut.some((l) => slug(l.url) === 'old')).toBe(false);
    expect(digest.warnings).toEqual([]);
  });

  it("applies the editor's headlines and blurbs for this issue, marked as edited, in sections and left out alike", () => {
    const digest = selectDigest(
      input({
        override: {
          exclude: ['/news/c/'],
          stories: {
            '/news/a/': { title: '  A sharper\nheadline ', excerpt: 'Our own blurb.' },
            [`${SITE_URL}/news/c/`]: { title: 'Excluded but renamed' },
            '/news/b/': { excerpt: '' },
          },
        },
      }),
    );
    const first = digest.sections[0]!.stories[0]!;
    expect(first).toMatchObject({ url: `${SITE_URL}/news/a/`, title: 'A sharper headline', excerpt: 'Our own blurb.', edited: ['title', 'excerpt'] });
    expect(digest.sections[0]!.stories[1]).toMatchObject({ title: 'Story b', excerpt: '', edited: ['excerpt'] });
    expect(digest.sections[0]!.stories[2]).not.toHaveProperty('edited');
    expect(digest.leftOut).toContainEqual(expect.objectContaining({ reason: 'excluded', title: 'Excluded but renamed' }));
    expect(digest.warnings).toEqual([]);
  });

  it('moves a story into another section (at its top, reserved there); a moved story wins over its pin', () => {
    const digest = selectDigest(input({ override: { pin: ['/news/a/'], stories: { '/news/a/': { section: 'latest' }, '/news/old/': { section: 'latest' } } } }));
    expect(layout(digest)['most-read']).toEqual(['b', 'c', 'd']);
    expect(layout(digest).featured).toEqual(['e']);
    expect(layout(digest).latest).toEqual(['a', 'old', 'g']);
    expect(digest.sections[2]!.stories[0]!.why).toBe('moved here by the editor');
    // `order` places it within its new section
    const ordered = selectDigest(input({ override: { stories: { '/news/a/': { section: 'latest' } }, order: { latest: ['/news/g/', '/news/a/'] } } }));
    expect(layout(ordered).latest).toEqual(['g', 'a', 'f']);
  });

  it('warns about a move to a section the config lacks, or of a story from after the week', () => {
    const digest = selectDigest(input({ override: { stories: { '/news/a/': { section: 'podcasts' }, '/news/future/': { section: 'latest' }, '/news/zzz/': { title: 'x' } } } }));
    expect(layout(digest)['most-read']).toEqual(['a', 'b', 'c']);
    expect(digest.warnings!.join('\n')).toMatch(/news\/a\/ is moved to section `podcasts`, which is not in config/);
    expect(digest.warnings!.join('\n')).toMatch(/future.*published after 2026-W48/);
    expect(digest.warnings!.join('\n')).toMatch(/override `stories`: \/news\/zzz\/ matches no story/);
  });

  it('warns about override URLs that match nothing and pins that cannot be placed', () => {
    const digest = selectDigest(input({ override: { pin: ['/news/missing/', '/news/future/', '/events/past/'], exclude: ['/nope'] } }));
    expect(digest.warnings).toHaveLength(4);
    expect(digest.warnings!.join('\n')).toMatch(/missing.*matches no story/);
    expect(digest.warnings!.join('\n')).toMatch(/future.*published after 2026-W48/);
    expect(digest.warnings!.join('\n')).toMatch(/past.*event/);
    expect(layout(digest).featured).toEqual(['d', 'e']);
  });

  it('without a featured section, puts a pin first in the first section that would take it, else the first section', () => {
    const sections = SECTIONS.filter((s) => s.kind !== 'featured');
    const digest = selectDigest(input({ selection: { sections }, override: { pin: ['/news/g/', '/news/old/'] } }));
    expect(layout(digest)['most-read']).toEqual(['old', 'a', 'b']);
    expect(layout(digest).latest).toEqual(['g', 'f', 'e']);
    // a pinned upcoming event goes to the events section
    const withEvent = selectDigest(input({ override: { pin: ['/events/conf/'] } }));
    expect(layout(withEvent).events).toEqual(['conf', 'webinar']);
  });

  it('takes editor picks by URL first in featured, even from before the window', () => {
    const digest = selectDigest(input({ selection: { featured: { urls: [`${SITE_URL}/news/old/`], sticky: true, tag: 'editors-pick' } } }));
    expect(layout(digest).featured).toEqual(['old', 'd']);
    expect(layout(digest).latest).toEqual(['g', 'f', 'e']);
    expect(digest.sections[1]!.stories[0]!.why).toBe("editor's pick");
    expect(digest.leftOut.some((l) => slug(l.url) === 'old')).toBe(false);
    const noSticky = selectDigest(input({ selection: { featured: { sticky: false } } }));
    expect(layout(noSticky).featured).toBeUndefined();
  });

  it('eligible { days: 21 } lets older stories rank, never those after the window', () => {
    const sections = [{ id: 'most-read', title: 'Most Read', kind: 'most-read', count: 5 }];
    const digest = selectDigest(input({ selection: { eligible: { days: 21 }, sections } }));
    expect(layout(digest)['most-read']).toEqual(['a', 'b', 'c', 'old', 'd']);
    expect(digest.leftOut.map((l) => l.reason)).not.toContain('outside-window');
    const week = selectDigest(input({ selection: { sections } }));
    expect(layout(week)['most-read']).toEqual(['a', 'b', 'c', 'd', 'f']);
    expect(week.leftOut).toContainEqual(expect.objectContaining({ reason: 'outside-window', reads: 300, url: `${SITE_URL}/news/old/` }));
  });

  it('never repeats a story an earlier issue sent (left out naming it) unless pinned; upcoming events stay listed', () => {
    const sections = [
      { id: 'most-read', title: 'Most Read', kind: 'most-read', count: 5 },
      { id: 'featured', title: "Editor's Picks", kind: 'featured', count: 2 },
      { id: 'events', title: 'Events', kind: 'events', count: 2 },
    ];
    const sentBefore = new Map([
      [`${SITE_URL}/news/old/`, '2026-W46'],
      [`${SITE_URL}/news/a`, '2026-W47'], // written without the slash: the same story
      [`${SITE_URL}/news/c/`, '2026-W47'],
      [`${SITE_URL}/events/conf/`, '2026-W47'],
    ]);
    const base = input({ selection: { eligible: { days: 21 }, sections } });
    const digest = selectDigest({ ...base, sentBefore });
    expect(layout(digest)['most-read']!.slice(0, 3)).toEqual(['b', 'd', 'f']);
    expect(layout(digest)['most-read']).not.toContain('a');
    expect(layout(digest)['most-read']).not.toContain('c');
    expect(layout(digest)['most-read']).not.toContain('old');
    expect(layout(digest).events).toContain('conf');
    expect(digest.leftOut.filter((l) => l.reason === 'sent-before').map((l) => [slug(l.url), l.sentIn])).toEqual([
      ['a', '2026-W47'],
      ['c', '2026-W47'],
      ['old', '2026-W46'],
    ]);
    // pinned again by the editor: in, and not left out
    const pinned = selectDigest({ ...input({ selection: { eligible: { days: 21 }, sections }, override: { pin: [`${SITE_URL}/news/c/`] } }), sentBefore });
    expect(layout(pinned).featured).toContain('c');
    expect(pinned.leftOut.map((l) => slug(l.url))).not.toContain('c');
    // without history, the same input takes them
    expect(layout(selectDigest(base))['most-read']).toEqual(expect.arrayContaining(['a', 'c', 'old']));
  });

  it('matches category and whitepapers sections by categories or tags, case-insensitively, ranked by reads', () => {
    const stories = [
      ...STORIES,
      story('paper', '2026-11-25T10:00:00Z', { categories: ['White Papers'], url: `${SITE_URL}/papers/paper/` }),
      story('tagged', '2026-11-26T10:00:00Z', { tags: ['whitepaper'] }),
    ];
    const digest = selectDigest(
      input({
        stories,
        selection: {
          sections: [
            { id: 'opinion', title: 'Opinion', kind: 'category', categories: ['OPINION'], count: 5 },
            { id: 'papers', title: 'Papers', kind: 'whitepapers', categories: ['white papers'], tags: ['WhitePaper'], count: 5 },
          ],
        },
      }),
    );
    expect(layout(digest)).toEqual({ opinion: ['b', 'f', 'g'], papers: ['tagged', 'paper'] });
    expect(digest.sections[0]!.stories.map((s) => s.why)).toEqual([
      '#1 in Opinion by reads (700)',
      '#2 in opinion by reads (50)',
      'in Opinion, published 29 Nov',
    ]);
  });

  it('filters events by category when given and restricts most-read by category', () => {
    const stories = [...STORIES, event('meetup', '2026-11-24T09:00:00Z', '2026-12-02T18:00:00Z', { categories: ['Meetups'] })];
    const digest = selectDigest(
      input({
        stories,
        selection: {
          sections: [
            { id: 'digital-id', title: 'Digital ID', kind: 'most-read', categories: ['digital id'], count: 3 },
            { id: 'events', title: 'Events', kind: 'events', categories: ['Events'], count: 5 },
          ],
        },
      }),
    );
    expect(layout(digest)).toEqual({ 'digital-id': ['a'], events: ['webinar', 'conf'] });
  });

  it('drops empty sections and keeps duplicates of one story once', () => {
    const dup = { ...STORIES[0]!, url: `${SITE_URL}/news/a?utm_source=feed`, source: 'other' };
    const digest = selectDigest(input({ stories: [...STORIES, dup] }));
    expect(digest.sections.map((s) => s.id)).toEqual(['most-read', 'featured', 'latest', 'events']);
    expect(digest.sections.flatMap((s) => s.stories).filter((s) => s.title === 'Story a')).toHaveLength(1);
    expect(JSON.stringify(selectDigest(input({ stories: [dup, ...STORIES].reverse() })))).toBe(JSON.stringify(digest));
  });

  it('gives plain-permalink stories (/?p=N) their own reads, never the home page\'s', () => {
    const stories = ['1', '2', '3'].map((n) => story(`p${n}`, '2026-11-24T09:00:00Z', { url: `${SITE_URL}/?p=${n}` }));
    const reads = [sourceReads({ '/': 5000, '/?p=1': 30, '/?p=2&utm_source=x': 20, [`${SITE_URL}/?p=3`]: 10 })];
    const digest = selectDigest({ ...input({ stories }), reads });
    expect(digest.sections[0]!.stories.map((s) => [s.url, s.reads])).toEqual([
      [`${SITE_URL}/?p=1`, 30],
      [`${SITE_URL}/?p=2`, 20],
      [`${SITE_URL}/?p=3`, 10],
    ]);
    expect(digest.stats.totalReads).toBe(60);
  });

  it('lists the busiest pages that match no story in unmatchedTopPages', () => {
    expect(selectDigest(input()).unmatchedTopPages).toEqual([{ page: '/news/unknown', views: 1000, sources: ['analytics'] }]);
  });

  it('does not depend on the input order of stories', () => {
    expect(selectDigest(input({ stories: [...STORIES].reverse() }))).toEqual(selectDigest(input()));
  });
});

describe('tag rules on feed stories', () => {
  it('match a category of the same name, since RSS writes tags as categories', () => {
    const stories = STORIES.map((s) => (s.url.endsWith('/e/') || s.url.endsWith('/e') ? { ...s, tags: [], categories: ['editors-pick'] } : s));
    const digest = selectDigest(input({ stories }));
    expect(layout(digest).featured).toEqual(['d', 'e']);
    const tagged = selectDigest(input({ stories, selection: { sections: [{ id: 'picks', title: 'Picks', kind: 'category', tags: ['EDITORS-PICK'], count: 2 }] } }));
    expect(layout(tagged)).toEqual({ picks: ['e'] });
  });
});
