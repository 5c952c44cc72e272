import { describe, expect, it } from 'vitest';
import { rankStories } from '../../src/select/rank-stories.js';
import { readsFor, story } from './factories.js';

describe('rankStories', () => {
  it('orders by reads, then newest, then URL', () => {
    const stories = [
      story('c', '2026-11-24T09:00:00Z'),
      story('a', '2026-11-24T09:00:00Z'),
      story('old', '2026-11-23T09:00:00Z'),
      story('top', '2026-11-23T08:00:00Z'),
      story('new', '2026-11-25T09:00:00Z'),
    ];
    const reads = readsFor({ top: 500, old: 20, new: 20, a: 0 });
    expect(rankStories(stories, reads).map((s) => s.url.split('/')[4])).toEqual(['top', 'new', 'old', 'a', 'c']);
  });

  it('compares publication instants, not strings with different offsets', () => {
    const early = story('early', '2026-11-24T10:00:00+02:00'); // 08:00Z
    const late = story('late', '2026-11-24T09:00:00+00:00');
    expect(rankStories([early, late], new Map()).map((s) => s.title)).toEqual(['Story late', 'Story early']);
  });

  it('matches reads by path key (trailing slash and query ignored) and leaves the input alone', () => {
    const s = story('x', '2026-11-24T09:00:00Z', { url: 'https://www.identitywire.example/news/x/?page=2' });
    const input = [story('y', '2026-11-25T09:00:00Z'), s];
    expect(rankStories(input, new Map([['/news/x', 3]]))[0]).toBe(s);
    expect(input[1]).toBe(s);
  });
});
