// The site's pictures from `site.mediaDir`: the preview and `roundup serve` serve the folder under /media/ (static
// files, `..` refused) and show the pictures under `site.mediaUrl` from there; the messages keep the real URLs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localMediaUrls } from '../../src/render/local-media-urls.js';
import { saveSnapshot, markIssue, sqliteStore } from '../../src/store/index.js';
import { createSubscriberApp } from '../../src/web/subscriber/index.js';
import { testSnapshot } from '../snapshot/test-snapshot.js';
import { testPreview, type TestPreview } from './preview/helpers.js';
import { CONFIG_YAML, makePreviewSite, WEEK, type PreviewSite } from './preview/preview-site.js';
import { makeWorld, sampleConfig, SECRET } from './subscriber/fixture.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('localMediaUrls', () => {
  it('points pictures under mediaUrl at the local base, and nothing else', () => {
    const html = '<img src="https://news.example.org/media/a.png"><img class="x" src=\'https://news.example.org/media/sub/b.png\'>' +
      '<a href="https://news.example.org/media/a.png">link</a><img src="https://cdn.example/media/c.png"><img src="https://news.example.org/mediaX/d.png">';
    expect(localMediaUrls(html, 'https://news.example.org/media', '/media/')).toBe(
      '<img src="/media/a.png"><img class="x" src=\'/media/sub/b.png\'>' +
        '<a href="https://news.example.org/media/a.png">link</a><img src="https://cdn.example/media/c.png"><img src="https://news.example.org/mediaX/d.png">',
    );
  });
});

describe('the preview with site.mediaDir', () => {
  let site: PreviewSite;
  let preview: TestPreview;
  afterEach(() => {
    preview.hub.close();
    site.remove();
  });

  it('serves the folder at /media/, refuses `..`, and the email frames show the pictures from there', async () => {
    site = makePreviewSite();
    site.write('roundup.yaml', CONFIG_YAML.replace('  language: en-GB\n', '  language: en-GB\n  mediaUrl: https://news.example.org/media/\n  mediaDir: pictures\n'));
    mkdirSync(join(site.dir, 'pictures'), { recursive: true });
    writeFileSync(join(site.dir, 'pictures', 'passkeys-arrive.png'), PNG);
    writeFileSync(join(site.dir, 'secret.txt'), 'not for the browser');
    preview = testPreview(site);

    const res = await preview.get('/media/passkeys-arrive.png');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    expect((await preview.get('/media/..%2Fsecret.txt')).status).toBe(403);
    // `%2e%2e` is `..` to a URL parser: the path resolves to /secret.txt, outside /media/, which nothing serves
    const dotted = await preview.get('/media/%2e%2e/secret.txt');
    expect(dotted.status).toBe(404);
    expect(await dotted.text()).not.toContain('not for the browser');
    expect((await preview.get('/media/nope.png')).status).toBe(404);

    const html = await (await preview.get(`/email?week=${WEEK}&view=desktop`)).text();
    expect(html).toContain('src="/media/passkeys-arrive.png"');
    expect(html).not.toContain('src="https://news.example.org/media/');
    // the message a subscriber gets keeps the real URL
    const built = await preview.state.build(WEEK);
    expect(built.ok && built.issue.shown.rendered.html).toContain('src="https://news.example.org/media/passkeys-arrive.png"');
  });

  it('without mediaDir there is no /media/ route and the pictures keep their URLs', async () => {
    site = makePreviewSite();
    preview = testPreview(site);
    expect((await preview.get('/media/passkeys-arrive.png')).status).toBe(404);
    expect(await (await preview.get(`/email?week=${WEEK}&view=desktop`)).text()).toContain('src="https://news.example.org/media/');
  });
});

describe('roundup serve with site.mediaDir', () => {
  it('serves the folder at /media/ (`..` refused, GET only) and "view in browser" shows the pictures from there', async () => {
    const world = makeWorld();
    mkdirSync(join(world.dir, 'pictures'));
    writeFileSync(join(world.dir, 'pictures', 'a.png'), PNG);
    writeFileSync(join(world.dir, 'roundup.db-secret'), 'no');
    saveSnapshot(world.db, testSnapshot('2026-W45', { html: '<html><body><img src="https://www.identitywire.example/media/a.png" alt="A"></body></html>' }), { by: 'send', now: new Date('2026-11-09T07:00:00Z') });
    markIssue(world.db, '2026-W45', 'sent', { now: new Date('2026-11-09T08:00:00Z') });
    const app = createSubscriberApp({ store: sqliteStore(world.db),
      config: sampleConfig(),
      secret: SECRET,
      media: { dir: join(world.dir, 'pictures'), url: 'https://www.identitywire.example/media/' },
    });
    const get = (path: string, method = 'GET') => app(new Request(`http://127.0.0.1:8080${path}`, { method }));
    const png = await get('/media/a.png');
    expect(png.status).toBe(200);
    expect(Buffer.from(await png.arrayBuffer())).toEqual(PNG);
    expect((await get('/media/..%2Froundup.db-secret')).status).toBe(403);
    expect((await get('/media/a.png', 'POST')).status).toBe(405);
    const page = await get('/issues/2026-W45');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<img src="/media/a.png" alt="A">');
    expect(page.headers.get('content-security-policy')).toContain("img-src 'self'");

    const without = createSubscriberApp({ store: sqliteStore(world.db), config: sampleConfig(), secret: SECRET });
    expect((await without(new Request('http://127.0.0.1:8080/media/a.png'))).status).toBe(404);
  });
});
