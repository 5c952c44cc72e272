// `/c/<token>` and the open pixel: the redirect goes only to the frozen issue's own links, every request is
// counted once (scanners apart), and a forged, altered or foreign token counts nothing.
import { describe, expect, it } from 'vitest';
import { clicksByLink, markIssue, openCounts, saveSnapshot, SqliteLedger, addSubscriber, sqliteStore } from '../../../src/store/index.js';
import { signCompact } from '../../../src/tokens/compact-token.js';
import type { IssueLink } from '../../../src/types.js';
import { createSubscriberApp } from '../../../src/web/subscriber/index.js';
import { testSnapshot } from '../../snapshot/test-snapshot.js';
import { DRAFT_ISSUE, makeWorld, sampleConfig, SECRET, SENT_ISSUE } from './fixture.js';

const LINKS: IssueLink[] = [
  { id: 'header', url: 'https://www.identitywire.example/?utm_source=roundup&utm_content=header', kind: 'header', section: 'header' },
  { id: 'most-read:1', url: 'https://www.identitywire.example/2026/11/24/a/?utm_source=roundup&utm_content=most-read', kind: 'story', section: 'most-read', story: 'https://www.identitywire.example/2026/11/24/a/' },
  { id: 'featured-company', url: 'https://veridex.example/?utm_source=roundup&utm_content=featured-company', kind: 'company', section: 'featured-company' },
];
const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const ISSUE = '2026-W46';

async function setup(now = new Date('2026-11-16T09:00:00Z'), perSubscriber = false) {
  const w = makeWorld();
  saveSnapshot(w.db, testSnapshot(ISSUE, { links: LINKS }), { by: 'send', now: new Date('2026-11-16T07:00:00Z') });
  markIssue(w.db, ISSUE, 'sent', { now: new Date('2026-11-16T08:00:00Z') });
  const reader = addSubscriber(w.db, { email: 'reader@example.com' }, { via: 'test' }).subscriber.id;
  const ledger = new SqliteLedger(w.db, () => new Date('2026-11-16T07:00:00Z'));
  await ledger.enqueue(ISSUE);
  await ledger.apply(ISSUE, [
    { kind: 'submitting', subscriberId: reader, messageId: 'm@x' },
    { kind: 'submitted', subscriberId: reader, reply: '250 OK' },
  ]);
  const config = sampleConfig('https://news.example', (c) => ({ ...c, tracking: { ...c.tracking, perSubscriber } }));
  const app = createSubscriberApp({ store: sqliteStore(w.db), config, secret: SECRET, now: () => now });
  const click = (token: string, init: RequestInit = {}) =>
    app(new Request(`https://news.example/c/${token}`, { ...init, headers: { 'user-agent': BROWSER, ...(init.headers as Record<string, string>) } }));
  return { ...w, app, click, reader };
}

const token = (link: number, issue = ISSUE, subscriber?: number) => signCompact({ purpose: 'click', issue, link, subscriber }, SECRET);

describe('/c/<token>', () => {
  it('redirects (302) to the frozen link with its UTM, and counts it per link', async () => {
    const s = await setup();
    const res = await s.click(token(1));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(LINKS[1]!.url);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    await s.click(token(1));
    await s.click(token(2));
    expect(clicksByLink(s.db, ISSUE)).toEqual([
      { link: 1, people: 2, scanners: 0, unique_people: 0 },
      { link: 2, people: 1, scanners: 0, unique_people: 0 },
    ]);
  });

  it('counts HEAD requests and link scanners apart', async () => {
    const s = await setup();
    expect((await s.click(token(1), { method: 'HEAD' })).status).toBe(302);
    await s.click(token(1), { headers: { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel (EE))' } });
    await s.click(token(1), { headers: { 'user-agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' } });
    await s.click(token(1), { headers: { 'user-agent': '' } });
    expect(clicksByLink(s.db, ISSUE)).toEqual([{ link: 1, people: 0, scanners: 4, unique_people: 0 }]);
  });

  it('with per-subscriber links: a click seconds after delivery is a scanner, later ones count the person once', async () => {
    const early = await setup(new Date('2026-11-16T07:00:04Z'), true);
    await early.click(token(1, ISSUE, early.reader));
    expect(clicksByLink(early.db, ISSUE)).toEqual([{ link: 1, people: 0, scanners: 1, unique_people: 0 }]);
    const later = await setup(new Date('2026-11-16T09:00:00Z'), true);
    await later.click(token(1, ISSUE, later.reader));
    await later.click(token(1, ISSUE, later.reader));
    expect(clicksByLink(later.db, ISSUE)).toEqual([{ link: 1, people: 2, scanners: 0, unique_people: 1 }]);
    // a subscriber deleted since: the click still leads on and counts, as nobody's
    expect((await later.click(token(2, ISSUE, 999_999))).status).toBe(302);
    expect(clicksByLink(later.db, ISSUE)[1]).toEqual({ link: 2, people: 1, scanners: 0, unique_people: 0 });
  });

  it('refuses forged, altered, malformed and foreign tokens, and counts nothing', async () => {
    const s = await setup();
    const good = token(1);
    const altered = good.slice(0, 3) + (good[3] === 'A' ? 'B' : 'A') + good.slice(4);
    const cases: [string, number][] = [
      [altered, 404],
      [signCompact({ purpose: 'click', issue: ISSUE, link: 1 }, 'another-secret-0123456789'), 404],
      [Buffer.from('{"issue":"2026-W46","url":"https://evil.example/"}').toString('base64url'), 404],
      [token(99), 404], // no such link in the issue
      [token(0, DRAFT_ISSUE), 404], // approved, not sent: no click targets yet
      [token(0, '2030-W01'), 404], // no such issue
      [signCompact({ purpose: 'open', issue: ISSUE }, SECRET), 404], // another purpose
      ['short', 400],
      ['%2e%2e%2fetc', 400],
    ];
    for (const [t, status] of cases) {
      const res = await s.click(t);
      expect(res.status, t).toBe(status);
      expect(res.headers.get('location'), t).toBeNull();
    }
    // a query cannot choose the target: it is always the frozen link
    expect((await s.app(new Request(`https://news.example/c/${good}?url=https://evil.example/`, { headers: { 'user-agent': BROWSER } }))).headers.get('location')).toBe(LINKS[1]!.url);
    expect((await s.app(new Request(`https://news.example/c/${good}`, { method: 'POST' }))).status).toBe(405);
    expect(clicksByLink(s.db, ISSUE)).toEqual([{ link: 1, people: 1, scanners: 0, unique_people: 0 }]);
    expect(SENT_ISSUE).not.toBe(ISSUE);
  });

  it('the open pixel answers the same image for any token and counts only good ones', async () => {
    const s = await setup();
    const good = await s.app(new Request(`https://news.example/o/${signCompact({ purpose: 'open', issue: ISSUE }, SECRET)}.gif`, { headers: { 'user-agent': BROWSER } }));
    const bad = await s.app(new Request('https://news.example/o/AAAAAAAAAAAAAAAAAAAA.gif'));
    expect(good.status).toBe(200);
    expect(good.headers.get('content-type')).toBe('image/gif');
    expect(Buffer.from(await bad.arrayBuffer())).toEqual(Buffer.from(await good.arrayBuffer()));
    expect(openCounts(s.db, ISSUE)).toEqual({ people: 1, scanners: 0, uniquePeople: 0 });
  });
});
