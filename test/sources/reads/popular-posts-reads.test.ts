import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { popularPostsReads } from '../../../src/sources/reads/popular-posts-reads.js';
import { context, startServer } from './helpers.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** Serves `body` for every request and records the request URLs. */
async function serve(body: string, status = 200, type = 'application/json') {
  const seen: string[] = [];
  const server = await startServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(req.url ?? '');
    res.writeHead(status, { 'content-type': type }).end(body);
  });
  close = server.close;
  return { url: server.url, seen };
}

const load = (url: string) => popularPostsReads({ name: 'wpp', url, limit: 50, range: 'last7days' }).load(context());

describe('popularPostsReads', () => {
  it('asks the plugin endpoint for the range, the limit and views order', async () => {
    const site = await serve('[]');
    await load(`${site.url}/`);
    const asked = new URL(site.seen[0]!, 'http://x');
    expect(asked.pathname).toBe('/wp-json/wordpress-popular-posts/v1/popular-posts');
    expect(Object.fromEntries(asked.searchParams)).toEqual({ limit: '50', range: 'last7days', order_by: 'views' });
  });

  it('takes the page from `link` and pageviews as number or numeric string', async () => {
    const site = await serve(
      JSON.stringify([
        { id: 1, link: 'https://www.identitywire.example/news/a/', pageviews: '120' },
        { id: 2, link: 'https://www.identitywire.example/news/b/', pageviews: 80 },
        { id: 3, link: 'https://www.identitywire.example/news/a/?lang=en', pageviews: 5 },
      ]),
    );
    const result = await load(site.url);
    expect(result).toEqual({
      items: [
        { page: 'https://www.identitywire.example/news/a/', views: 120 },
        { page: 'https://www.identitywire.example/news/b/', views: 80 },
        { page: 'https://www.identitywire.example/news/a/?lang=en', views: 5 },
      ],
      problems: [],
      skipped: 0,
    });
  });

  it('skips posts without a link or without pageviews, saying which; keeps plain permalinks', async () => {
    const site = await serve(
      JSON.stringify([
        { id: 1, pageviews: 3 },
        { id: 2, link: 'https://www.identitywire.example/news/b/', pageviews: 'many' },
        { id: 3, link: 'https://www.identitywire.example/?p=3', pageviews: 9 },
        null,
        { id: 5, link: 'https://www.identitywire.example/news/e/', pageviews: 7 },
      ]),
    );
    const { items, problems, skipped } = await load(site.url);
    expect(items).toEqual([
      { page: 'https://www.identitywire.example/?p=3', views: 9 },
      { page: 'https://www.identitywire.example/news/e/', views: 7 },
    ]);
    expect(skipped).toBe(3);
    expect(problems.map((p) => p.where)).toEqual([1, 2, 4].map((n) => expect.stringMatching(new RegExp(`popular-posts\\?.* \\(post ${n}\\)$`)) as string));
  });

  it('calls an answer that is not a JSON list SOURCE_INVALID', async () => {
    for (const [body, type] of [['{"code":"rest_no_route"}', 'application/json'], ['<html>maintenance</html>', 'text/html']] as const) {
      const site = await serve(body, 200, type);
      const error = await load(site.url).catch((e: unknown) => e);
      expect(isRoundupError(error, 'SOURCE_INVALID')).toBe(true);
      expect((error as Error).message).toContain(`${site.url}/wp-json/wordpress-popular-posts/v1/popular-posts`);
      await close?.();
      close = undefined;
    }
  });

  it('calls an HTTP error SOURCE_UNREADABLE', async () => {
    const site = await serve('{"code":"rest_no_route"}', 404);
    const error = await load(site.url).catch((e: unknown) => e);
    expect(isRoundupError(error, 'SOURCE_UNREADABLE')).toBe(true);
    expect((error as Error).message).toContain('404');
  });
});
