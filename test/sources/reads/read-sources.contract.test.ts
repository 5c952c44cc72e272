// Every read-count source, through createReadSource as the config describes it, against the same contract:
// first over real exports of each tool (each its own numbers), then over one week written in every dialect.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createReadSource } from '../../../src/sources/reads/create-read-source.js';
import { PROPERTY, startGa4Fake } from './fakes/ga4-server.js';
import { ID_SITE, MATOMO_TOKEN, startMatomoFake } from './fakes/matomo-server.js';
import { PLAUSIBLE_KEY, SITE_ID, startPlausibleFake } from './fakes/plausible-server.js';
import { FIXTURES, context, deadUrl, startServer, tempDir, WEEK } from './helpers.js';
import { readSourceContract } from './read-source-contract.js';
import { GA4_ROWS, MATOMO_ROWS, PLAUSIBLE_ROWS, TRUTH, writeSameWeek } from './same-week.js';

const fixtureCtx = { configDir: FIXTURES, issueKey: WEEK.key };

const VERIDEX = '/news/2026/11/veridex-liveness-detection-banks';
const WALLET = '/news/2026/11/eu-digital-identity-wallet-pilot';
const PASSKEYS = '/opinion/why-passkeys-win';
const LICENCE = '/news/2026/11/mobile-drivers-licence-uk';

const csvCases = {
  ga4: { file: 'ga4-pages.csv', expected: { [VERIDEX]: 2873, [WALLET]: 1954 + 212, [PASSKEYS]: 988, [LICENCE]: 1002, '/': 3410 } },
  plausible: { file: 'plausible-pages.csv', expected: { [VERIDEX]: 2511, [WALLET]: 1702 + 44, [PASSKEYS]: 866, [LICENCE]: 915 } },
  matomo: { file: 'matomo-pages.csv', expected: { [VERIDEX]: 2399, [WALLET]: 1600 + 81, '/events/identity-week-europe-2027': 350 } },
  // "1,000" alone could be 1 or 1000 (numberFormat auto refuses it): the plain file says it is English.
  plain: { file: 'plain-reads.csv', numberFormat: 'en', expected: { [VERIDEX]: 2600, [WALLET]: 1730, [PASSKEYS]: 850, [LICENCE]: 1000 } },
} as const;

for (const [format, spec] of Object.entries(csvCases)) {
  const { file, expected } = spec;
  const numberFormat = 'numberFormat' in spec ? spec.numberFormat : 'auto';
  readSourceContract(`csv (${format})`, async () => ({
    make: () => createReadSource({ type: 'csv', format: format as keyof typeof csvCases, path: file, numberFormat, optional: false }, fixtureCtx),
    makeUnreadable: () =>
      createReadSource(
        { type: 'csv', format: format as keyof typeof csvCases, path: `missing-${format}-{week}.csv`, numberFormat, optional: false },
        fixtureCtx,
      ),
    context: () => context(),
    expected,
  }));
}

readSourceContract('wordpress-popular-posts', async () => {
  const recorded = await readFile(join(FIXTURES, 'wpp-popular-posts.json'));
  const server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/wp-json/wordpress-popular-posts/v1/popular-posts' || url.searchParams.get('order_by') !== 'views') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"rest_no_route"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' }).end(recorded);
  });
  const dead = await deadUrl();
  return {
    make: () => createReadSource({ type: 'wordpress-popular-posts', url: `${server.url}/`, limit: 20, range: 'last7days', optional: false }, fixtureCtx),
    makeUnreadable: () => createReadSource({ type: 'wordpress-popular-posts', url: dead, limit: 20, range: 'last7days', optional: false }, fixtureCtx),
    context: () => context(),
    expected: { [VERIDEX]: 2873, [WALLET]: 1954, [LICENCE]: 1002, [PASSKEYS]: 988, '/events/identity-week-europe-2027': 431 },
    cleanup: server.close,
  };
});

const accessLogExpected = { [VERIDEX]: 3, [WALLET]: 2, [PASSKEYS]: 1, '/events/identity-week-europe-2027': 1 };

readSourceContract('access-log (plain)', async () => ({
  make: () => createReadSource({ type: 'access-log', path: 'access.log', optional: false }, fixtureCtx),
  makeUnreadable: () => createReadSource({ type: 'access-log', path: 'access-{week}.log', optional: false }, fixtureCtx),
  context: () => context(),
  expected: accessLogExpected,
}));

readSourceContract('access-log (gzip, two files)', async () => {
  const tmp = await tempDir();
  const text = await readFile(join(FIXTURES, 'access.log'), 'utf8');
  const lines = text.split('\n');
  const half = Math.floor(lines.length / 2);
  // logrotate style: the older half compressed, the current half plain.
  await writeFile(join(tmp.dir, `access-${WEEK.key}.log.1.gz`), gzipSync(lines.slice(0, half).join('\n') + '\n'));
  await writeFile(join(tmp.dir, `access-${WEEK.key}.log`), lines.slice(half).join('\n'));
  const ctx = { configDir: tmp.dir, issueKey: WEEK.key };
  return {
    make: () => createReadSource({ type: 'access-log', path: ['access-{week}.log.1.gz', 'access-{week}.log'], optional: false }, ctx),
    makeUnreadable: () => createReadSource({ type: 'access-log', path: ['access-{week}.log.2.gz'], optional: false }, ctx),
    context: () => context(),
    expected: accessLogExpected,
    cleanup: tmp.cleanup,
  };
});

// The same week in every read source: equivalent data, spelled each tool's way, must give the same counts.
const instant = { attempts: 2, delaysMs: [0], sleep: async () => {} };

async function sameWeekFiles() {
  const tmp = await tempDir();
  const files = await writeSameWeek(tmp.dir);
  return { tmp, files, ctx: { configDir: tmp.dir, issueKey: WEEK.key, retry: instant } };
}

for (const format of ['ga4', 'plausible', 'matomo', 'plain'] as const) {
  readSourceContract(`the same week: csv (${format})`, async () => {
    const { tmp, files, ctx } = await sameWeekFiles();
    return {
      make: () => createReadSource({ type: 'csv', format, numberFormat: 'auto', path: files[format], optional: false }, ctx),
      makeUnreadable: () => createReadSource({ type: 'csv', format, numberFormat: 'auto', path: 'none-{week}.csv', optional: false }, ctx),
      context: () => context(),
      expected: TRUTH,
      cleanup: tmp.cleanup,
    };
  });
}

readSourceContract('the same week: access-log', async () => {
  const { tmp, files, ctx } = await sameWeekFiles();
  return {
    make: () => createReadSource({ type: 'access-log', path: files.log, optional: false }, ctx),
    makeUnreadable: () => createReadSource({ type: 'access-log', path: 'none-{week}.log', optional: false }, ctx),
    context: () => context(),
    expected: TRUTH,
    cleanup: tmp.cleanup,
  };
});

readSourceContract('the same week: wordpress-popular-posts', async () => {
  const { tmp, files, ctx } = await sameWeekFiles();
  const body = await readFile(join(tmp.dir, files.wpp));
  const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  const dead = await deadUrl();
  return {
    make: () => createReadSource({ type: 'wordpress-popular-posts', url: server.url, limit: 20, range: 'last7days', optional: false }, ctx),
    makeUnreadable: () => createReadSource({ type: 'wordpress-popular-posts', url: dead, limit: 20, range: 'last7days', optional: false }, ctx),
    context: () => context(),
    expected: TRUTH,
    cleanup: async () => {
      await server.close();
      await tmp.cleanup();
    },
  };
});

readSourceContract('the same week: ga4 API', async () => {
  const tmp = await tempDir();
  const api = await startGa4Fake(tmp.dir, GA4_ROWS);
  const dead = await deadUrl();
  const ctx = { configDir: tmp.dir, issueKey: WEEK.key, retry: instant, secrets: { googleCredentialsFile: api.keyFile } };
  const cfg = { type: 'ga4', property: PROPERTY, dimension: 'pagePath', metric: 'screenPageViews', timeoutSeconds: 5, optional: false } as const;
  return {
    make: () => createReadSource({ ...cfg, url: api.url, pageSize: 4 }, ctx),
    makeUnreadable: () => createReadSource({ ...cfg, url: dead }, ctx),
    context: () => context(),
    expected: TRUTH,
    cleanup: async () => {
      await api.close();
      await tmp.cleanup();
    },
  };
});

readSourceContract('the same week: plausible API', async () => {
  const api = await startPlausibleFake(PLAUSIBLE_ROWS);
  const dead = await deadUrl();
  const ctx = { configDir: FIXTURES, issueKey: WEEK.key, retry: instant, secrets: { plausibleApiKey: PLAUSIBLE_KEY } };
  const cfg = { type: 'plausible', siteId: SITE_ID, metric: 'pageviews', timeoutSeconds: 5, optional: false } as const;
  return {
    make: () => createReadSource({ ...cfg, url: api.url, pageSize: 2 }, ctx),
    makeUnreadable: () => createReadSource({ ...cfg, url: dead }, ctx),
    context: () => context(),
    expected: TRUTH,
    cleanup: api.close,
  };
});

readSourceContract('the same week: matomo API', async () => {
  const api = await startMatomoFake(MATOMO_ROWS);
  const dead = await deadUrl();
  const ctx = { configDir: FIXTURES, issueKey: WEEK.key, retry: instant, secrets: { matomoToken: MATOMO_TOKEN } };
  const cfg = { type: 'matomo', idSite: ID_SITE, metric: 'nb_hits', timeoutSeconds: 5, optional: false } as const;
  return {
    make: () => createReadSource({ ...cfg, url: api.url, pageSize: 4 }, ctx),
    makeUnreadable: () => createReadSource({ ...cfg, url: dead }, ctx),
    context: () => context(),
    expected: TRUTH,
    cleanup: api.close,
  };
});
