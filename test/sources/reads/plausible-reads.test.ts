import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { plausibleReads, type PlausibleReadsOptions } from '../../../src/sources/reads/plausible-reads.js';
import type { FakeHttp } from './fakes/fake-http.js';
import { PLAUSIBLE_KEY, SITE_ID, startPlausibleFake } from './fakes/plausible-server.js';
import { byPage, context } from './helpers.js';

const ROWS: [string, number][] = [
  ['/news/2026/11/veridex-liveness-detection-banks', 2511],
  ['/news/2026/11/eu-digital-identity-wallet-pilot', 1702],
  ['/news/2026/11/eu-digital-identity-wallet-pilot/', 44],
  ['/opinion/why-passkeys-win', 866],
  ['/', 3105],
];

let api: FakeHttp;
let waits: number[];
beforeAll(async () => {
  api = await startPlausibleFake(ROWS);
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
  waits = [];
});

const source = (over: Partial<PlausibleReadsOptions> = {}) =>
  plausibleReads({
    name: 'plausible',
    url: api.url,
    siteId: SITE_ID,
    metric: 'pageviews',
    apiKey: PLAUSIBLE_KEY,
    timeoutMs: 2000,
    retry: { attempts: 3, delaysMs: [100, 400], sleep: async (ms) => void waits.push(ms) },
    ...over,
  });

async function failure(over: Partial<PlausibleReadsOptions> = {}): Promise<Error & { code: string }> {
  const error = await source(over).load(context()).catch((e: unknown) => e);
  if (!isRoundupError(error)) throw new Error(`expected a RoundupError, got ${String(error)}`);
  return error;
}

describe('plausibleReads', () => {
  it('POSTs /api/v2/query with the Bearer key and the exact window, paged until a short page', async () => {
    const { items } = await source({ pageSize: 2 }).load(context());
    expect(api.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual(Array(3).fill(['POST', '/api/v2/query', `Bearer ${PLAUSIBLE_KEY}`]));
    const bodies = api.requests.map((r) => JSON.parse(r.body) as Record<string, any>);
    expect(bodies.map((b) => b.pagination)).toEqual([{ limit: 2, offset: 0 }, { limit: 2, offset: 2 }, { limit: 2, offset: 4 }]);
    expect(bodies[0]).toMatchObject({
      site_id: SITE_ID,
      metrics: ['pageviews'],
      dimensions: ['event:page'],
      date_range: ['2026-11-23T00:00:00+00:00', '2026-11-29T23:59:59+00:00'],
    });
    expect(byPage(items)).toEqual({
      '/': 3105,
      '/news/2026/11/veridex-liveness-detection-banks': 2511,
      '/news/2026/11/eu-digital-identity-wallet-pilot': 1746,
      '/opinion/why-passkeys-win': 866,
    });
  });

  it('asks for visitors and a path prefix when configured', async () => {
    await source({ metric: 'visitors', pathPrefix: '/news/' }).load(context());
    expect(JSON.parse(api.requests[0]!.body)).toMatchObject({ metrics: ['visitors'], filters: [['matches', 'event:page', ['^/news/']]] });
  });

  it('says which key and role on 401, names an unknown site, and needs PLAUSIBLE_API_KEY', async () => {
    const refused = await failure({ apiKey: 'wrong' });
    expect(refused.code).toBe('SOURCE_AUTH');
    expect(refused.message).toMatch(/\[plausible\].*HTTP 401.*Stats API key.*member of site identitywire\.example/);
    expect(refused.message).not.toContain('wrong');
    const unknown = await failure({ siteId: 'nosuch.example' });
    expect(unknown.code).toBe('SOURCE_NOT_FOUND');
    expect(unknown.message).toContain('nosuch.example');
    const missing = await failure({ apiKey: undefined });
    expect(missing.code).toBe('ENV_INVALID');
    expect(missing.message).toContain('PLAUSIBLE_API_KEY');
  });

  it('says so on 403', async () => {
    api.fail({ status: 403, body: JSON.stringify({ error: 'Forbidden' }) });
    const error = await failure();
    expect(error.code).toBe('SOURCE_AUTH');
    expect(error.message).toContain('HTTP 403');
  });

  it('retries 429 with backoff (Retry-After honoured), then succeeds', async () => {
    api.fail({ status: 429, body: JSON.stringify({ error: 'Too many API requests in the last hour.' }), headers: { 'retry-after': '1' } }, { status: 429, body: '{}' });
    const { items } = await source().load(context());
    expect(items).toHaveLength(ROWS.length);
    expect(waits).toEqual([1000, 400]);
  });

  it('calls malformed JSON SOURCE_INVALID, and a timeout SOURCE_UNREADABLE after its tries', async () => {
    api.fail({ status: 200, body: '<html><body>Bad gateway</body></html>' });
    const bad = await failure();
    expect(bad.code).toBe('SOURCE_INVALID');
    expect(bad.message).toContain('"<html><body>Bad gateway</body></html>"');
    api.fail({ hang: true }, { hang: true }, { hang: true });
    const slow = await failure({ timeoutMs: 150 });
    expect(slow.code).toBe('SOURCE_UNREADABLE');
    expect(api.requests.length).toBe(4);
  });
});
