import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentSourceConfig } from '../../../src/config/sources-schema.js';
import { createContentSource } from '../../../src/sources/create-content-source.js';
import { FeedSource } from '../../../src/sources/feed-source.js';
import { JsonSource } from '../../../src/sources/json-source.js';
import { WordPressSource } from '../../../src/sources/wordpress-source.js';
import { week48 } from './content-source-contract.js';
import { FIXTURES } from './fixture-server.js';

const ctx = { configDir: '/srv/roundup/config', issueKey: '2026-W48' };
const make = (raw: unknown) => createContentSource(ContentSourceConfig.parse(raw), ctx);

describe('createContentSource', () => {
  it('builds each type, resolving paths against the config folder and filling {week}', () => {
    const feed = make({ type: 'feed', path: 'sample/feed-{week}.xml' });
    expect(feed).toBeInstanceOf(FeedSource);
    expect(feed.location).toBe('/srv/roundup/config/sample/feed-2026-W48.xml');
    expect(feed.name).toBe('feed:sample/feed-2026-W48.xml');

    const json = make({ type: 'json', url: 'https://cms.example/{week}/stories.json', name: 'cms' });
    expect(json).toBeInstanceOf(JsonSource);
    expect(json.location).toBe('https://cms.example/2026-W48/stories.json');
    expect(json.name).toBe('cms');

    const wp = make({ type: 'wordpress', url: 'https://www.example.com' });
    expect(wp).toBeInstanceOf(WordPressSource);
    expect(wp.name).toBe('wordpress:https://www.example.com');
    expect(wp.location).toBe('https://www.example.com');
  });

  it('keeps absolute paths as they are', () => {
    expect(make({ type: 'json', path: '/data/stories.json' }).location).toBe('/data/stories.json');
  });

  it('gives a source that reads the resolved file', async () => {
    const source = createContentSource(ContentSourceConfig.parse({ type: 'feed', path: 'feeds/atom.xml' }), {
      configDir: FIXTURES,
      issueKey: '2026-W48',
    });
    expect(source.location).toBe(join(FIXTURES, 'feeds', 'atom.xml'));
    expect((await source.load(week48())).items.length).toBe(3);
  });
});
