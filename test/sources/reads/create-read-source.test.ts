import { describe, expect, it } from 'vitest';
import { ReadSourceConfig } from '../../../src/config/sources-schema.js';
import { createReadSource } from '../../../src/sources/reads/create-read-source.js';

const ctx = { configDir: '/srv/roundup/config', issueKey: '2026-W48' };
const make = (raw: unknown) => createReadSource(ReadSourceConfig.parse(raw), ctx);

describe('createReadSource', () => {
  it('resolves relative paths against the config folder and fills in {week}', () => {
    expect(make({ type: 'csv', path: 'reads/ga4-{week}.csv', format: 'ga4' }).location).toBe('/srv/roundup/config/reads/ga4-2026-W48.csv');
    expect(make({ type: 'csv', path: '/data/{week}/pages.csv' }).location).toBe('/data/2026-W48/pages.csv');
    expect(make({ type: 'access-log', path: ['logs/{week}.log.1.gz', '/var/log/nginx/access.log'] }).location).toBe(
      '/srv/roundup/config/logs/2026-W48.log.1.gz, /var/log/nginx/access.log',
    );
  });

  it('names a source after its type and location unless config names it', () => {
    expect(make({ type: 'csv', path: 'reads/ga4-{week}.csv' }).name).toBe('csv:reads/ga4-2026-W48.csv');
    expect(make({ type: 'access-log', path: 'a.log', name: 'nginx' }).name).toBe('nginx');
    expect(make({ type: 'access-log', path: ['a.log', 'b.log'] }).name).toBe('access-log:a.log,b.log');
    expect(make({ type: 'wordpress-popular-posts', url: 'https://www.identitywire.example' }).name).toBe(
      'wordpress-popular-posts:https://www.identitywire.example',
    );
  });

  it('points WordPress Popular Posts at the plugin endpoint with the configured limit and range', () => {
    const source = make({ type: 'wordpress-popular-posts', url: 'https://www.identitywire.example/', limit: 30 });
    expect(source.location).toBe(
      'https://www.identitywire.example/wp-json/wordpress-popular-posts/v1/popular-posts?limit=30&range=last7days&order_by=views',
    );
  });

  it('builds the analytics API sources with the vendor\'s URL by default and the secrets from the environment', () => {
    const secrets = { googleCredentialsFile: '/keys/sa.json', plausibleApiKey: 'k', matomoToken: 't' };
    const api = (raw: unknown) => createReadSource(ReadSourceConfig.parse(raw), { ...ctx, secrets });
    expect(api({ type: 'ga4', property: 'properties/123456789' })).toMatchObject({
      name: 'ga4:123456789',
      location: 'https://analyticsdata.googleapis.com/v1beta/properties/123456789:runReport',
    });
    expect(api({ type: 'plausible', siteId: 'example.com' })).toMatchObject({ name: 'plausible:example.com', location: 'https://plausible.io/api/v2/query' });
    expect(api({ type: 'matomo', url: 'https://stats.example.com/', idSite: 4, name: 'matomo' })).toMatchObject({
      name: 'matomo',
      location: 'https://stats.example.com/index.php',
    });
  });

  it('refuses API configs that cannot work, naming the key', () => {
    const issues = (raw: unknown) => ReadSourceConfig.safeParse(raw).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ type: 'ga4', property: 'UA-1234-1' })).toEqual(['property: expected the numeric GA4 property id, e.g. `123456789`']);
    expect(issues({ type: 'ga4', property: 1, dimension: 'pageTitle' })?.[0]).toMatch(/^dimension: /);
    expect(issues({ type: 'plausible', siteId: 'x', pathPrefix: 'news' })).toEqual(['pathPrefix: expected a path starting with `/`, e.g. `/news/`']);
    expect(issues({ type: 'matomo', idSite: 1 })?.[0]).toMatch(/^url: /);
  });
});
