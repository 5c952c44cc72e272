// Fuzzing the JSON sources with mutations of the sample files: the JSON stories file, WordPress REST
// answers and WordPress Popular Posts answers (the sample's recorded posts), the last two served over HTTP
// from 127.0.0.1 as the sources really read them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonStories } from '../../src/sources/parse-json-stories.js';
import { popularPostsReads } from '../../src/sources/reads/popular-posts-reads.js';
import { WordPressSource } from '../../src/sources/wordpress-source.js';
import type { SourceContext } from '../../src/types.js';
import { TIMEOUT_MS, expectOwnOutcome, expectValidProblems, expectValidReads, expectValidStory, mutated, params, sample } from './fuzz-kit.js';

const TOKENS = [
  '{', '}', '[', ']', ',', ':', '"', 'null', 'true', '0', '-0', '1e400', '"\\u0000"', '"\\ud800"', '\uFEFF',
  '<br />\n<b>Notice</b>: Undefined index in <b>/srv/x.php</b> on line <b>1</b><br />\n', '"2026-11-24T09:30:00+05:75"',
  '"Seg, 24 Set 2018 10:00:00 -0300"', '"https://www.identitywire.example/?p=1"', '"javascript:alert(1)"', '{"rendered":1}',
  '"width":7e+32', '"pageviews":"1.000"', '"pageviews":-5', '"link":""', '"date_gmt":"0000-00-00T00:00:00"',
];

/** The first posts of a recorded answer, so one run stays small. */
function firstPosts(path: string[], count: number): Buffer {
  return Buffer.from(JSON.stringify((JSON.parse(sample(...path).toString('utf8')) as unknown[]).slice(0, count), null, 1));
}

const context: SourceContext = {
  window: { key: '2026-W48', start: '2026-11-23T00:00:00+00:00', end: '2026-11-30T00:00:00+00:00', timeZone: 'Europe/London', hours: 168 },
  siteUrl: 'https://www.identitywire.example/',
  now: new Date('2026-11-30T06:00:00Z'),
};

let server: Server;
let base = '';
let answer: Buffer = Buffer.alloc(0);
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json; charset=UTF-8');
    res.setHeader('x-wp-totalpages', '1');
    res.end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('fuzz: JSON sources', () => {
  it('JSON stories: valid stories or SOURCE_INVALID naming the file and line', async () => {
    const seeds = [sample('config', 'sample', 'stories.json'), sample('test', 'fixtures', 'feeds', 'stories.json')];
    await fc.assert(
      fc.asyncProperty(mutated(seeds, TOKENS), async (bytes) => {
        const result = await expectOwnOutcome(() => parseJsonStories(bytes, { source: 'fuzz', where: 'stories.json', siteUrl: context.siteUrl }), {
          source: 'fuzz',
          file: 'stories.json',
        });
        if (!result) return;
        for (const story of result.items) expectValidStory(story);
        expectValidProblems(result.problems);
        expectValidProblems(result.notes);
      }),
      params(150),
    );
  }, TIMEOUT_MS);

  it('WordPress REST: valid stories or SOURCE_INVALID naming the URL and line', async () => {
    const seeds = [firstPosts(['config', 'sample', 'reads', 'wpp-2026-W48.json'], 3), firstPosts(['test', 'fixtures', 'wordpress', 'posts-page-1.json'], 3)];
    await fc.assert(
      fc.asyncProperty(mutated(seeds, TOKENS), async (bytes) => {
        answer = bytes;
        const source = new WordPressSource('fuzz', { url: base, perPage: 10, maxPages: 1 });
        const result = await expectOwnOutcome(() => source.load(context), { source: 'fuzz', file: `${base}/wp-json/wp/v2/posts` });
        if (!result) return;
        for (const story of result.items) expectValidStory(story);
        expectValidProblems(result.problems);
        expectValidProblems(result.notes);
      }),
      params(60),
    );
  }, TIMEOUT_MS);

  it('WordPress Popular Posts: valid read counts or SOURCE_INVALID naming the URL and line', async () => {
    const seeds = [firstPosts(['config', 'sample', 'reads', 'wpp-2026-W47.json'], 4)];
    await fc.assert(
      fc.asyncProperty(mutated(seeds, TOKENS), async (bytes) => {
        answer = bytes;
        const source = popularPostsReads({ name: 'fuzz', url: base, limit: 10, range: 'last7days' });
        const result = await expectOwnOutcome(() => source.load(context), { source: 'fuzz', file: `${base}/wp-json/wordpress-popular-posts/v1/popular-posts` });
        if (!result) return;
        expectValidReads(result.items);
        expectValidProblems(result.problems);
        expect(result.items.length).toBeLessThanOrEqual(bytes.length);
      }),
      params(60),
    );
  }, TIMEOUT_MS);
});
