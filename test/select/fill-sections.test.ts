import { describe, expect, it } from 'vitest';
import { fillSections, type SectionPlan } from '../../src/select/fill-sections.js';
import type { Candidate } from '../../src/select/section-candidates.js';
import { story } from './factories.js';

const c = (slug: string, why = slug): Candidate => ({ story: story(slug, '2026-11-24T09:00:00Z'), key: slug, reads: 0, why });
const plan = (id: string, count: number, candidates: Candidate[], pinned: Candidate[] = []): SectionPlan => ({
  id,
  title: id,
  kind: 'category',
  count,
  pinned,
  candidates,
});

describe('fillSections', () => {
  it('gives each story to the first section that claims it and caps each section at count', () => {
    const result = fillSections([plan('one', 2, [c('a'), c('b'), c('c')]), plan('two', 2, [c('b'), c('c'), c('d'), c('e')])]);
    expect(result.sections.map((s) => [s.id, s.stories.map((x) => x.key)])).toEqual([
      ['one', ['a', 'b']],
      ['two', ['c', 'd']],
    ]);
    expect([...result.shown].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(Object.fromEntries(result.overCount)).toEqual({ c: 'one', e: 'two' });
    expect(Object.fromEntries(result.alreadyShown)).toEqual({ b: 'two' });
  });

  it('puts pins first, counts them, and skips their repeats among the candidates', () => {
    const result = fillSections([plan('one', 2, [c('a'), c('p'), c('b')], [c('p', 'pinned')])]);
    expect(result.sections[0]!.stories.map((x) => [x.key, x.why])).toEqual([
      ['p', 'pinned'],
      ['a', 'a'],
    ]);
    expect(Object.fromEntries(result.overCount)).toEqual({ b: 'one' });
  });

  it('records already-shown only where the later section still had room', () => {
    const result = fillSections([plan('one', 1, [c('a')]), plan('two', 1, [c('b'), c('a')])]);
    expect(result.alreadyShown.size).toBe(0);
    expect(result.sections.map((s) => s.stories.length)).toEqual([1, 1]);
  });

  it('keeps empty sections (dropping them is up to the caller)', () => {
    expect(fillSections([plan('empty', 3, [])]).sections).toEqual([{ id: 'empty', title: 'empty', kind: 'category', stories: [] }]);
  });
});
