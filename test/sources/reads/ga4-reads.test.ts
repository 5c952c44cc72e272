import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { ga4Reads, type Ga4ReadsOptions } from '../../../src/sources/reads/ga4-reads.js';
import { CLIENT_EMAIL, PROPERTY, startGa4Fake, type Ga4Fake } from './fakes/ga4-server.js';
import { byPage, context, tempDir } from './helpers.js';

const ROWS: [string, number][] = [
  ['/news/2026/11/veridex-liveness-detection-banks/', 2873],
  ['/news/2026/11/eu-digital-identity-wallet-pilot/', 1954],
  ['/news/2026/11/eu-digital-identity-wallet-pilot', 212],
  ['/opinion/why-passkeys-win/', 988],
  ['/', 3410],
  ['(not set)', 17],
];

let tmp: Awaited<ReturnType<typeof tempDir>>;
let ga4: Ga4Fake;
let waits: number[];

beforeAll(async () => {
  tmp = await tempDir();
  ga4 = await startGa4Fake(tmp.dir, ROWS);
});
afterAll(async () => {
  await ga4.close();
  await tmp.cleanup();
});
beforeEach(() => {
  ga4.requests.length = 0;
  ga4.grants.length = 0;
  ga4.timeZone = 'Europe/London';
  waits = [];
});

function source(over: Partial<Ga4ReadsOptions> = {}) {
  return ga4Reads({
    name: 'ga4',
    url: ga4.url,
    property: PROPERTY,
    dimension: 'pagePath',
    metric: 'screenPageViews',
    credentialsFile: ga4.keyFile,
    timeoutMs: 2000,
    retry: { attempts: 3, delaysMs: [100, 400], sleep: async (ms) => void waits.push(ms) },
    ...over,
  });
}

async function failure(over: Partial<Ga4ReadsOptions> = {}): Promise<Error & { code: string }> {
  const error = await source(over).load(context()).catch((e: unknown) => e);
  if (!isRoundupError(error)) throw new Error(`expected a RoundupError, got ${String(error)}`);
  return error;
}

const reports = () => ga4.requests.filter((r) => r.path.endsWith(':runReport'));

describe('ga4Reads', () => {
  it('gets a token by the JWT grant, then pages runReport for the week with limit/offset until rowCount', async () => {
    const { items, problems } = await source({ pageSize: 2 }).load(context());
    expect(ga4.grants).toHaveLength(1);
    expect(ga4.grants[0]).toMatchObject({ iss: CLIENT_EMAIL, aud: `${ga4.url}/token`, scope: 'https://www.googleapis.com/auth/analytics.readonly' });
    const asked = reports().map((r) => JSON.parse(r.body) as Record<string, any>);
    expect(reports().map((r) => [r.method, r.path, r.headers.authorization])).toEqual(
      Array(3).fill(['POST', `/v1beta/properties/${PROPERTY}:runReport`, 'Bearer ya29.test-access-token']),
    );
    expect(asked.map((a) => [a.offset, a.limit])).toEqual([['0', '2'], ['2', '2'], ['4', '2']]);
    expect(asked[0]).toMatchObject({
      dateRanges: [{ startDate: '2026-11-23', endDate: '2026-11-29' }],
      dimensions: [{ name: 'pagePath' }],
      metrics: [{ name: 'screenPageViews' }],
    });
    expect(byPage(items)).toEqual({
      '/': 3410,
      '/news/2026/11/veridex-liveness-detection-banks': 2873,
      '/news/2026/11/eu-digital-identity-wallet-pilot': 2166,
      '/opinion/why-passkeys-win': 988,
    });
    expect(problems).toEqual([]);
  });

  it('asks for the configured dimension and metric, and filters by path prefix', async () => {
    await source({ dimension: 'pageLocation', metric: 'activeUsers', pathPrefix: '/news/' }).load(context());
    expect(JSON.parse(reports()[0]!.body)).toMatchObject({
      dimensions: [{ name: 'pageLocation' }],
      metrics: [{ name: 'activeUsers' }],
      dimensionFilter: { filter: { fieldName: 'pageLocation', stringFilter: { matchType: 'PARTIAL_REGEXP', value: '^https?://[^/]+/news/' } } },
    });
    await source({ pathPrefix: '/news/' }).load(context());
    expect(JSON.parse(reports()[1]!.body).dimensionFilter).toEqual({
      filter: { fieldName: 'pagePath', stringFilter: { matchType: 'BEGINS_WITH', value: '/news/' } },
    });
  });

  it('warns when the property counts days in another time zone than the site', async () => {
    ga4.timeZone = 'America/New_York';
    const { warnings } = await source().load(context());
    expect(warnings).toEqual([expect.stringMatching(/America\/New_York.*Europe\/London.*5 h later.*reporting time zone/)]);
    ga4.timeZone = 'Europe/London';
    expect((await source({ timezone: 'Europe/London' }).load(context())).warnings).toBeUndefined();
  });

  it('retries 429 (quota) with backoff, then succeeds', async () => {
    const quota = JSON.stringify({ error: { code: 429, message: 'Exhausted property tokens per hour.', status: 'RESOURCE_EXHAUSTED' } });
    ga4.fail({ status: 200, body: JSON.stringify({ access_token: 'ya29.test-access-token', expires_in: 3600 }) }, { status: 429, body: quota }, { status: 429, body: quota, headers: { 'retry-after': '0' } });
    const { items } = await source().load(context());
    expect(items.length).toBeGreaterThan(0);
    expect(waits).toEqual([100, 0]);
  });

  it('gives up on a quota that stays exhausted with SOURCE_LIMITED, naming the property and what to do', async () => {
    const quota = { status: 429, body: JSON.stringify({ error: { code: 429, message: 'Exhausted property tokens per day.', status: 'RESOURCE_EXHAUSTED' } }) };
    ga4.fail({ status: 200, body: JSON.stringify({ access_token: 'ya29.test-access-token' }) }, quota, quota, quota);
    const error = await failure();
    expect(error.code).toBe('SOURCE_LIMITED');
    expect(error.message).toMatch(/\[ga4\].*HTTP 429 after 3 tries.*property 123456789.*Exhausted property tokens per day/);
    expect(waits).toEqual([100, 400]);
  });

  it('says which account needs which role on 403, and names an unknown property', async () => {
    const error = await failure({ property: '999' });
    expect(error.code).toBe('SOURCE_AUTH');
    expect(error.message).toContain(`${CLIENT_EMAIL} needs the Viewer role on GA4 property 999`);
    expect(error.message).toContain('HTTP 403');
  });

  it('says the API is not enabled when Google says so', async () => {
    ga4.fail(
      { status: 200, body: JSON.stringify({ access_token: 'ya29.test-access-token' }) },
      { status: 403, body: JSON.stringify({ error: { code: 403, message: 'Google Analytics Data API has not been used in project 1 before or it is disabled.', status: 'PERMISSION_DENIED', details: [{ reason: 'SERVICE_DISABLED' }] } }) },
    );
    const error = await failure();
    expect(error.code).toBe('SOURCE_AUTH');
    expect(error.message).toContain('Enable "Google Analytics Data API"');
  });

  it('calls a refused token SOURCE_AUTH (401)', async () => {
    ga4.fail({ status: 200, body: JSON.stringify({ access_token: 'stale' }) });
    const error = await failure();
    expect(error.code).toBe('SOURCE_AUTH');
    expect(error.message).toMatch(/HTTP 401.*UNAUTHENTICATED/);
  });

  it('refuses a key file whose signature the token endpoint rejects, or that is no service-account key', async () => {
    await mkdir(join(tmp.dir, 'other'));
    const other = await startGa4Fake(join(tmp.dir, 'other'), ROWS); // another key pair
    try {
      const key = JSON.parse(await readFile(other.keyFile, 'utf8')) as Record<string, string>;
      const forged = join(tmp.dir, 'forged.json');
      await writeFile(forged, JSON.stringify({ ...key, token_uri: `${ga4.url}/token`, client_email: CLIENT_EMAIL }));
      const error = await failure({ credentialsFile: forged });
      expect(error.code).toBe('SOURCE_AUTH');
      expect(error.message).toContain('Invalid JWT Signature');
    } finally {
      await other.close();
    }
    const user = join(tmp.dir, 'user.json');
    await writeFile(user, JSON.stringify({ type: 'authorized_user', client_id: 'x', refresh_token: 'secret-refresh' }));
    const error = await failure({ credentialsFile: user });
    expect(error.code).toBe('ENV_INVALID');
    expect(error.message).toContain(user);
    expect(error.message).not.toContain('secret-refresh');
  });

  it('asks for GOOGLE_APPLICATION_CREDENTIALS when it is not set', async () => {
    const error = await failure({ credentialsFile: undefined });
    expect(error.code).toBe('ENV_INVALID');
    expect(error.message).toContain('GOOGLE_APPLICATION_CREDENTIALS');
  });

  it('calls malformed JSON SOURCE_INVALID and a server that never answers SOURCE_UNREADABLE', async () => {
    ga4.fail({ status: 200, body: JSON.stringify({ access_token: 'ya29.test-access-token' }) }, { status: 200, body: '{"rows": [' });
    const bad = await failure();
    expect(bad.code).toBe('SOURCE_INVALID');
    expect(bad.message).toMatch(/runReport on properties\/123456789.*not JSON/);

    ga4.fail({ status: 200, body: JSON.stringify({ access_token: 'ya29.test-access-token' }) }, { hang: true }, { hang: true }, { hang: true });
    const slow = await failure({ timeoutMs: 150 });
    expect(slow.code).toBe('SOURCE_UNREADABLE');
    expect(slow.message).toMatch(/\[ga4\] runReport.*failed after 3 tries: no answer within 0.15 s/);
  });
});
