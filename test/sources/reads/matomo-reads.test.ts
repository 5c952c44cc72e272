import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { matomoReads, type MatomoReadsOptions } from '../../../src/sources/reads/matomo-reads.js';
import type { FakeHttp } from './fakes/fake-http.js';
import { ID_SITE, MATOMO_TOKEN, startMatomoFake } from './fakes/matomo-server.js';
import { byPage, context } from './helpers.js';

const SITE = 'https://www.identitywire.example';
const ROWS: [string, number][] = [
  [`${SITE}/news/2026/11/veridex-liveness-detection-banks/`, 2399],
  [`${SITE}/news/2026/11/eu-digital-identity-wallet-pilot/`, 1600],
  [`${SITE}/news/2026/11/eu-digital-identity-wallet-pilot/?utm_medium=email`, 81],
  [`${SITE}/news/2026/11/rates%2C-fees-and-limits/`, 77],
  [`${SITE}/`, 2804],
];

let api: FakeHttp;
let waits: number[];
beforeAll(async () => {
  api = await startMatomoFake(ROWS);
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
  waits = [];
});

const source = (over: Partial<MatomoReadsOptions> = {}) =>
  matomoReads({
    name: 'matomo',
    url: `${api.url}/`,
    idSite: ID_SITE,
    metric: 'nb_hits',
    token: MATOMO_TOKEN,
    timeoutMs: 2000,
    retry: { attempts: 3, delaysMs: [100, 400], sleep: async (ms) => void waits.push(ms) },
    ...over,
  });

async function failure(over: Partial<MatomoReadsOptions> = {}): Promise<Error & { code: string }> {
  const error = await source(over).load(context()).catch((e: unknown) => e);
  if (!isRoundupError(error)) throw new Error(`expected a RoundupError, got ${String(error)}`);
  return error;
}

describe('matomoReads', () => {
  it('POSTs Actions.getPageUrls for the week with token_auth in the body, never the URL, paged with filter_limit/filter_offset', async () => {
    const { items } = await source({ pageSize: 2 }).load(context());
    expect(api.requests.map((r) => [r.method, r.path, [...r.query.keys()]])).toEqual(Array(3).fill(['POST', '/index.php', []]));
    const forms = api.requests.map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    expect(forms.map((f) => [f.filter_offset, f.filter_limit])).toEqual([['0', '2'], ['2', '2'], ['4', '2']]);
    expect(forms[0]).toMatchObject({
      module: 'API',
      method: 'Actions.getPageUrls',
      idSite: String(ID_SITE),
      period: 'range',
      date: '2026-11-23,2026-11-29',
      flat: '1',
      format: 'JSON',
      token_auth: MATOMO_TOKEN,
    });
    expect(byPage(items)).toEqual({
      '/': 2804,
      '/news/2026/11/veridex-liveness-detection-banks': 2399,
      '/news/2026/11/eu-digital-identity-wallet-pilot': 1681,
      '/news/2026/11/rates,-fees-and-limits': 77,
    });
  });

  it('says the user needs view access when Matomo refuses the token (HTTP 200 error body), and names an unknown site', async () => {
    const refused = await failure({ token: 'ffffffffffffffffffffffffffffffff' });
    expect(refused.code).toBe('SOURCE_AUTH');
    expect(refused.message).toMatch(/\[matomo\].*HTTP 200.*needs at least "view" access to site 3/);
    expect(refused.message).not.toContain('ffffffff');
    const unknown = await failure({ idSite: 99 });
    expect(unknown.code).toBe('SOURCE_NOT_FOUND');
    expect(unknown.message).toContain('no site 99');
    const missing = await failure({ token: undefined });
    expect(missing.code).toBe('ENV_INVALID');
    expect(missing.message).toContain('MATOMO_TOKEN');
  });

  it('reads 401 and 403 answers as refused credentials', async () => {
    api.fail({ status: 401, body: JSON.stringify({ result: 'error', message: 'token_auth is not valid.' }) });
    expect((await failure()).code).toBe('SOURCE_AUTH');
    api.fail({ status: 403, body: '' });
    const error = await failure();
    expect(error.code).toBe('SOURCE_AUTH');
    expect(error.message).toContain('HTTP 403');
  });

  it('retries 429 and 503 with backoff, then succeeds', async () => {
    api.fail({ status: 429, body: '{}' }, { status: 503, body: 'busy' });
    const { items } = await source().load(context());
    expect(items).toHaveLength(ROWS.length);
    expect(waits).toEqual([100, 400]);
  });

  it('calls malformed JSON SOURCE_INVALID, a timeout SOURCE_UNREADABLE, and refuses to follow a redirect', async () => {
    api.fail({ status: 200, body: '[{"label": ' });
    expect((await failure()).code).toBe('SOURCE_INVALID');
    api.fail({ hang: true }, { hang: true }, { hang: true });
    const slow = await failure({ timeoutMs: 150 });
    expect(slow.code).toBe('SOURCE_UNREADABLE');
    expect(slow.message).toContain('no answer within 0.15 s');
    api.fail({ status: 308, body: '', headers: { location: 'https://elsewhere.example/index.php' } });
    const moved = await failure();
    expect(moved.code).toBe('SOURCE_UNREADABLE');
    expect(moved.message).toContain('redirect to https://elsewhere.example/index.php');
  });
});
