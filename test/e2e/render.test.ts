// What a reader sees: the sample issue in headless Chromium at phone and desktop-client widths, light and dark,
// with images and without, and what axe-core (the accessibility engine) finds in it.
// Needs Debian's chromium at /usr/bin/chromium (`npm run test:e2e`; .ci/run installs it).
import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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
let storyUrls: string[];

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
  storyUrls = [...built.digest.sections.flatMap((s) => s.stories.map((x) => x.url)), built.digest.featuredCompany!.url];
  await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

/** A page showing the issue; the sample's own images come from config/sample/media, nothing else loads. */
async function openIssue(width: number, colorScheme: 'light' | 'dark', images = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (images && url.startsWith(MEDIA_PREFIX)) {
      const file = normalize(join(MEDIA_DIR, decodeURIComponent(new URL(url).pathname.slice('/media/'.length))));
      if (file.startsWith(MEDIA_DIR) && existsSync(file)) {
        return route.fulfill({ body: await readFile(file), contentType: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' });
      }
    }
    return route.abort();
  });
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

// Two best-practice rules are about web pages, not emails, and are left out on purpose: `region` and
// `landmark-one-main` want every piece of content inside landmarks and one <main>. An email is shown inside its
// client's page, which has its own main; MJML marks the email as role="article" with aria-roledescription
// "email" (the pattern email-accessibility work recommends), and a <main> of ours would be a second one.
const PAGE_ONLY_RULES = ['region', 'landmark-one-main'];

describe.each([
  [375, 'light'],
  [375, 'dark'],
  [600, 'light'],
  [600, 'dark'],
] as const)('axe-core on the sample issue at %i px, %s', (width, scheme) => {
  it('finds no violations (WCAG 2.2 A and AA, and best practices)', async () => {
    const page = await openIssue(width, scheme);
    const results = await new AxeBuilder({ page }).disableRules(PAGE_ONLY_RULES).analyze();
    const found = results.violations.map((v) => `${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0]!.html.slice(0, 160)}`);
    expect(found).toEqual([]);
    // the rules that matter here did run and pass
    const passed = results.passes.map((r) => r.id);
    for (const id of ['color-contrast', 'link-name', 'aria-hidden-focus', 'html-has-lang', 'heading-order', 'page-has-heading-one']) expect(passed, id).toContain(id);
    // contrast axe could not decide is only one-character text (the rank numbers), which the build's contrast check covers
    for (const node of results.incomplete.filter((r) => r.id === 'color-contrast').flatMap((r) => r.nodes)) {
      expect(node.any.map((a) => a.message).join(' '), node.html).toMatch(/too short/);
    }
    if (width === 375) await page.screenshot({ path: join(SHOTS, `render-375-${scheme}.png`) });
    await page.context().close();
  });
});

describe('what a reader can use', () => {
  it('has one link per story for a screen reader, and footer links 44 px tall on a phone', async () => {
    const page = await openIssue(375, 'light');
    // links a screen reader lists: not aria-hidden, not inside anything aria-hidden
    const links = await page.evaluate<{ href: string; name: string }[]>(
      "[...document.querySelectorAll('a[href]')].filter((a) => !a.closest('[aria-hidden=\"true\"]')).map((a) => ({ href: a.href, name: (a.textContent || '').trim() }))",
    );
    const byHref = new Map<string, Set<string>>();
    for (const l of links) byHref.set(l.href, (byHref.get(l.href) ?? new Set()).add(l.name));
    for (const [href, names] of byHref) expect([...names], href).toHaveLength(1);
    expect(storyUrls.length).toBeGreaterThan(15);
    for (const url of storyUrls) expect(links.filter((l) => l.href.startsWith(`${url}?`)), url).toHaveLength(1);

    const heights = await page.evaluate<{ name: string; height: number }[]>(
      "[...document.querySelectorAll('a.rw-tap')].map((a) => ({ name: a.textContent.trim(), height: a.getBoundingClientRect().height }))",
    );
    expect(heights.map((h) => h.name)).toEqual(['View in your browser', 'Manage your preferences', 'Unsubscribe', 'View in your browser']);
    for (const h of heights) expect(h.height, h.name).toBeGreaterThanOrEqual(44);
    await page.context().close();
  });

  it('keeps every picture in its box with styled alt text when images are off', async () => {
    const page = await openIssue(600, 'light', false);
    const images = await page.evaluate<{ w: number; h: number; width: number; height: number; font: string; color: string }[]>(
      "[...document.images].map((i) => { const r = i.getBoundingClientRect(); const s = getComputedStyle(i); return { w: Number(i.getAttribute('width')), h: Number(i.getAttribute('height')), width: r.width, height: r.height, font: s.fontSize, color: s.color }; })",
    );
    expect(images.length).toBeGreaterThan(10);
    for (const image of images) {
      expect(image.h).toBeGreaterThan(0);
      expect(Math.round(image.width)).toBe(image.w);
      expect(Math.round(image.height)).toBe(image.h);
      expect(image.font).toBe('13px');
    }
    await page.screenshot({ path: join(SHOTS, 'render-600-images-off.png'), fullPage: true });
    await page.context().close();
  });

  it('shows no text under 13 px and keeps the preheader out of sight and out of the accessibility tree', async () => {
    const page = await openIssue(375, 'light');
    const small = await page.evaluate<string[]>(
      "[...document.querySelectorAll('body *')].filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '') && e.getClientRects().length > 0 && parseFloat(getComputedStyle(e).fontSize) < 13).map((e) => e.textContent.trim().slice(0, 40))",
    );
    expect(small).toEqual([]);
    const preheader = page.locator('.rw-preheader');
    await expect.poll(() => preheader.isVisible()).toBe(false);
    expect(await preheader.getAttribute('style')).toMatch(/display:none.*mso-hide:all/);
    await page.context().close();
  });
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
