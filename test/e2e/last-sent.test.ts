// The preview's panel of the last sent issue in headless Chromium: the inline SVG chart is drawn (bars with a
// size), fits its panel, and the most-clicked stories are marked where an editor reads them.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../config/sample/generate.js';
import { readEnv } from '../../src/config/index.js';
import { markIssue, openDatabase, recordClick, saveSnapshot } from '../../src/store/index.js';
import type { IssueLink } from '../../src/types.js';
import { startPreview, type RunningPreview } from '../../src/web/preview/start-preview.js';
import { testSnapshot } from '../snapshot/test-snapshot.js';

const NOW = new Date('2026-11-25T12:00:00Z');
let dir: string;
let preview: RunningPreview;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roundup-e2e-last-sent-'));
  cpSync(resolve('config'), dir, { recursive: true });
  if (!existsSync(join(dir, 'sample', 'feed.xml'))) generateSample(join(dir, 'sample'));
  const dbFile = join(dir, 'roundup.db');
  const db = openDatabase(dbFile);
  const snapshot = testSnapshot('2026-W46');
  const links: IssueLink[] = snapshot.digest.sections.flatMap((s) => s.stories.slice(0, 2).map((story, i): IssueLink => ({ id: `${s.id}:${i + 1}`, url: story.url, kind: 'story', section: s.id, story: story.url })));
  saveSnapshot(db, testSnapshot('2026-W46', { links, subject: 'Sent last week' }), { by: 'send', now: new Date('2026-11-16T07:00:00Z') });
  markIssue(db, '2026-W46', 'sent', { now: new Date('2026-11-16T08:00:00Z') });
  links.forEach((_, link) => {
    for (let i = 0; i < (link * 7) % 11; i++) recordClick(db, { issue: '2026-W46', link, now: NOW });
  });
  recordClick(db, { issue: '2026-W46', link: 0, scanner: 'agent', now: NOW });
  db.close();
  preview = await startPreview({ configFile: join(dir, 'roundup.yaml'), env: readEnv({ ROUNDUP_DB: dbFile }), port: 0, now: () => NOW });
  await preview.watching();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the last sent issue on the preview page, in a browser', () => {
  it('draws the clicks chart inside its panel and marks the most-clicked stories', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => (route.request().url().startsWith(preview.url) ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(`${preview.url}/?week=2026-W47`, { waitUntil: 'load' });
    const panel = page.locator('#last-sent');
    await expect.poll(() => panel.isVisible()).toBe(true);
    const chart = panel.locator('svg.clicks-chart');
    const box = (await chart.boundingBox())!;
    const panelBox = (await panel.boundingBox())!;
    expect(box.width).toBeGreaterThan(200);
    expect(box.height).toBeGreaterThan(20);
    expect(box.x + box.width).toBeLessThanOrEqual(panelBox.x + panelBox.width);
    const bars = await chart.locator('rect').evaluateAll((rects) => rects.map((r) => (r as unknown as { getBBox(): { width: number } }).getBBox().width));
    expect(bars.length).toBeGreaterThan(1);
    expect(bars.every((w) => w >= 0)).toBe(true);
    expect(Math.max(...bars)).toBeGreaterThan(50);
    expect(await chart.getAttribute('aria-label')).toBe('Clicks by section in 2026-W46');
    await expect.poll(() => panel.getByText('★ most clicked').count()).toBe(3);
    await context.close();
  });
});
