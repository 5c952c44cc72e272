import { describe, expect, it } from 'vitest';
import { applyOrder, resolveOverride } from '../../src/select/apply-override.js';
import type { FilledSection } from '../../src/select/fill-sections.js';
import type { Candidate, KnownStory } from '../../src/select/section-candidates.js';
import { SITE_URL, story } from './factories.js';

const known = (slug: string): KnownStory => ({
  story: story(slug, '2026-11-24T09:00:00Z'),
  key: `www.identitywire.example/news/${slug}`,
  reads: 0,
});
const stories = ['a', 'b', 'c', 'd'].map(known);
const byKey = new Map(stories.map((k) => [k.key, k]));

describe('resolveOverride', () => {
  it('matches URLs after canonicalisation (relative, tracking parameters, host case, trailing slash)', () => {
    const resolved = resolveOverride(
      {
        exclude: ['/news/a/?utm_source=newsletter'],
        pin: ['HTTPS://WWW.IDENTITYWIRE.EXAMPLE/news/b', `${SITE_URL}/news/c/#comments`],
        order: {},
      },
      byKey,
      SITE_URL,
    );
    expect([...resolved.excluded]).toEqual(['www.identitywire.example/news/a']);
    expect(resolved.pins.map((p) => p.story.title)).toEqual(['Story b', 'Story c']);
    expect(resolved.warnings).toEqual([]);
  });

  it('ignores URLs that match no story, listing them in warnings; exclude beats pin; repeats collapse', () => {
    const resolved = resolveOverride(
      { exclude: ['/news/a/'], pin: ['/news/a/', '/news/nope/', '/news/b/', '/news/b'], order: { latest: ['/news/zzz/', '/news/c/'] } },
      byKey,
      SITE_URL,
    );
    expect(resolved.pins.map((p) => p.story.title)).toEqual(['Story b']);
    expect(resolved.order.get('latest')).toEqual(['www.identitywire.example/news/c']);
    expect(resolved.warnings).toHaveLength(3);
    expect(resolved.warnings.join('\n')).toMatch(/pin.*\/news\/nope\//);
    expect(resolved.warnings.join('\n')).toMatch(/exclude wins/);
    expect(resolved.warnings.join('\n')).toMatch(/order\.latest.*\/news\/zzz\//);
  });

  it('accepts no override at all', () => {
    expect(resolveOverride(undefined, byKey, SITE_URL)).toEqual({ excluded: new Set(), pins: [], order: new Map(), edits: new Map(), moves: [], warnings: [] });
  });
});

describe('applyOrder', () => {
  const section = (id: string, slugs: string[]): FilledSection => ({
    id,
    title: id,
    kind: 'latest',
    stories: slugs.map((s): Candidate => ({ ...known(s), why: s })),
  });
  const keys = (s: FilledSection) => s.stories.map((x) => x.story.title.slice(-1));

  it('puts the named stories first in that order; the rest keep their place', () => {
    const warnings: string[] = [];
    const [out] = applyOrder(
      [section('latest', ['a', 'b', 'c', 'd'])],
      new Map([['latest', [known('d').key, known('b').key]]]),
      warnings,
    );
    expect(keys(out!)).toEqual(['d', 'b', 'a', 'c']);
    expect(warnings).toEqual([]);
  });

  it('warns about stories not in the section and sections that do not exist', () => {
    const warnings: string[] = [];
    const [out] = applyOrder(
      [section('latest', ['a', 'b'])],
      new Map([
        ['latest', [known('c').key, known('b').key]],
        ['nowhere', [known('a').key]],
      ]),
      warnings,
    );
    expect(keys(out!)).toEqual(['b', 'a']);
    expect(warnings.join('\n')).toMatch(/order\.latest.*news\/c is not in that section/);
    expect(warnings.join('\n')).toMatch(/no section `nowhere`/);
  });
});
