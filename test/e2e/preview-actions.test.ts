// The editor's desk in headless Chromium: the bar at the top, and every story button of the preview acting on the
// override file (its hand-written comments kept) with the page coming back with the change. The sample config is
// copied to a temp folder and the preview started in-process (file watcher included) on 127.0.0.1.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateSample } from '../../config/sample/generate.js';
import { readEnv } from '../../src/config/index.js';
import { startPreview, type RunningPreview } from '../../src/web/preview/start-preview.js';

const WEEK = '2026-W47';
const NOW = new Date('2026-11-25T12:00:00Z');
const HAND = `# ${WEEK}: the editor's notes, written by hand
subject: "The week in identity" # agreed with the desk on Monday

# nothing pinned yet: the buttons fill in the rest
`;
let dir: string;
let file: string;
let preview: RunningPreview;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roundup-e2e-desk-'));
  cpSync(resolve('config'), dir, { recursive: true });
  if (!existsSync(join(dir, 'sample', 'feed.xml'))) generateSample(join(dir, 'sample'));
  file = join(dir, 'issues', `${WEEK}.yaml`);
  mkdirSync(join(dir, 'issues'), { recursive: true });
  preview = await startPreview({
    configFile: join(dir, 'roundup.yaml'),
    // an SMTP_URL, so that the bar has its "send a test" form (nothing is sent in these tests)
    env: readEnv({ ROUNDUP_DB: join(dir, 'roundup.db'), SMTP_URL: 'smtp://127.0.0.1:9' }),
    port: 0,
    now: () => NOW,
  });
  await preview.watching();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  // every test starts from the hand-written file, and the preview has seen it
  writeFileSync(file, HAND);
  await preview.state.nextChange(3000);
});

async function openPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  // only the preview is reachable (the sample's pictures come from it: site.mediaDir)
  await context.route('**/*', (route) => (route.request().url().startsWith(preview.url) ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(`${preview.url}/?week=${WEEK}`, { waitUntil: 'load' });
  return page;
}

const override = () => parse(readFileSync(file, 'utf8')) as Record<string, any>;
const keepsComments = () => {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(`# ${WEEK}: the editor's notes, written by hand\n`);
  expect(text).toContain('# agreed with the desk on Monday');
  expect(text).toContain('# nothing pinned yet: the buttons fill in the rest');
};
/** The titles of a section as the page lists them. */
const titles = (page: Page, section: string) => page.locator(`#section-${section} .story-title`).allTextContents();
/** Clicks a button of a story row and waits for the page it leads to. */
async function press(page: Page, row: ReturnType<Page['locator']>, action: string): Promise<void> {
  await Promise.all([page.waitForURL(/notice=/, { timeout: 30_000 }), row.locator(`button[name="action"][value="${action}"]`).click()]);
}

describe('the editor\'s desk in a browser', () => {
  it('the bar is visible without scrolling at 1280x800 and stays at the top while scrolling; Left out is folded', async () => {
    const page = await openPage();
    const inView = async (selector: string) => {
      const box = await page.locator(selector).first().boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 800 && box.x >= 0 && box.x + box.width <= 1280;
    };
    for (const selector of ['#action-bar', '.inbox-line', '#subject', '#approval-status', '#checks-state', '#approve', '#addresses', '#send-test', '#week']) {
      expect(await inView(selector), selector).toBe(true);
    }
    // the preheader follows the subject on the inbox line (cut with an ellipsis where the line ends, as inboxes do)
    const preheader = (await page.locator('.inbox-preheader').boundingBox())!;
    expect(preheader.x).toBeLessThan(1200);
    expect(preheader.y + preheader.height).toBeLessThan(200);
    expect((await page.locator('#action-bar').boundingBox())!.height).toBeLessThan(200);
    await page.mouse.wheel(0, 4000);
    await expect.poll(() => page.evaluate<number>('window.scrollY')).toBeGreaterThan(1000);
    for (const selector of ['#approve', '#subject', '#send-test']) expect(await inView(selector), `${selector} after scrolling`).toBe(true);
    // folded: its rows are not shown until opened; the summary counts them by reason
    expect(await page.locator('#left-out').getAttribute('open')).toBeNull();
    expect(await page.locator('#left-out summary').textContent()).toMatch(/Left out \d+ .*\d+ [a-z]/);
    expect(await page.locator('#left-out table').isVisible()).toBe(false);
    await page.context().close();
  });

  it('pin: the override file gets the URL with its comments kept, the page comes back with the story pinned, Undo restores the file', async () => {
    const page = await openPage();
    const row = page.locator('#section-latest li.story').last();
    const url = (await row.getAttribute('data-url'))!;
    const title = (await row.locator('.story-title').textContent())!;
    await press(page, row, 'pin');
    // the page the button led to is built from the new file: it does not reload once more when the watcher sees it
    await page.evaluate('window.__landed = true');
    await page.waitForTimeout(1500);
    expect(await page.evaluate('window.__landed')).toBe(true);
    keepsComments();
    expect(override()).toMatchObject({ subject: 'The week in identity', pin: [url] });
    await expect.poll(() => page.locator('#notice').textContent()).toBe(`Pinned “${title}”.`);
    expect(await titles(page, 'featured')).toContain(title);
    expect(await page.locator(`li.story[data-url="${url}"] .mark`).first().textContent()).toBe('pinned');

    await Promise.all([page.waitForURL(/notice=/), page.locator('#undo').click()]);
    expect(readFileSync(file, 'utf8')).toBe(HAND);
    await expect.poll(() => page.locator('#notice').textContent()).toBe(`Undone: pinned “${title}”.`);
    expect(await titles(page, 'featured')).not.toContain(title);
    await page.context().close();
  });

  it('exclude, then take it back in from Left out', async () => {
    const page = await openPage();
    const row = page.locator('#section-most-read li.story').first();
    const url = (await row.getAttribute('data-url'))!;
    const title = (await row.locator('.story-title').textContent())!;
    await press(page, row, 'exclude');
    keepsComments();
    expect(override().exclude).toEqual([url]);
    expect(await titles(page, 'most-read')).not.toContain(title);
    // the page comes back at the story: now in Left out, which the browser unfolds to show it
    await expect.poll(() => page.locator('#left-out').getAttribute('open')).not.toBeNull();
    const left = page.locator('#left-out tr', { hasText: title });
    expect(await left.isVisible()).toBe(true);
    await expect.poll(() => left.locator('code').textContent()).toBe('excluded');
    await Promise.all([page.waitForURL(/notice=/), left.locator('button[value="include"]').click()]);
    expect(override().exclude).toEqual([]);
    expect(await titles(page, 'most-read')).toContain(title);
    await page.context().close();
  });

  it('move down and up within the section', async () => {
    const page = await openPage();
    const before = await titles(page, 'most-read');
    await press(page, page.locator('#section-most-read li.story').first(), 'down');
    keepsComments();
    expect(await titles(page, 'most-read')).toEqual([before[1], before[0], ...before.slice(2)]);
    expect(override().order['most-read']).toHaveLength(before.length);
    await press(page, page.locator('#section-most-read li.story').nth(1), 'up');
    expect(await titles(page, 'most-read')).toEqual(before);
    await page.context().close();
  });

  it('move to another section', async () => {
    const page = await openPage();
    const row = page.locator('#section-latest li.story').first();
    const url = (await row.getAttribute('data-url'))!;
    const title = (await row.locator('.story-title').textContent())!;
    await row.locator('select[name="to"]').selectOption('opinion');
    await press(page, row, 'move');
    keepsComments();
    expect(override().stories).toEqual({ [url]: { section: 'opinion' } });
    expect((await titles(page, 'opinion'))[0]).toBe(title);
    expect(await titles(page, 'latest')).not.toContain(title);
    await page.context().close();
  });

  it('edit the headline and blurb for this issue: the email shows them; and a second open page reloads by itself', async () => {
    const page = await openPage();
    const other = await openPage();
    await other.evaluate('window.__before = true');
    await other.waitForTimeout(300); // its event stream is connected
    const row = page.locator('#section-most-read li.story').first();
    const url = (await row.getAttribute('data-url'))!;
    await row.locator('details.edit summary').click();
    await row.locator('input[name="title"]').fill('Our own headline: the week’s lead');
    await row.locator('textarea[name="excerpt"]').fill('Two lines of our own, for this issue only.');
    await Promise.all([page.waitForURL(/notice=/), row.locator('button[value="edit"]').click()]);
    keepsComments();
    expect(override().stories[url]).toEqual({ title: 'Our own headline: the week’s lead', excerpt: 'Two lines of our own, for this issue only.' });
    expect((await titles(page, 'most-read'))[0]).toBe('Our own headline: the week’s lead');
    const email = page.frame({ url: /view=desktop/ })!;
    await email.waitForLoadState('load');
    await expect.poll(() => email.locator('body').innerText()).toContain('Two lines of our own, for this issue only.');
    // the other tab reloaded by itself (the file watcher and its event stream) and shows the new headline
    await expect.poll(() => other.locator('#section-most-read .story-title').first().textContent(), { timeout: 20_000 }).toBe('Our own headline: the week’s lead');
    expect(await other.evaluate('window.__before')).toBeUndefined();
    await other.context().close();
    await page.context().close();
  });

  it('keeps the test addresses typed across a reload', async () => {
    const page = await openPage();
    await page.locator('#addresses').fill('Jane Doe <jane@example.com>, desk@example.com');
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('#addresses').inputValue()).toBe('Jane Doe <jane@example.com>, desk@example.com');
    await page.context().close();
  });

  it('the email frames show the sample pictures, served from the preview', async () => {
    const page = await openPage();
    const email = page.frame({ url: /view=desktop/ })!;
    await email.waitForLoadState('load');
    const images = await email.evaluate<{ src: string | null; loaded: boolean }[]>(
      '[...document.images].map((i) => ({ src: i.getAttribute("src"), loaded: i.complete && i.naturalWidth > 0 }))',
    );
    expect(images.length).toBeGreaterThan(3);
    for (const image of images) expect(image, image.src ?? '').toMatchObject({ loaded: true, src: expect.stringMatching(/^\/media\//) });
    await page.context().close();
  });
});
