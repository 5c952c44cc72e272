// The WordPress REST adapter against a real HTTP server on 127.0.0.1 replaying recorded answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { WordPressPost, siteOffset, wordPressPostDraft } from '../../../src/sources/wordpress-post.js';
import { WordPressSource, wordPressPostsUrl } from '../../../src/sources/wordpress-source.js';
import type { Story } from '../../../src/types.js';
import { week48 } from './content-source-contract.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const wp = (options: Partial<{ perPage: number; maxPages: number; lookbackDays: number; url: string }> = {}) =>
  new WordPressSource('wp', { url: `${server.base}/wp/`, perPage: 3, maxPages: 10, ...options });
const find = (items: Story[], slug: string): Story => items.find((s) => s.url.includes(slug))!;

describe('WordPressSource', () => {
  it('pages through X-WP-TotalPages with a query limited to what could be eligible', async () => {
    const { items, problems } = await wp({ lookbackDays: 28 }).load(week48());
    expect(items).toHaveLength(7);
    expect(problems).toEqual([]);
    expect(server.requests.map((u) => u.searchParams.get('page'))).toEqual(['1', '2', '3']);
    for (const url of server.requests) {
      expect(url.pathname).toBe('/wp/wp-json/wp/v2/posts');
      expect(url.searchParams.get('_embed')).toBe('1');
      expect(url.searchParams.get('per_page')).toBe('3');
      expect(url.searchParams.get('orderby')).toBe('date');
      expect(url.searchParams.get('order')).toBe('desc');
      expect(url.searchParams.get('before')).toBe('2026-11-30T00:00:00+00:00');
      expect(url.searchParams.get('after')).toBe('2026-11-02T00:00:00Z');
    }
  });

  it('stops at maxPages and says so', async () => {
    const { items, problems } = await wp({ maxPages: 2 }).load(week48());
    expect(items).toHaveLength(6);
    expect(server.requests).toHaveLength(2);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/2 of 3 pages.*maxPages/);
  });

  it('reads titles, excerpts, terms, authors, sticky and the featured image', async () => {
    const { items } = await wp().load(week48());
    const veridex = find(items, 'veridex-labs-raises-40m');
    expect(veridex.title).toBe('Veridex Labs raises €40m to take liveness detection to 12 more banks');
    expect(veridex.sticky).toBe(true);
    expect(veridex.categories).toEqual(['Funding', 'Biometrics']);
    expect(veridex.tags).toEqual(['editors-pick']);
    expect(veridex.authors).toEqual(['Priya Raman']);
    expect(veridex.excerpt).toBe(
      'The Series B round, led by Northgate Ventures, will pay for a second data centre in Frankfurt and a push into Latin American banking…',
    );
    expect(veridex.publishedAt).toBe('2026-11-27T09:30:00+00:00');
    expect(veridex.updatedAt).toBe('2026-11-27T11:02:13+00:00');
    expect(veridex.image).toEqual({
      url: 'https://www.identitywire.example/wp-content/uploads/2026/11/veridex-office.jpg',
      alt: 'Engineers at Veridex Labs’ office in Kyiv',
      width: 1200,
      height: 675,
    });
    expect(items.filter((s) => s.sticky)).toHaveLength(1);

    const wallet = find(items, 'eu-wallet');
    expect(wallet.title).toBe('EU wallet: what changes on 1 December – and what doesn’t');
    expect(wallet.url).toBe('https://www.identitywire.example/2026/11/26/eu-wallet-1-december/');
    expect(wallet.authors).toEqual(['Tomás Ó Briain']);
    expect(wallet.image?.alt).toBeUndefined();

    expect(find(items, 'passkeys').categories).toEqual(['Insight & Opinion']);
    // No excerpt: made from the content.
    expect(find(items, 'passkeys').excerpt).toMatch(/^Passkeys fix phishing\./);
    expect(find(items, 'q-and-a').title).toBe('Q&A: the bank fraud lead who hires ex-scammers');
  });

  it('survives embedded errors: a forbidden featured image, an unknown author', async () => {
    const { items } = await wp().load(week48());
    expect(find(items, 'seamless-corridor').image).toBeUndefined();
    expect(find(items, 'q-and-a').authors).toEqual([]);
    expect(find(items, 'seamless-corridor').excerpt).not.toMatch(/Continue reading|&/);
  });

  it('fills the event from post meta, in the site offset when the meta has none', async () => {
    const { items } = await wp().load(week48());
    expect(find(items, 'identity-week-europe').event).toEqual({
      startsAt: '2026-12-08T09:00:00+00:00',
      endsAt: '2026-12-09T17:30:00+00:00',
      location: 'RAI Amsterdam, Hall 4 & 5',
    });
    expect(find(items, 'veridex').event).toBeUndefined();
  });

  it('throws SOURCE_UNREADABLE when the site has no REST API there, SOURCE_INVALID for non-JSON', async () => {
    const missing = await wp({ url: `${server.base}/elsewhere` }).load(week48()).catch((e: unknown) => e);
    expect(isRoundupError(missing, 'SOURCE_UNREADABLE')).toBe(true);
    // A site that answers HTML where the REST API should be.
    const { createServer } = await import('node:http');
    const xmlServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Hi</html>'));
    await new Promise<void>((r) => xmlServer.listen(0, '127.0.0.1', r));
    const port = (xmlServer.address() as { port: number }).port;
    const invalid = await new WordPressSource('wp', { url: `http://127.0.0.1:${port}`, perPage: 3, maxPages: 1 })
      .load(week48())
      .catch((e: unknown) => e);
    xmlServer.closeAllConnections();
    await new Promise((r) => xmlServer.close(r));
    expect(isRoundupError(invalid, 'SOURCE_INVALID')).toBe(true);
    expect((invalid as Error).message).toContain(`http://127.0.0.1:${port}/wp-json/wp/v2/posts`);
  });
});

describe('wordPressPostsUrl', () => {
  it('builds the posts query under the site root, trailing slash or not', () => {
    const q = { perPage: 100, page: 2, after: '2026-10-26T00:00:00Z', before: '2026-11-30T00:00:00+00:00' };
    const a = new URL(wordPressPostsUrl('https://www.example.com/news/', q));
    expect(a.pathname).toBe('/news/wp-json/wp/v2/posts');
    expect(Object.fromEntries(a.searchParams)).toEqual({
      _embed: '1', per_page: '100', page: '2', after: q.after, before: q.before, orderby: 'date', order: 'desc',
    });
    expect(wordPressPostsUrl('https://www.example.com', q)).toBe(wordPressPostsUrl('https://www.example.com/', q));
  });
});

describe('wordPressPostDraft: dates', () => {
  const post = (over: Record<string, unknown>) =>
    WordPressPost.parse({ link: 'https://www.example.com/p/', title: { rendered: 'T' }, ...over });

  it('keeps the site offset derived from date and date_gmt (summer time)', () => {
    const { draft, offset } = wordPressPostDraft(
      post({ date: '2026-07-01T10:30:00', date_gmt: '2026-07-01T09:30:00', meta: { event_start: '2026-07-20 18:00' } }),
    );
    expect(offset).toBe(60);
    expect(draft.publishedAt).toBe('2026-07-01T10:30:00+01:00');
    expect(draft.event?.startsAt).toBe('2026-07-20 18:00');
  });

  it('falls back to date_gmt as UTC when the two do not make an offset', () => {
    const { draft } = wordPressPostDraft(post({ date: 'garbage', date_gmt: '2026-07-01T09:30:00' }));
    expect(draft.publishedAt).toBe('2026-07-01T09:30:00+00:00');
  });

  it('derives offsets west of UTC and refuses implausible ones', () => {
    expect(siteOffset('2026-11-24T04:30:00', '2026-11-24T09:30:00')).toBe(-300);
    expect(siteOffset('2026-11-24T09:30:00', '2026-11-24T09:30:00')).toBe(0);
    expect(siteOffset('2026-11-25T09:30:00', '2026-11-24T09:30:00')).toBeUndefined();
    expect(siteOffset('2026-11-24T09:37:00', '2026-11-24T09:30:00')).toBeUndefined();
    expect(siteOffset(null, '2026-11-24T09:30:00')).toBeUndefined();
  });
});
