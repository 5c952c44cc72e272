import { describe, expect, it } from 'vitest';
import { signToken } from '../../../src/tokens/signed-token.js';
import {
  clientAddress,
  confirmationMail,
  createRateLimiter,
  pageSiteFromConfig,
  parseToken,
  readForm,
  topicChoices,
  topicsNotOffered,
} from '../../../src/web/subscriber/index.js';
import { SECRET, sampleConfig } from './fixture.js';

describe('parseToken', () => {
  const token = signToken({ p: 'unsubscribe', s: 7, i: '2026-W47' }, SECRET);

  it('accepts the token it signed, for its purpose only', () => {
    expect(parseToken(token, 'unsubscribe', SECRET)).toEqual({ ok: true, payload: { p: 'unsubscribe', s: 7, i: '2026-W47' } });
    expect(parseToken(token, 'preferences', SECRET)).toEqual({ ok: false, status: 404 });
  });

  it('refuses every other spelling of the last character (base64url spare bits), and any other change', () => {
    const head = token.slice(0, -1);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const c of alphabet) {
      if (head + c === token) continue;
      expect(parseToken(head + c, 'unsubscribe', SECRET), c).toEqual({ ok: false, status: 404 });
    }
    expect(parseToken(`${token}x`, 'unsubscribe', SECRET).ok).toBe(false);
    expect(parseToken(`x${token}`, 'unsubscribe', SECRET).ok).toBe(false);
    expect(parseToken(token.replace('.', '..'), 'unsubscribe', SECRET)).toEqual({ ok: false, status: 400 });
    expect(parseToken('', 'unsubscribe', SECRET)).toEqual({ ok: false, status: 400 });
  });
});

describe('createRateLimiter', () => {
  it('allows `limit` events per key in a sliding window', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000 });
    const at = (ms: number) => new Date(1_000_000 + ms);
    expect([limiter.take('a', at(0)), limiter.take('a', at(100)), limiter.take('a', at(200))]).toEqual([true, true, false]);
    expect(limiter.take('b', at(200))).toBe(true);
    expect(limiter.take('a', at(1001))).toBe(true);
    expect(limiter.take('a', at(1050))).toBe(false);
    expect(limiter.take('a', at(1101))).toBe(true);
  });

  it('stays bounded: past maxKeys, the oldest keys are forgotten', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 3 });
    const now = new Date(0);
    for (const k of ['a', 'b', 'c', 'd']) expect(limiter.take(k, now)).toBe(true);
    expect(limiter.take('d', now)).toBe(false);
    expect(limiter.take('a', now)).toBe(true); // 'a' was dropped to make room
  });
});

describe('clientAddress', () => {
  const req = (headers: Record<string, string>) => new Request('http://x/', { headers });
  it('uses the adapter\'s header, or the last X-Forwarded-For entry behind a trusted proxy', () => {
    const h = { 'x-roundup-client-address': '127.0.0.1', 'x-forwarded-for': '1.2.3.4, 198.51.100.7' };
    expect(clientAddress(req(h), false)).toBe('127.0.0.1');
    expect(clientAddress(req(h), true)).toBe('198.51.100.7');
    expect(clientAddress(req({ 'x-roundup-client-address': '::1' }), true)).toBe('::1');
    expect(clientAddress(req({}), false)).toBe('unknown');
  });
});

describe('readForm', () => {
  it('reads URL-encoded and multipart bodies, repeated names as lists', async () => {
    const url = await readForm(new Request('http://x/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&t=x&t=y+z' }));
    expect(url.get('t')).toEqual(['x', 'y z']);
    const fd = new FormData();
    fd.append('List-Unsubscribe', 'One-Click');
    const multi = await readForm(new Request('http://x/', { method: 'POST', body: fd }));
    expect(multi.get('List-Unsubscribe')).toEqual(['One-Click']);
    const broken = await readForm(new Request('http://x/', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zz' }, body: 'nope' }));
    expect(broken.size).toBe(0);
  });
});

describe('topicChoices', () => {
  it("offers only topics that change something: the topical sections' categories (or titles) after the first section", () => {
    const config = sampleConfig();
    expect(topicChoices(config.selection)).toEqual(['Opinion', 'Digital ID', 'White Papers', 'Events']);
    const section = (id: string, kind: 'category' | 'latest' | 'most-read', categories: string[] = []) => ({ id, title: id, kind, categories, tags: [], count: 3 });
    // the first section stays first whatever the topics: a topic only it names moves nothing
    expect(topicChoices({ sections: [section('Policy', 'category', ['Policy']), section('Deep Dives', 'category'), section('latest', 'latest')] })).toEqual(['Deep Dives']);
    expect(topicChoices({ sections: [section('most-read', 'most-read'), section('latest', 'latest')] })).toEqual([]);
    // the subscriber's other topics are not offered, and are kept
    expect(topicsNotOffered(['opinion', 'Border Control'], topicChoices(config.selection))).toEqual(['Border Control']);
  });
});

describe('confirmationMail', () => {
  it('has the link in both parts and escapes the name in the HTML', () => {
    const site = pageSiteFromConfig(sampleConfig());
    const mail = confirmationMail(site, { name: '<script>x</script>', confirmUrl: 'https://news.example/confirm/a.b' });
    expect(mail.text).toContain('https://news.example/confirm/a.b');
    expect(mail.html).toContain('href="https://news.example/confirm/a.b"');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('lang="en-GB"');
  });
});
