// Every content source passes the same contract, against fixture files and a real HTTP server on 127.0.0.1.
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createContentSource } from '../../../src/sources/create-content-source.js';
import { contentSourceContract, week48 } from './content-source-contract.js';
import { FIXTURES, startFixtureServer, type FixtureServer } from './fixture-server.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
});

const factory = { configDir: FIXTURES, issueKey: '2026-W48' };

contentSourceContract('RSS feed from a file', () => ({
  source: createContentSource({ type: 'feed', path: 'feeds/wordpress-rss.xml', optional: false }, factory),
  missing: createContentSource({ type: 'feed', path: 'feeds/no-such-feed-{week}.xml', optional: false }, factory),
  ctx: week48(),
}));

contentSourceContract('RSS feed from a URL', () => ({
  source: createContentSource({ type: 'feed', url: `${server.base}/feeds/wordpress-rss.xml`, optional: false }, factory),
  missing: createContentSource({ type: 'feed', url: `${server.base}/feeds/gone.xml`, optional: false }, factory),
  ctx: week48(),
}));

contentSourceContract('Atom feed from a URL', () => ({
  source: createContentSource({ type: 'feed', url: `${server.base}/feeds/atom.xml`, optional: false }, factory),
  // Nothing listens on port 9 of 127.0.0.1: the connection is refused.
  missing: createContentSource({ type: 'feed', url: 'http://127.0.0.1:9/feed/', optional: false }, factory),
  ctx: week48(),
}));

contentSourceContract('ISO-8859-1 feed from a file', () => ({
  source: createContentSource({ type: 'feed', path: join(FIXTURES, 'feeds', 'iso-8859-1.xml'), optional: false }, factory),
  missing: createContentSource({ type: 'feed', path: join(FIXTURES, 'feeds', 'missing.xml'), optional: false }, factory),
  ctx: week48(),
}));

contentSourceContract('WordPress REST API', () => ({
  source: createContentSource({ type: 'wordpress', url: `${server.base}/wp`, perPage: 3, maxPages: 10, optional: false }, factory),
  missing: createContentSource({ type: 'wordpress', url: `${server.base}/not-wordpress`, perPage: 3, maxPages: 10, optional: false }, factory),
  ctx: week48(),
}));

contentSourceContract('JSON stories from a file', () => ({
  source: createContentSource({ type: 'json', path: 'feeds/stories.json', optional: false }, factory),
  missing: createContentSource({ type: 'json', path: 'feeds/stories-{week}.json', optional: false }, factory),
  ctx: week48(),
}));

contentSourceContract('JSON stories from a URL', () => ({
  source: createContentSource({ type: 'json', url: `${server.base}/feeds/stories.json`, optional: false }, factory),
  missing: createContentSource({ type: 'json', url: `${server.base}/stories-missing.json`, optional: false }, factory),
  ctx: week48(),
}));
