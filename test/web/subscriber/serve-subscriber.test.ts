// `roundup serve` over real HTTP on 127.0.0.1: a real SQLite file, a real SMTP server read back with mailparser.
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { getSubscriber, getSubscriberByEmail, openDatabase } from '../../../src/store/index.js';
import { signToken } from '../../../src/tokens/signed-token.js';
import { startSubscriberServer, type SubscriberServer } from '../../../src/web/subscriber/index.js';
import { startSmtpPeer, type SmtpPeer } from '../../deliver/helpers/smtp-peer.js';
import { SECRET, SENT_ISSUE, makeWorld, sampleConfig } from './fixture.js';
import { freePort } from './free-port.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of open.splice(0).reverse()) await s.close();
});

async function start(): Promise<{ server: SubscriberServer; smtp: SmtpPeer; world: ReturnType<typeof makeWorld>; logs: string[] }> {
  const world = makeWorld();
  const smtp = await startSmtpPeer();
  open.push(smtp);
  const port = await freePort();
  const logs: string[] = [];
  const server = await startSubscriberServer({
    config: sampleConfig(`http://127.0.0.1:${port}`),
    env: { secret: SECRET, smtpUrl: smtp.url, db: world.dbFile },
    port,
    log: (l) => logs.push(l),
  });
  open.push(server);
  return { server, smtp, world, logs };
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

async function waitFor<T>(probe: () => T | undefined, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('roundup serve over HTTP', () => {
  it('one-click POST unsubscribes and is idempotent; GET does not; altered tokens change nothing', async () => {
    const { server, world } = await start();
    const token = signToken({ p: 'unsubscribe', s: world.ids.ada, i: SENT_ISSUE }, SECRET);
    const url = `${server.url}/u/${token}`;

    const get = await fetch(url);
    expect(get.status).toBe(200);
    expect(await get.text()).toContain('Unsubscribe');
    expect(getSubscriber(world.db, world.ids.ada)!.status).toBe('active');

    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await fetch(`${server.url}/u/${altered}`, form({ 'List-Unsubscribe': 'One-Click' }))).status).toBe(404);
    expect((await fetch(`${server.url}/u/garbage`, form({ 'List-Unsubscribe': 'One-Click' }))).status).toBe(400);
    expect(getSubscriber(world.db, world.ids.ada)!.status).toBe('active');

    for (let i = 0; i < 2; i++) {
      const res = await fetch(url, form({ 'List-Unsubscribe': 'One-Click' }));
      expect(res.status).toBe(200);
      await res.text();
    }
    const ada = getSubscriber(world.db, world.ids.ada)!;
    expect(ada.status).toBe('unsubscribed');
    expect(ada.leftVia).toBe('one-click');
  });

  it('preferences save over HTTP (303 then the page)', async () => {
    const { server, world } = await start();
    const url = `${server.url}/p/${signToken({ p: 'preferences', s: world.ids.ada }, SECRET)}`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=save&name=Ada&topics=Events&topics=Opinion&paused=yes',
    });
    expect(res.status).toBe(200);
    expect(res.redirected).toBe(true);
    expect(await res.text()).toContain('Your preferences are saved.');
    const ada = getSubscriber(world.db, world.ids.ada)!;
    expect(ada.topics).toEqual(['Opinion', 'Events']);
    expect(ada.status).toBe('paused');
  });

  it('view in browser serves a sent issue; unknown keys and traversal get 404, bad encoding 400', async () => {
    const { server } = await start();
    const res = await fetch(`${server.url}/issues/${SENT_ISSUE}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('This email was sent to you.');
    expect((await fetch(`${server.url}/issues/2030-W01`)).status).toBe(404);
    expect((await fetch(`${server.url}/issues/..%2F..%2Froundup.db`)).status).toBe(404);
    expect((await fetch(`${server.url}/issues/%2e%2e/%2e%2e/roundup.db`)).status).toBe(404);
    expect((await fetch(`${server.url}/issues/%E0%A4%A`)).status).toBe(400);
    const archive = await (await fetch(`${server.url}/issues/`)).text();
    expect(archive).toContain(`/issues/${SENT_ISSUE}`);
  });

  it('sign-up mails a confirmation to a real SMTP server, and its link confirms', async () => {
    const { server, smtp, world } = await start();
    const res = await fetch(`${server.url}/subscribe`, form({ email: 'reader@example.org', name: 'Rea Der' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');
    expect(getSubscriberByEmail(world.db, 'reader@example.org')!.status).toBe('unconfirmed');

    const received = await waitFor(() => smtp.received.find((m) => m.rcpt === 'reader@example.org'));
    const mail = await simpleParser(received.raw);
    expect(mail.subject).toBe('Confirm your subscription to Identity Wire');
    expect(mail.from?.value[0]?.address).toBe('newsletter@identitywire.example');
    expect(mail.text).toContain('Hello Rea Der,');
    const link = /http:\/\/127\.0\.0\.1:\d+\/confirm\/\S+/.exec(mail.text ?? '')![0];
    expect(link.startsWith(`${server.url}/confirm/`)).toBe(true);
    expect(link).not.toContain('reader');
    expect(String(mail.html)).toContain(link);

    const page = await fetch(link);
    expect(await page.text()).toContain('Confirm my subscription');
    expect(getSubscriberByEmail(world.db, 'reader@example.org')!.status).toBe('unconfirmed');
    const confirmed = await fetch(link, form({ action: 'confirm' }));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('You are subscribed');
    expect(getSubscriberByEmail(world.db, 'reader@example.org')!.status).toBe('active');
  });

  it('rate-limits sign-ups by the connection address the adapter reports (a client-sent header is ignored)', async () => {
    const { server } = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${server.url}/subscribe`, {
        ...form({ email: `r${i}@example.org` }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-roundup-client-address': `203.0.113.${i}` },
      });
      statuses.push(res.status);
      await res.text();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('startSubscriberServer refuses to start without what it needs', () => {
  it('no ROUNDUP_SECRET: ENV_INVALID naming it; no SMTP_URL while sign-up is on: ENV_INVALID', async () => {
    const world = makeWorld();
    const config = sampleConfig();
    await expect(startSubscriberServer({ config, env: { db: world.dbFile, smtpUrl: 'smtp://127.0.0.1:1' }, port: 0 })).rejects.toSatisfy(
      (e: unknown) => isRoundupError(e, 'ENV_INVALID') && e.message.includes('ROUNDUP_SECRET'),
    );
    await expect(startSubscriberServer({ config, env: { db: world.dbFile, secret: SECRET }, port: 0 })).rejects.toSatisfy(
      (e: unknown) => isRoundupError(e, 'ENV_INVALID') && e.message.includes('SMTP_URL'),
    );
    const noSignup = sampleConfig('https://news.example', (c) => ({ ...c, web: { ...c.web, serve: { ...c.web.serve, signup: { ...c.web.serve.signup, enabled: false } } } }));
    const server = await startSubscriberServer({ config: noSignup, env: { db: world.dbFile, secret: SECRET }, port: 0 });
    open.push(server);
    expect((await fetch(`${server.url}/issues/`)).status).toBe(200);
    // the database it opened is the real file
    const db = openDatabase(world.dbFile);
    expect(getSubscriber(db, world.ids.ada)!.email).toBe('ada@example.com');
    db.close();
  });
});
