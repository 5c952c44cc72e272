// What a subscriber sees and does: the unsubscribe and preferences pages of `roundup serve` in headless
// Chromium, over real HTTP on 127.0.0.1 with a real SQLite file. Needs Debian's chromium at /usr/bin/chromium.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getSubscriber } from '../../src/store/index.js';
import { signToken } from '../../src/tokens/signed-token.js';
import { startSubscriberServer, type SubscriberServer } from '../../src/web/subscriber/index.js';
import { SECRET, SENT_ISSUE, makeWorld, sampleConfig } from '../web/subscriber/fixture.js';

let browser: Browser;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function start(): Promise<{ server: SubscriberServer; world: ReturnType<typeof makeWorld> }> {
  const world = makeWorld();
  const config = sampleConfig('https://news.example', (c) => ({ ...c, web: { ...c.web, serve: { ...c.web.serve, signup: { ...c.web.serve.signup, enabled: false } } } }));
  const server = await startSubscriberServer({ config, env: { secret: SECRET, db: world.dbFile }, port: 0 });
  open.push(server);
  return { server, world };
}

async function newPage(width = 375): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  open.push(context);
  const page = await context.newPage();
  // nothing leaves the machine: the pages have no external assets, and this proves it
  const external: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('http://127.0.0.1:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  Object.assign(page, { external });
  return page;
}

const noHorizontalScroll = (page: Page) =>
  page.evaluate<boolean>('document.scrollingElement.scrollWidth <= window.innerWidth');

/** Every visible form control has a label that names it (accessibility). */
const unlabelled = (page: Page) =>
  page.evaluate<string[]>(
    "[...document.querySelectorAll('input:not([type=hidden]), button')].filter((el) => el.offsetParent !== null && !(el.labels && el.labels.length) && !el.textContent.trim()).map((el) => el.outerHTML)",
  );

describe('subscriber pages in Chromium', () => {
  it('the unsubscribe link opens a page; only the button unsubscribes', async () => {
    const { server, world } = await start();
    const token = signToken({ p: 'unsubscribe', s: world.ids.ada, i: SENT_ISSUE }, SECRET);
    const page = await newPage();
    const response = await page.goto(`${server.url}/u/${token}`);
    expect(response?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Unsubscribe');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
    expect(await page.title()).toContain('Identity Wire');
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.reload();
    expect(getSubscriber(world.db, world.ids.ada)!.status).toBe('active');

    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('You will not get Identity Wire');
    const ada = getSubscriber(world.db, world.ids.ada)!;
    expect(ada.status).toBe('unsubscribed');
    expect(ada.leftVia).toBe('page');
    expect((page as Page & { external: string[] }).external).toEqual([]);
  });

  it('the preferences page works with the keyboard and the mouse', async () => {
    const { server, world } = await start();
    const page = await newPage();
    await page.goto(`${server.url}/p/${signToken({ p: 'preferences', s: world.ids.ada }, SECRET)}`);
    expect(await unlabelled(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await page.getByLabel('Opinion').isChecked()).toBe(true);

    // keyboard: into the name field, retype it, Tab through the topics, Space ticks "Events"
    await page.getByLabel('Your name').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Ada Lovelace');
    const focusedLabel = () => page.evaluate<string>("document.activeElement.labels?.[0]?.textContent.trim() ?? document.activeElement.textContent.trim()");
    for (let i = 0; i < 10 && (await focusedLabel()) !== 'Events'; i++) await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Events');
    await page.keyboard.press('Space');
    // the focus ring shows where the keyboard is
    expect(await page.evaluate<string>("getComputedStyle(document.activeElement).outlineStyle")).not.toBe('none');
    // mouse: untick "Opinion" by its label, tick pause
    await page.getByText('Opinion', { exact: true }).click();
    await page.getByText('Pause my subscription').click();
    // keyboard again: Tab to the save button and press Enter
    for (let i = 0; i < 10 && (await focusedLabel()) !== 'Save preferences'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await page.getByText('Your preferences are saved.').waitFor();
    const ada = getSubscriber(world.db, world.ids.ada)!;
    expect(ada.name).toBe('Ada Lovelace');
    expect(ada.topics).toEqual(['Events']);
    expect(ada.status).toBe('paused');
    expect(await page.getByLabel('Events').isChecked()).toBe(true);
    expect(await page.getByLabel('Opinion').isChecked()).toBe(false);
    expect(await page.getByLabel(/Pause my subscription/).isChecked()).toBe(true);

    // and leaving from here, with the mouse
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    const left = getSubscriber(world.db, world.ids.ada)!;
    expect(left.status).toBe('unsubscribed');
    expect(left.leftVia).toBe('preferences');
  });

  it('view in browser shows the sent issue without anyone\'s data', async () => {
    const { server } = await start();
    const page = await newPage(600);
    await page.goto(`${server.url}/issues/${SENT_ISSUE}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Issue ${SENT_ISSUE}`);
    expect(await page.textContent('body')).toContain('This email was sent to you.');
    await page.goto(`${server.url}/issues/`);
    await page.getByRole('link', { name: 'Passkeys everywhere' }).click();
    await page.waitForURL(`${server.url}/issues/${SENT_ISSUE}`);
  });
});
