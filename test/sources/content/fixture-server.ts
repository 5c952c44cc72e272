// A real HTTP server on 127.0.0.1 that replays the recorded fixtures: feeds under /feeds/<file>, the
// WordPress REST API under /wp/wp-json/wp/v2/posts (answers from test/fixtures/wordpress/recorded.json, by
// `page`), a JSON stories file under /stories.json. Anything else is a 404. Requests are kept for checks.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: string;
}
interface Recording {
  pages: Record<string, Recorded>;
  pastLastPage: Recorded;
}

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** URLs requested so far (path and query). */
  requests: URL[];
  close(): Promise<void>;
}

const FEED_TYPES: Record<string, string> = {
  'atom.xml': 'application/atom+xml',
};

export async function startFixtureServer(): Promise<FixtureServer> {
  const recording = JSON.parse(readFileSync(join(FIXTURES, 'wordpress', 'recorded.json'), 'utf8')) as Recording;
  const requests: URL[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const feed = /^\/feeds\/([a-z0-9.-]+\.(?:xml|json))$/.exec(url.pathname)?.[1];
    if (feed) {
      let body: Buffer;
      try {
        body = readFileSync(join(FIXTURES, 'feeds', feed));
      } catch {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
        return;
      }
      // `?charset=` sets the header's charset, to check that it wins over the XML declaration.
      const type = feed.endsWith('.json') ? 'application/json' : (FEED_TYPES[feed] ?? 'application/rss+xml');
      const charset = url.searchParams.get('charset');
      res.writeHead(200, { 'content-type': charset ? `${type}; charset=${charset}` : type }).end(body);
      return;
    }
    if (url.pathname === '/wp/wp-json/wp/v2/posts') {
      const answer = recording.pages[url.searchParams.get('page') ?? '1'] ?? recording.pastLastPage;
      const body = answer.body.endsWith('.json') && !answer.body.startsWith('{')
        ? readFileSync(join(FIXTURES, 'wordpress', answer.body))
        : Buffer.from(answer.body);
      res.writeHead(answer.status, answer.headers).end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
