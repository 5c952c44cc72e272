import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { JsonSource } from '../../../src/sources/json-source.js';
import { parseJsonStories } from '../../../src/sources/parse-json-stories.js';
import { week48 } from './content-source-contract.js';
import { FIXTURES } from './fixture-server.js';

const opts = { source: 'j', where: 'stories.json', siteUrl: 'https://www.identitywire.example' };
const story = (over: Record<string, unknown> = {}) => ({
  url: 'https://www.identitywire.example/a/',
  title: 'A',
  publishedAt: '2026-11-24T10:00:00+00:00',
  ...over,
});

describe('JsonSource', () => {
  it('reads the fixture: events, white papers, relative image URLs, excerpt from content', async () => {
    const path = join(FIXTURES, 'feeds', 'stories.json');
    const { items, problems } = await new JsonSource('events', { path }).load(week48());
    expect(items).toHaveLength(3);
    const [summit, paper] = items;
    expect(summit!.url).toBe('https://www.identitywire.example/events/identity-summit-london-2026/');
    expect(summit!.title).toBe('Identity Summit London 2026 – early-bird tickets');
    expect(summit!.publishedAt).toBe('2026-11-25T12:00:00+00:00');
    expect(summit!.image).toEqual({
      url: 'https://www.identitywire.example/media/events/summit-2026.jpg',
      alt: "The QEII Centre's main hall",
      width: 1200,
      height: 630,
    });
    expect(summit!.event).toEqual({
      startsAt: '2026-12-03T09:00:00+00:00',
      endsAt: '2026-12-04T17:00:00+00:00',
      location: 'QEII Centre, London',
    });
    expect(paper!.sticky).toBe(true);
    expect(paper!.tags).toEqual(['editors-pick']);
    expect(paper!.excerpt.endsWith('…')).toBe(true);
    expect(paper!.excerpt).toMatch(/^How six European banks moved four million customers/);

    expect(problems.map((p) => p.where)).toEqual([`${path}#stories[3]`, `${path}#stories[4]`]);
    expect(problems[0]!.message).toMatch(/`publishedAt`.*offset.*"2026-11-22T10:00:00"/);
    expect(problems[1]!.message).toMatch(/`url` is missing/);
  });
});

describe('parseJsonStories', () => {
  it('accepts a bare array', () => {
    const { items } = parseJsonStories(JSON.stringify([story()]), opts);
    expect(items.map((s) => s.url)).toEqual(['https://www.identitywire.example/a/']);
    expect(items[0]).toMatchObject({ authors: [], categories: [], tags: [], sticky: false, excerpt: '', source: 'j' });
  });

  it('skips each bad story with its index and field, keeps the good ones', () => {
    const doc = {
      stories: [
        story(),
        story({ title: 42 }),
        story({ url: 'ftp://files.example/a' }),
        story({ image: { url: 'https://x.example/i.jpg', width: -3 } }),
        story({ event: { startsAt: 'next Tuesday' } }),
        story({ url: 'https://www.identitywire.example/b/', tags: ['x', 3] }),
        'not an object',
      ],
    };
    const { items, problems } = parseJsonStories(JSON.stringify(doc), opts);
    expect(items).toHaveLength(1);
    expect(problems.map((p) => p.where)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `stories.json#stories[${i}]`));
    expect(problems[0]!.message).toMatch(/^`title`: .*got 42/);
    expect(problems[1]!.message).toMatch(/ftp:\/\/files\.example\/a.*not an http\(s\) URL/);
    expect(problems[2]!.message).toMatch(/^`image\.width`/);
    expect(problems[3]!.message).toMatch(/^`event\.startsAt`/);
    expect(problems[4]!.message).toMatch(/^`tags\.1`/);
    expect(problems[5]!.message).toMatch(/^the story/);
  });

  it('throws SOURCE_INVALID with the line for broken JSON', () => {
    const text = '{\n  "stories": [\n    { "url": "x", }\n  ]\n}';
    let error: unknown;
    try {
      parseJsonStories(text, opts);
    } catch (e) {
      error = e;
    }
    expect(isRoundupError(error, 'SOURCE_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/^\[j\] stories\.json:3:19: not valid JSON/);
  });

  it('throws SOURCE_INVALID for JSON of another shape', () => {
    expect(() => parseJsonStories('{"posts": []}', opts)).toThrow(
      expect.objectContaining({ code: 'SOURCE_INVALID', message: expect.stringContaining('"stories"') }),
    );
  });

  it('throws SOURCE_UNREADABLE for a missing file', async () => {
    const error = await new JsonSource('j', { path: join(FIXTURES, 'feeds', 'none.json') }).load(week48()).catch((e: unknown) => e);
    expect(isRoundupError(error, 'SOURCE_UNREADABLE')).toBe(true);
  });
});

describe('parseJsonStories: what sites really serve', () => {
  const opts = { source: 'j', where: 'stories.json', siteUrl: 'https://www.example.com/' };
  const story = { url: 'https://www.example.com/a/', title: 'A', publishedAt: '2026-11-24T09:30:00+00:00' };

  it('skips a BOM and a PHP warning before the JSON, with a note', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`Warning: Undefined variable $x in /srv/x.php on line 3\n${JSON.stringify({ stories: [story] })}`)]);
    const result = parseJsonStories(bytes, opts);
    expect(result.items.map((s) => s.url)).toEqual(['https://www.example.com/a/']);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]!.message).toMatch(/skipped "Warning: Undefined variable.*" before the JSON \(which starts at 2:1\).*display_errors/);
  });

  it('refuses an offset no zone has', () => {
    const result = parseJsonStories(JSON.stringify([{ ...story, publishedAt: '2026-11-24T09:30:00+05:75' }]), opts);
    expect(result.items).toHaveLength(0);
    expect(result.problems[0]!.message).toMatch(/publishedAt/);
  });

  it('describes a story nested 5,000 deep without crashing', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const result = parseJsonStories(`{"stories": [${deep}, {"url": ${deep}}]}`, opts);
    expect(result.problems).toHaveLength(2);
    for (const p of result.problems) expect(p.message.length).toBeLessThan(200);
  });
});
