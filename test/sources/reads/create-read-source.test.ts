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
});
