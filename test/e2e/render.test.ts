// What a reader sees: the sample issue in headless Chromium at phone and desktop-client widths.
// Needs Debian's chromium at /usr/bin/chromium (`npm run test:e2e`; .ci/run installs it).
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { buildIssue } from '../../src/job/build-issue.js';
import { fillParts } from '../../src/render/fill-tokens.js';
import { sampleTokenValues } from '../../src/render/sample-token-values.js';

const MEDIA_PREFIX = 'https://www.identitywire.example/media/';
const MEDIA_DIR = resolve('config/sample/media');
const SHOTS = resolve('out/screenshots');
const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.webp': 'image/webp' };

let browser: Browser;
let html: string;
let titles: string[];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // The real sample issue, built from the bundled sample site (sources, selection, rendering), not written.
  const loaded = loadConfig('config/roundup.yaml');
  const built = await buildIssue({ loaded, env: { db: ':memory:' }, week: '2026-W48', now: new Date('2026-12-01T00:00:00Z'), write: false });
  html = fillParts(built.rendered, sampleTokenValues(loaded.config.web.publicUrl)).html;
  const sections = built.digest.sections;
  titles = [
    sections[0]!.stories[0]!.title,
    sections.find((s) => s.kind === 'events')!.stories[0]!.title,
    built.digest.featuredCompany!.name,
  ];
  await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

describe.each([375, 600])('the sample issue at %i px', (width) => {
  it('has no horizontal scroll, alt text on every image, and a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    // The sample's images come from config/sample/media when they exist; nothing else leaves the machine.
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(MEDIA_PREFIX)) {
        const file = normalize(join(MEDIA_DIR, decodeURIComponent(new URL(url).pathname.slice('/media/'.length))));
        if (file.startsWith(MEDIA_DIR) && existsSync(file)) {
          return route.fulfill({ body: await readFile(file), contentType: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' });
        }
      }
      return route.abort();
    });
    await page.setContent(html, { waitUntil: 'load' });

    // Page code as strings: the project's TypeScript has no DOM library.
    const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
      '({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })',
    );
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);

    const images = await page.evaluate<{ src: string; alt: string; loaded: boolean }[]>(
      "[...document.images].map((img) => ({ src: img.src, alt: img.getAttribute('alt') ?? '', loaded: img.naturalWidth > 0 }))",
    );
    expect(images.length).toBeGreaterThan(10);
    for (const image of images) expect(image.alt.trim(), image.src).not.toBe('');
    // the sample's own images (mapped from config/sample/media) really load
    for (const image of images.filter((i) => i.src.startsWith(MEDIA_PREFIX))) expect(image.loaded, image.src).toBe(true);

    // Every story title is visible text, not hidden by the layout.
    for (const title of titles) {
      await expect.poll(() => page.getByText(title, { exact: true }).first().isVisible()).toBe(true);
    }

    const path = join(SHOTS, `render-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    expect((await readFile(path)).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  });
});
