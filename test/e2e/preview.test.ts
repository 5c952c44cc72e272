// The editors' preview in headless Chromium: the sample config copied to a temp folder, the preview server
// started in-process on 127.0.0.1, a real browser on the page. Needs Debian's chromium at /usr/bin/chromium.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../config/sample/generate.js';
import { readEnv } from '../../src/config/index.js';
import { getIssue, openDatabase } from '../../src/store/index.js';
import { serveHandler } from '../../src/web/serve-handler.js';
import { startPreview, type RunningPreview } from '../../src/web/preview/start-preview.js';

const WEEK = '2026-W47';
const NOW = new Date('2026-11-25T12:00:00Z');
let dir: string;
let preview: RunningPreview;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roundup-e2e-preview-'));
  cpSync(resolve('config'), dir, { recursive: true });
  // The sample data is generated, not committed everywhere: make it when the copy has none.
  if (!existsSync(join(dir, 'sample', 'feed.xml'))) generateSample(join(dir, 'sample'));
  preview = await startPreview({ configFile: join(dir, 'roundup.yaml'), env: readEnv({ ROUNDUP_DB: join(dir, 'roundup.db') }), port: 0, now: () => NOW });
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

/** A page on the preview; nothing but the preview server is reachable (the sample's images are not). */
async function openPreview(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.route('**/*', (route) => (route.request().url().startsWith(preview.url) ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(`${preview.url}/?week=${WEEK}`, { waitUntil: 'load' });
  return page;
}

describe('roundup preview in a browser', () => {
  it('shows the subject, and the phone frame (375 px) has no horizontal scroll', async () => {
    const page = await openPreview();
    const subject = (await page.locator('#subject').textContent()) ?? '';
    // the default subject leads with the top story, not the sender's name (the inbox shows that beside it)
    expect(subject).toMatch(/\S/);
    expect(subject.startsWith('Identity Wire')).toBe(false);
    await expect.poll(() => page.getByText(subject, { exact: true }).first().isVisible()).toBe(true);

    const phone = page.frame({ url: /view=phone/ });
    expect(phone).not.toBeNull();
    await phone!.waitForLoadState('load');
    const size = await phone!.evaluate<{ scrollWidth: number; innerWidth: number; title: number }>(
      '({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth, title: document.body.innerText.length })',
    );
    expect(size.innerWidth).toBeLessThanOrEqual(375);
    expect(size.innerWidth).toBeGreaterThan(300);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    expect(size.title).toBeGreaterThan(500);

    // The dark frame's document really is in dark mode.
    const dark = page.frame({ url: /view=dark/ })!;
    await dark.waitForLoadState('load');
    expect(await dark.evaluate<string>('getComputedStyle(document.documentElement).colorScheme')).toBe('dark');
    await page.context().close();
  });

  it('reloads by itself after the override file changes, and shows the new subject', async () => {
    const page = await openPreview();
    await page.evaluate('window.__beforeReload = true');
    // Let the page's event stream connect before the write.
    await expect.poll(() => page.evaluate<boolean>('document.readyState === "complete"')).toBe(true);
    await page.waitForTimeout(300);
    writeFileSync(join(dir, 'issues', `${WEEK}.yaml`), 'subject: "Edited live: the week in identity"\npreheader: Saved in the editor a moment ago\n');
    await expect.poll(() => page.locator('#subject').textContent(), { timeout: 20_000 }).toBe('Edited live: the week in identity');
    expect(await page.evaluate<unknown>('window.__beforeReload')).toBeUndefined();
    expect(await page.locator('.inbox-preheader').textContent()).toContain('Saved in the editor a moment ago');
    await page.context().close();
  });

  it('cannot be framed by another site: a click on the framed Approve approves nothing; the same click on the page itself does', async () => {
    const approved = () => {
      const db = openDatabase(join(dir, 'roundup.db'));
      try {
        return getIssue(db, WEEK)?.status === 'approved';
      } finally {
        db.close();
      }
    };
    expect(approved()).toBe(false);
    // a page on another origin (localhost, another port) that loads the preview in a frame over its own button
    const target = `${preview.url}/?week=${WEEK}`;
    const attacker = await serveHandler(
      async () =>
        new Response(
          `<!doctype html><title>Win a prize</title><button style="position:absolute;top:40px;left:40px">Claim</button>` +
            `<iframe id="trap" src="${target}" style="position:absolute;top:0;left:0;width:1400px;height:4000px;opacity:0.01;border:0"></iframe>`,
          { headers: { 'content-type': 'text/html', 'content-security-policy': "frame-ancestors 'none'" } },
        ),
      { port: 0 },
    );
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await page.goto(attacker.url.replace('127.0.0.1', 'localhost'), { waitUntil: 'load' });
      await page.waitForTimeout(1500);
      const framed = page.frames().find((f) => f !== page.mainFrame());
      expect(framed).toBeDefined();
      // the browser refused to show the preview inside the frame: nothing of it is there to click
      expect(framed!.url().startsWith(preview.url)).toBe(false);
      expect(await framed!.locator('#approve').count()).toBe(0);
      // click all over where the button would be
      for (let y = 100; y < 3000; y += 100) await page.mouse.click(300, y % 1000);
      expect(approved()).toBe(false);
      await context.close();
    } finally {
      await attacker.close();
    }
    // the control: the same button on the preview itself approves (the test above could have failed)
    const own = await openPreview();
    await own.locator('#approve').click();
    await expect.poll(approved, { timeout: 10_000 }).toBe(true);
    await own.context().close();
  });
});
