import { describe, expect, it } from 'vitest';
import { matchReads } from '../../src/select/match-reads.js';
import { SITE_URL, site, sourceReads, story } from './factories.js';

const SITE = site();
const STORIES = [story('a', '2026-11-24T09:00:00Z'), story('b', '2026-11-24T09:00:00Z'), story('c', '2026-11-24T09:00:00Z')];

describe('matchReads', () => {
  it('takes the largest count across sources (they watch the same readers)', () => {
    const { reads } = matchReads(STORIES, [sourceReads({ '/a': 120, '/b': 5 }, 'ga4'), sourceReads({ '/a': 90, '/b': 40, '/c': 7 }, 'log')], SITE);
    expect(Object.fromEntries(reads)).toEqual({ '/a': 120, '/b': 40, '/c': 7 });
  });

  it('sums the forms of one page within a source before comparing sources', () => {
    const { reads } = matchReads(
      STORIES,
      [
        sourceReads({ '/news/a/': 60, '/news/a?utm_source=x': 30, [`${SITE_URL}/news/a`]: 10, '/news/a%2F': 1 }, 'ga4'),
        sourceReads({ '/news/a': 95 }, 'log'),
      ],
      SITE,
    );
    expect(reads.get('/news/a')).toBe(100);
    expect(reads.get('/news/a%2F')).toBe(1);
  });

  it('counts full URLs on the site, its www twin, `site.hosts` and the stories\' hosts; keeps other hosts apart', () => {
    const stories = [...STORIES, story('d', '2026-11-24T09:00:00Z', { url: 'https://events.identitywire.example/news/d/' })];
    const { reads, unmatched } = matchReads(
      stories,
      [
        sourceReads({
          'https://identitywire.example/news/a/': 5,
          'https://m.identitywire.example/news/b': 7,
          'https://events.identitywire.example/news/d': 3,
          'https://translate.proxy.example/news/c/': 900,
        }),
      ],
      site({ hosts: ['M.IdentityWire.example'] }),
    );
    expect(Object.fromEntries(reads)).toEqual({ '/news/a': 5, '/news/b': 7, '/news/d': 3 });
    expect(unmatched).toEqual([{ page: '//translate.proxy.example/news/c', views: 900, sources: ['analytics'] }]);
  });

  it('keeps plain permalinks apart: /?p=1 and /?p=2 are two stories, / is neither', () => {
    const stories = [1, 2].map((n) => story(`p${n}`, '2026-11-24T09:00:00Z', { url: `${SITE_URL}/?p=${n}` }));
    const { reads } = matchReads(stories, [sourceReads({ '/?p=1&utm_source=x': 40, '/index.php?p=2': 3, '/?p=2': 30, '/': 5000 })], SITE);
    expect(reads.get('/?p=1')).toBe(40);
    expect(reads.get('/?p=2')).toBe(30);
    expect(reads.get('/')).toBe(5000);
  });

  it('normalises percent-encoding on both sides', () => {
    const stories = [story('x', '2026-11-24T09:00:00Z', { url: `${SITE_URL}/news/rates,-fees-and-caf%C3%A9/` })];
    const { reads, unmatched } = matchReads(stories, [sourceReads({ '/news/rates%2C-fees-and-caf%c3%a9': 12, '/news/rates,-fees-and-café/': 3 })], SITE);
    expect(reads.get('/news/rates,-fees-and-café')).toBe(15);
    expect(unmatched).toEqual([]);
  });

  it('lists the busiest pages that match no story, as busy as the 10th story, home page left out', () => {
    const stories = Array.from({ length: 12 }, (_, i) => story(`s${i}`, '2026-11-24T09:00:00Z'));
    const views = Object.fromEntries(stories.map((s, i) => [new URL(s.url).pathname, 100 + i * 10]));
    // The 10th busiest story has 100 + 2 * 10 = 120 reads.
    const { unmatched } = matchReads(
      stories,
      [sourceReads({ ...views, '/': 9000, '/category/news/': 500, '/news/old-slug': 120, '/tag/x': 119 }, 'ga4'), sourceReads({ '/news/old-slug/': 60 }, 'log')],
      SITE,
    );
    expect(unmatched).toEqual([
      { page: '/category/news', views: 500, sources: ['ga4'] },
      { page: '/news/old-slug', views: 120, sources: ['ga4', 'log'] },
    ]);
  });

  it('lists any unmatched page when few stories were read, at most ten', () => {
    const many = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`/old/${i}`, 1 + i]));
    const { unmatched } = matchReads(STORIES, [sourceReads(many)], SITE);
    expect(unmatched).toHaveLength(10);
    expect(unmatched[0]).toEqual({ page: '/old/14', views: 15, sources: ['analytics'] });
  });

  it('treats negative and non-finite views as 0, handles no sources, and ignores the order of sources and rows', () => {
    expect(matchReads(STORIES, [], SITE)).toEqual({ reads: new Map(), unmatched: [] });
    const a = { source: 'a', items: [{ page: '/x', views: 3 }, { page: '/y', views: -9 }, { page: '/x', views: 4 }, { page: '/z', views: Number.NaN }] };
    const b = { source: 'b', items: [{ page: '/y', views: 10 }, { page: '/w', views: 1 }] };
    const one = matchReads(STORIES, [a, b], SITE);
    const two = matchReads(STORIES, [b, { ...a, items: [...a.items].reverse() }], SITE);
    expect([...one.reads]).toEqual([...two.reads]);
    expect(Object.fromEntries(one.reads)).toEqual({ '/w': 1, '/x': 7, '/y': 10, '/z': 0 });
    expect([...one.reads.keys()]).toEqual(['/w', '/x', '/y', '/z']);
  });
});
