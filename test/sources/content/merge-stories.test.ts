import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedSource } from '../../../src/sources/feed-source.js';
import { JsonSource } from '../../../src/sources/json-source.js';
import { mergeStories } from '../../../src/sources/merge-stories.js';
import type { Story } from '../../../src/types.js';
import { week48 } from './content-source-contract.js';
import { FIXTURES } from './fixture-server.js';

const story = (over: Partial<Story>): Story => ({
  url: 'https://www.example.com/a/',
  title: 'A',
  excerpt: '',
  publishedAt: '2026-11-24T09:30:00+00:00',
  authors: [],
  categories: [],
  tags: [],
  sticky: false,
  source: 'one',
  ...over,
});

describe('mergeStories', () => {
  it('keeps the first source’s story and fills what it lacks from later ones', () => {
    const first = story({ title: 'First', categories: ['News'], tags: ['a'] });
    const second = story({
      url: 'http://www.example.com/a',
      title: 'Second',
      excerpt: 'From the second',
      authors: ['Jo'],
      categories: ['News', 'Events'],
      tags: ['b'],
      sticky: true,
      image: { url: 'https://www.example.com/i.jpg' },
      event: { startsAt: '2026-12-01T10:00:00+00:00' },
      updatedAt: '2026-11-25T09:30:00+00:00',
      source: 'two',
    });
    const merged = mergeStories([[first], [second]]);
    expect(merged).toEqual([
      {
        ...first,
        excerpt: 'From the second',
        authors: ['Jo'],
        categories: ['News', 'Events'],
        tags: ['a', 'b'],
        sticky: true,
        image: { url: 'https://www.example.com/i.jpg' },
        event: { startsAt: '2026-12-01T10:00:00+00:00' },
        updatedAt: '2026-11-25T09:30:00+00:00',
      },
    ]);
  });

  it('does not overwrite what the first source has', () => {
    const first = story({ excerpt: 'Mine', image: { url: 'https://www.example.com/1.jpg' }, authors: ['Ann'] });
    const second = story({ excerpt: 'Theirs', image: { url: 'https://www.example.com/2.jpg' }, authors: ['Bob'], source: 'two' });
    const [merged] = mergeStories([[first], [second]]);
    expect(merged).toMatchObject({ excerpt: 'Mine', image: { url: 'https://www.example.com/1.jpg' }, authors: ['Ann'], source: 'one' });
  });

  it('sorts newest first by instant (not by text), then by URL', () => {
    const a = story({ url: 'https://www.example.com/a/', publishedAt: '2026-11-24T10:00:00+01:00' }); // 09:00Z
    const b = story({ url: 'https://www.example.com/b/', publishedAt: '2026-11-24T09:30:00+00:00' }); // 09:30Z
    const c = story({ url: 'https://www.example.com/c/', publishedAt: '2026-11-24T09:30:00+00:00' });
    const d = story({ url: 'https://www.example.com/d/', publishedAt: '2026-11-20T09:30:00+00:00' });
    expect(mergeStories([[d, a], [c, b]]).map((s) => s.url.slice(-2))).toEqual(['b/', 'c/', 'a/', 'd/']);
    expect(mergeStories([[c, b], [a, d]])).toEqual(mergeStories([[d, a], [c, b]]));
  });

  it('merges the same story found in the feed and in the JSON file once', async () => {
    const ctx = week48();
    const feed = await new FeedSource('site-feed', { path: join(FIXTURES, 'feeds', 'wordpress-rss.xml') }).load(ctx);
    const json = await new JsonSource('extras', { path: join(FIXTURES, 'feeds', 'stories.json') }).load(ctx);
    const merged = mergeStories([feed.items, json.items]);
    expect(merged).toHaveLength(feed.items.length + json.items.length - 1);
    const wallet = merged.filter((s) => s.url.includes('eu-wallet-1-december'));
    expect(wallet).toHaveLength(1);
    expect(wallet[0]).toMatchObject({
      source: 'site-feed',
      title: 'EU wallet: what changes on 1 December – and what doesn’t',
      categories: ['Digital ID', 'Regulation', 'Explainers'],
      tags: ['eIDAS 2.0'],
      // The feed's image wins; the JSON file's only fills a story without one.
      image: { url: 'https://www.identitywire.example/media/2026/11/eu-wallet-150x150.png' },
    });
    const dates = merged.map((s) => Date.parse(s.publishedAt));
    expect(dates).toEqual([...dates].sort((x, y) => y - x));
  });
});
