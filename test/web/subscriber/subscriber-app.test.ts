// The subscriber endpoints called directly: Request in, Response out, against a real SQLite file.
import { describe, expect, it } from 'vitest';
import { getSubscriber, getSubscriberByEmail, removeSubscriber, setSubscriberStatus, sqliteStore } from '../../../src/store/index.js';
import { signToken } from '../../../src/tokens/signed-token.js';
import { createRateLimiter, createSubscriberApp } from '../../../src/web/subscriber/index.js';
import { DRAFT_ISSUE, SECRET, SENT_ISSUE, makeWorld, post, recordingMailer, sampleConfig } from './fixture.js';

const BASE = 'http://127.0.0.1:8080';
const ONE_CLICK = { 'List-Unsubscribe': 'One-Click' };

function setup(options: { perHour?: number; clock?: { now: Date } } = {}) {
  const clock = options.clock ?? { now: new Date('2026-11-25T12:00:00Z') };
  const world = makeWorld();
  const mailer = recordingMailer();
  const logs: string[] = [];
  const config = sampleConfig('https://news.example/', (c) => ({
    ...c,
    web: { ...c.web, serve: { ...c.web.serve, signup: { ...c.web.serve.signup, enabled: true, perHour: options.perHour ?? 5 } } },
  }));
  const app = createSubscriberApp({ store: sqliteStore(world.db),
    config,
    secret: SECRET,
    mailer,
    now: () => clock.now,
    log: (l) => logs.push(l),
  });
  const unsubscribeUrl = (id: number) => `${BASE}/u/${signToken({ p: 'unsubscribe', s: id, i: SENT_ISSUE }, SECRET)}`;
  const preferencesUrl = (id: number) => `${BASE}/p/${signToken({ p: 'preferences', s: id }, SECRET)}`;
  const status = (id: number) => getSubscriber(world.db, id)!.status;
  return { world, mailer, logs, app, unsubscribeUrl, preferencesUrl, status };
}

describe('one-click unsubscribe (/u/<token>)', () => {
  it('GET shows a page with a button and never unsubscribes', async () => {
    const { app, world, unsubscribeUrl, status } = setup();
    for (let i = 0; i < 3; i++) {
      const res = await app(new Request(unsubscribeUrl(world.ids.ada)));
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<form method="post"');
      expect(html).toContain('<button type="submit">Unsubscribe</button>');
      expect(html).not.toContain('ada@example.com');
    }
    const head = await app(new Request(unsubscribeUrl(world.ids.ada), { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(status(world.ids.ada)).toBe('active');
  });

  it('POST List-Unsubscribe=One-Click unsubscribes without a cookie, records how, and is idempotent', async () => {
    const { app, world, unsubscribeUrl, status } = setup();
    const first = await app(post(unsubscribeUrl(world.ids.ada), ONE_CLICK));
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('You are unsubscribed');
    const after = getSubscriber(world.db, world.ids.ada)!;
    expect(after.status).toBe('unsubscribed');
    expect(after.leftVia).toBe('one-click');
    expect(after.leftAt).toBe('2026-11-25T12:00:00.000Z');

    const again = await app(post(unsubscribeUrl(world.ids.ada), ONE_CLICK));
    expect(again.status).toBe(200);
    expect(status(world.ids.ada)).toBe('unsubscribed');
    expect(getSubscriber(world.db, world.ids.ada)!.leftAt).toBe(after.leftAt);
  });

  it('accepts the one-click body as multipart/form-data too (RFC 8058 allows it)', async () => {
    const { app, world, unsubscribeUrl, status } = setup();
    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    const res = await app(new Request(unsubscribeUrl(world.ids.ada), { method: 'POST', body }));
    expect(res.status).toBe(200);
    expect(status(world.ids.ada)).toBe('unsubscribed');
    expect(getSubscriber(world.db, world.ids.ada)!.leftVia).toBe('one-click');
  });

  it("the page's own button records `page`; a paused subscriber can leave too", async () => {
    const { app, world, unsubscribeUrl } = setup();
    const res = await app(post(unsubscribeUrl(world.ids.bo), { action: 'unsubscribe' }));
    expect(res.status).toBe(200);
    const bo = getSubscriber(world.db, world.ids.bo)!;
    expect(bo.status).toBe('unsubscribed');
    expect(bo.leftVia).toBe('page');
  });

  it('a token for a subscriber who no longer exists still answers 200 on POST (idempotent for mail providers)', async () => {
    const { app, unsubscribeUrl } = setup();
    expect((await app(post(unsubscribeUrl(9999), ONE_CLICK))).status).toBe(200);
  });

  it('forged, altered, cut, wrong-purpose and malformed tokens get 404/400 and change nothing', async () => {
    const { app, world, unsubscribeUrl, preferencesUrl, status } = setup();
    const good = unsubscribeUrl(world.ids.ada).split('/u/')[1]!;
    const [body, mac] = good.split('.') as [string, string];
    const forged = signToken({ p: 'unsubscribe', s: world.ids.ada }, 'another-secret-0123456789');
    const otherId = Buffer.from(JSON.stringify({ p: 'unsubscribe', s: world.ids.bo, i: SENT_ISSUE })).toString('base64url');
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    const cases: [string, number][] = [
      [forged, 404],
      [`${otherId}.${mac}`, 404],
      [`${body}.${flipped}`, 404],
      [`${body}.${mac.slice(0, 10)}`, 404],
      [preferencesUrl(world.ids.ada).split('/p/')[1]!, 404],
      [signToken({ p: 'confirm', s: world.ids.ada }, SECRET), 404],
      ['not-a-token', 400],
      [`${body}.${mac}%00`, 400],
      [encodeURIComponent('ada@example.com'), 400],
    ];
    for (const [token, expected] of cases) {
      const res = await app(post(`${BASE}/u/${token}`, ONE_CLICK));
      expect(res.status, token).toBe(expected);
      expect(await res.text()).toContain('This link does not work');
      expect((await app(new Request(`${BASE}/u/${token}`))).status, token).toBe(expected);
    }
    expect(status(world.ids.ada)).toBe('active');
    expect(status(world.ids.bo)).toBe('paused');
  });

  it('sends headers that keep the token out of Referer and caches', async () => {
    const { app, world, unsubscribeUrl } = setup();
    const res = await app(new Request(unsubscribeUrl(world.ids.ada)));
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('preferences (/p/<token>)', () => {
  it('shows the topics from the config, the subscriber\'s choices checked, and never the address', async () => {
    const { app, world, preferencesUrl } = setup();
    const html = await (await app(new Request(preferencesUrl(world.ids.ada)))).text();
    for (const topic of ['Opinion', 'Digital ID', 'White Papers', 'Events']) expect(html).toContain(`value="${topic}"`);
    expect(html).toMatch(/value="Opinion" checked/);
    expect(html).not.toMatch(/value="Events" checked/);
    expect(html).toContain('value="Ada"');
    expect(html).not.toContain('ada@example.com');
  });

  it('saves topics, name and pause, then redirects to the page with a notice', async () => {
    const { app, world, preferencesUrl } = setup();
    const url = preferencesUrl(world.ids.ada);
    const res = await app(post(url, { action: 'save', name: 'Ada L.', topics: ['Events', 'digital id', 'Made up'], paused: 'yes' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${new URL(url).pathname}?saved=1`);
    const ada = getSubscriber(world.db, world.ids.ada)!;
    expect(ada.topics).toEqual(['Digital ID', 'Events']);
    expect(ada.name).toBe('Ada L.');
    expect(ada.status).toBe('paused');
    const page = await (await app(new Request(`${url}?saved=1`))).text();
    expect(page).toContain('Your preferences are saved.');
    expect(page).toMatch(/name="paused" value="yes" checked/);

    await app(post(url, { action: 'save', name: 'Ada L.', topics: 'Opinion' }));
    const resumed = getSubscriber(world.db, world.ids.ada)!;
    expect(resumed.status).toBe('active');
    expect(resumed.topics).toEqual(['Opinion']);
  });

  it('does not offer a topic that changes nothing, and keeps it when the page is saved', async () => {
    const { app, world, preferencesUrl } = setup();
    world.db.prepare("UPDATE subscribers SET topics = '[\"Border Control\",\"Opinion\"]' WHERE id = ?").run(world.ids.ada);
    const html = await (await app(new Request(preferencesUrl(world.ids.ada)))).text();
    expect(html).not.toContain('Border Control');
    expect(html).toMatch(/value="Opinion" checked/);
    await app(post(preferencesUrl(world.ids.ada), { action: 'save', topics: ['Events', 'Border Control'] }));
    expect(getSubscriber(world.db, world.ids.ada)!.topics).toEqual(['Events', 'Border Control']);
  });

  it('unsubscribes from the page, recorded as `preferences`', async () => {
    const { app, world, preferencesUrl } = setup();
    const res = await app(post(preferencesUrl(world.ids.ada), { action: 'unsubscribe' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are unsubscribed');
    const ada = getSubscriber(world.db, world.ids.ada)!;
    expect(ada.status).toBe('unsubscribed');
    expect(ada.leftVia).toBe('preferences');
  });

  it('a subscriber who left cannot resume from preferences: that takes a new sign-up', async () => {
    const { app, world, preferencesUrl, status } = setup();
    const html = await (await app(new Request(preferencesUrl(world.ids.cy)))).text();
    expect(html).toContain('not subscribed');
    expect(html).not.toContain('name="topics"');
    const res = await app(post(preferencesUrl(world.ids.cy), { action: 'save', topics: 'Events' }));
    expect(res.status).toBe(303);
    expect(status(world.ids.cy)).toBe('unsubscribed');
    expect(getSubscriber(world.db, world.ids.cy)!.topics).toEqual([]);
  });

  it('bad tokens and unknown ids: 404/400, nothing saved', async () => {
    const { app, world, preferencesUrl, unsubscribeUrl, status } = setup();
    const wrongPurpose = unsubscribeUrl(world.ids.ada).split('/u/')[1]!;
    expect((await app(post(`${BASE}/p/${wrongPurpose}`, { action: 'unsubscribe' }))).status).toBe(404);
    expect((await app(post(preferencesUrl(424242), { action: 'save' }))).status).toBe(404);
    expect((await app(post(`${BASE}/p/nonsense`, { action: 'unsubscribe' }))).status).toBe(400);
    expect(status(world.ids.ada)).toBe('active');
  });
});

describe('view in browser and the archive', () => {
  it('serves a sent issue with neutral values: no subscriber data, no working personal links', async () => {
    const { app } = setup();
    const res = await app(new Request(`${BASE}/issues/${SENT_ISSUE}`));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`Issue ${SENT_ISSUE}`);
    expect(html).toContain('This email was sent to you.');
    expect(html).toContain('href="https://news.example/unsubscribe"');
    expect(html).toContain('href="https://news.example/preferences"');
    expect(html).not.toContain('@@ROUNDUP_');
    expect(html).not.toContain('example.com');
  });

  it('404 for an issue not sent yet, an unknown key, and path traversal; 400 for bad encoding', async () => {
    const { app } = setup();
    const cases: [string, number][] = [
      [`/issues/${DRAFT_ISSUE}`, 404],
      ['/issues/2026-W01', 404],
      ['/issues/..%2F..%2Froundup.db', 404],
      ['/issues/..%2f2026-W47', 404],
      ['/issues/%2e%2e/%2e%2e/roundup.db', 404],
      ['/issues/../../roundup.db', 404],
      ['/issues/2026-W47%2Findex.html', 404],
      ['/issues/%E0%A4%A', 400],
    ];
    for (const [path, expected] of cases) expect((await app(new Request(`${BASE}${path}`))).status, path).toBe(expected);
  });

  it('lists sent issues only, newest first, linking to their pages', async () => {
    const { app, world } = setup();
    const html = await (await app(new Request(`${BASE}/issues/`))).text();
    expect(html).toContain(`href="/issues/${SENT_ISSUE}"`);
    expect(html).toContain('Passkeys everywhere');
    expect(html).not.toContain(DRAFT_ISSUE);
    const redirect = await app(new Request(`${BASE}/issues`));
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/issues/');
    expect(world.db).toBeDefined();
  });
});

describe('sign-up with double opt-in', () => {
  it('creates an unconfirmed subscriber and mails a confirm link; GET confirms nothing, POST confirms', async () => {
    const { app, world, mailer } = setup();
    const form = await app(new Request(`${BASE}/subscribe`));
    expect(await form.text()).toContain('name="email"');
    const res = await app(post(`${BASE}/subscribe`, { email: 'new@example.org', name: 'New Reader' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');
    const created = getSubscriberByEmail(world.db, 'new@example.org')!;
    expect(created.status).toBe('unconfirmed');
    expect(created.joinedVia).toBe('signup');
    expect(mailer.sent).toHaveLength(1);
    const mail = mailer.sent[0]!;
    expect(mail.to).toBe('new@example.org');
    const link = /https:\/\/news\.example\/confirm\/[A-Za-z0-9_.-]+/.exec(mail.text)![0];
    expect(mail.html).toContain(link);
    expect(link).not.toContain('new%40');

    const path = new URL(link).pathname;
    const ask = await app(new Request(`${BASE}${path}`));
    expect(await ask.text()).toContain('Confirm my subscription');
    expect(getSubscriber(world.db, created.id)!.status).toBe('unconfirmed');
    const done = await app(post(`${BASE}${path}`, { action: 'confirm' }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You are subscribed');
    expect(getSubscriber(world.db, created.id)!.status).toBe('active');
    expect((await app(post(`${BASE}${path}`, { action: 'confirm' }))).status).toBe(200);
  });

  it('an active address gets the same answer and no mail; it stays as it was', async () => {
    const { app, world, mailer } = setup();
    const newcomer = await (await app(post(`${BASE}/subscribe`, { email: 'someone@example.org' }))).text();
    const existing = await (await app(post(`${BASE}/subscribe`, { email: 'ada@example.com', name: 'Mallory' }))).text();
    expect(existing).toBe(newcomer);
    expect(mailer.sent.map((m) => m.to)).toEqual(['someone@example.org']);
    const ada = getSubscriber(world.db, world.ids.ada)!;
    expect(ada.name).toBe('Ada');
    expect(ada.status).toBe('active');
  });

  it('re-subscribing after unsubscribing needs the confirmation again; the record stays until then', async () => {
    const { app, world, mailer, status } = setup();
    await app(post(`${BASE}/subscribe`, { email: 'cy@example.com' }));
    expect(status(world.ids.cy)).toBe('unsubscribed');
    expect(mailer.sent).toHaveLength(1);
    const path = new URL(/https:\/\/\S+\/confirm\/\S+/.exec(mailer.sent[0]!.text)![0]).pathname;
    await app(post(`${BASE}${path}`, { action: 'confirm' }));
    expect(status(world.ids.cy)).toBe('active');
  });

  it('refuses a bad address with the reason, stores nothing, sends nothing', async () => {
    const { app, world, mailer } = setup();
    const res = await app(post(`${BASE}/subscribe`, { email: 'not an address', name: '<b>x</b>' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).not.toContain('<b>x</b>');
    expect(mailer.sent).toHaveLength(0);
    expect(world.db.prepare('SELECT count(*) AS n FROM subscribers').get()).toEqual({ n: 3 });
  });

  it('a robot filling the hidden field gets the usual answer and nothing happens', async () => {
    const { app, world, mailer } = setup();
    const res = await app(post(`${BASE}/subscribe`, { email: 'bot@example.org', website: 'http://spam.example' }));
    expect(res.status).toBe(200);
    expect(getSubscriberByEmail(world.db, 'bot@example.org')).toBeUndefined();
    expect(mailer.sent).toHaveLength(0);
  });

  it('rate-limits sign-ups per client address (429) and confirmation mails per address', async () => {
    const { app, mailer } = setup({ perHour: 2 });
    const from = (ip: string) => ({ 'x-roundup-client-address': ip });
    expect((await app(post(`${BASE}/subscribe`, { email: 'a1@example.org' }, from('10.0.0.1')))).status).toBe(200);
    expect((await app(post(`${BASE}/subscribe`, { email: 'a2@example.org' }, from('10.0.0.1')))).status).toBe(200);
    const third = await app(post(`${BASE}/subscribe`, { email: 'a3@example.org' }, from('10.0.0.1')));
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('3600');
    expect((await app(post(`${BASE}/subscribe`, { email: 'a3@example.org' }, from('10.0.0.2')))).status).toBe(200);
    expect(mailer.sent.map((m) => m.to)).toEqual(['a1@example.org', 'a2@example.org', 'a3@example.org']);

    for (let i = 0; i < 5; i++) await app(post(`${BASE}/subscribe`, { email: 'victim@example.org' }, from(`10.1.0.${i}`)));
    expect(mailer.sent.filter((m) => m.to === 'victim@example.org')).toHaveLength(3);
  });

  /** Signs up `email` and returns the path of the confirmation link it was mailed. */
  async function signUp(app: (req: Request) => Promise<Response>, mailer: { sent: { to: string; text: string }[] }, email: string): Promise<string> {
    const before = mailer.sent.length;
    await app(post(`${BASE}/subscribe`, { email }));
    expect(mailer.sent.length, `a confirmation mail to ${email}`).toBe(before + 1);
    return new URL(/https:\/\/\S+\/confirm\/\S+/.exec(mailer.sent.at(-1)!.text)![0]).pathname;
  }

  it('a confirmation link replayed after unsubscribing changes nothing; only a new sign-up and its new link bring them back', async () => {
    const { app, world, mailer, status } = setup();
    const first = await signUp(app, mailer, 'reader@example.org');
    const id = getSubscriberByEmail(world.db, 'reader@example.org')!.id;
    expect((await app(post(`${BASE}${first}`, { action: 'confirm' }))).status).toBe(200);
    expect(status(id)).toBe('active');
    removeSubscriber(world.db, id, { via: 'one-click' });
    for (const method of ['POST', 'GET']) {
      const replay = await app(method === 'POST' ? post(`${BASE}${first}`, { action: 'confirm' }) : new Request(`${BASE}${first}`));
      expect(replay.status, method).toBe(410);
      expect(await replay.text()).toContain('This link cannot confirm');
    }
    expect(status(id)).toBe('unsubscribed');

    const second = await signUp(app, mailer, 'reader@example.org');
    expect(second).not.toBe(first);
    expect(status(id)).toBe('unsubscribed');
    expect((await app(post(`${BASE}${second}`, { action: 'confirm' }))).status).toBe(200);
    expect(status(id)).toBe('active');
  });

  it('a link sent before the person unsubscribed is void, even if it was never used', async () => {
    const { app, world, mailer, status } = setup();
    const link = await signUp(app, mailer, 'late@example.org');
    const id = getSubscriberByEmail(world.db, 'late@example.org')!.id;
    setSubscriberStatus(world.db, id, 'unsubscribed', { via: 'page' });
    expect((await app(post(`${BASE}${link}`, { action: 'confirm' }))).status).toBe(410);
    expect(status(id)).toBe('unsubscribed');
  });

  it('complained and bounced subscribers are never made active by any link, old or new', async () => {
    const { app, world, mailer, status } = setup();
    for (const [email, left] of [['spam@example.org', 'complained'], ['gone@example.org', 'bounced']] as const) {
      const link = await signUp(app, mailer, email);
      const id = getSubscriberByEmail(world.db, email)!.id;
      setSubscriberStatus(world.db, id, left, { via: 'feedback' });
      expect((await app(post(`${BASE}${link}`, { action: 'confirm' }))).status).toBe(410);
      expect(status(id)).toBe(left);
      // a new sign-up sends no link at all: none could confirm
      const sent = mailer.sent.length;
      expect((await app(post(`${BASE}/subscribe`, { email }))).status).toBe(200);
      expect(mailer.sent).toHaveLength(sent);
      // a link made for them by hand (as if sent earlier) does nothing either
      const forgedNonce = signToken({ p: 'confirm', s: id, n: 'made-up-nonce' }, SECRET);
      expect((await app(post(`${BASE}/confirm/${forgedNonce}`, { action: 'confirm' }))).status).toBe(410);
      expect(status(id)).toBe(left);
    }
  });

  it('a confirmation link expires after web.serve.signup.confirmDays (7) and works only once', async () => {
    const clock = { now: new Date('2026-11-25T12:00:00Z') };
    const { app, world, mailer, status } = setup({ clock });
    const link = await signUp(app, mailer, 'slow@example.org');
    const id = getSubscriberByEmail(world.db, 'slow@example.org')!.id;
    clock.now = new Date('2026-12-02T12:00:01Z');
    const expired = await app(post(`${BASE}${link}`, { action: 'confirm' }));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('has expired');
    expect(status(id)).toBe('unconfirmed');

    clock.now = new Date('2026-12-03T09:00:00Z');
    const fresh = await signUp(app, mailer, 'slow@example.org');
    clock.now = new Date('2026-12-09T09:00:00Z'); // six days later: still good
    expect((await app(post(`${BASE}${fresh}`, { action: 'confirm' }))).status).toBe(200);
    expect(status(id)).toBe('active');
  });

  it('a confirm token without a nonce (the old format) confirms nothing', async () => {
    const { app, world, mailer, status } = setup();
    await signUp(app, mailer, 'old@example.org');
    const id = getSubscriberByEmail(world.db, 'old@example.org')!.id;
    expect((await app(post(`${BASE}/confirm/${signToken({ p: 'confirm', s: id }, SECRET)}`, { action: 'confirm' }))).status).toBe(404);
    expect(status(id)).toBe('unconfirmed');
  });

  it('confirm links: wrong purpose or forged gets 404 and confirms nothing', async () => {
    const { app, world, status } = setup();
    await app(post(`${BASE}/subscribe`, { email: 'new@example.org' }));
    const id = getSubscriberByEmail(world.db, 'new@example.org')!.id;
    for (const token of [signToken({ p: 'preferences', s: id }, SECRET), signToken({ p: 'confirm', s: id }, 'x'.repeat(20))]) {
      expect((await app(post(`${BASE}/confirm/${token}`, { action: 'confirm' }))).status).toBe(404);
    }
    expect(status(id)).toBe('unconfirmed');
  });

  it('with sign-up turned off, /subscribe says so and stores nothing', async () => {
    const world = makeWorld();
    const config = sampleConfig('https://news.example', (c) => ({
      ...c,
      web: { ...c.web, serve: { ...c.web.serve, signup: { ...c.web.serve.signup, enabled: false } } },
    }));
    const mailer = recordingMailer();
    const app = createSubscriberApp({ store: sqliteStore(world.db), config, secret: SECRET, mailer, signupLimiter: createRateLimiter({ limit: 9, windowMs: 1000 }) });
    expect((await app(post(`${BASE}/subscribe`, { email: 'x@example.org' }))).status).toBe(404);
    expect(mailer.sent).toHaveLength(0);
  });
});

describe('routing', () => {
  it('405 with Allow for a wrong method, 404 for unknown paths, help pages without a token', async () => {
    const { app } = setup();
    const res = await app(new Request(`${BASE}/issues/`, { method: 'POST', body: '' }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect((await app(new Request(`${BASE}/u/a.b/extra`))).status).toBe(404);
    expect((await app(new Request(`${BASE}/nothing-here`))).status).toBe(404);
    expect(await (await app(new Request(`${BASE}/unsubscribe`))).text()).toContain('personal to you');
    expect((await app(new Request(`${BASE}/`))).status).toBe(200);
  });
});
