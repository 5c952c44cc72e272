// `roundup doctor`'s checks against a real DNS server on 127.0.0.1 (test/doctor/helpers/dns-server.ts) holding
// good and bad records, and the config checks that need no DNS.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dkimRecord } from '../../src/doctor/dkim-public-key.js';
import { createDnsLookup, parseResolver } from '../../src/doctor/dns-lookup.js';
import type { DoctorInput } from '../../src/doctor/doctor-input.js';
import type { DoctorResult } from '../../src/doctor/doctor-result.js';
import { isLocalRelay } from '../../src/doctor/is-local-relay.js';
import { organisationalDomain, relaxedAligned } from '../../src/doctor/organisational-domain.js';
import { runDoctor } from '../../src/doctor/run-doctor.js';
import { isRoundupError } from '../../src/errors.js';
import { startDnsServer, type TestDnsServer, type Zone } from './helpers/dns-server.js';

const publicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const otherKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const split = (text: string) => text.match(/.{1,255}/g)!; // as a DNS provider stores a long TXT record

const input: DoctorInput = {
  fromAddress: 'newsletter@identitywire.example',
  fromDomain: 'identitywire.example',
  returnPathDomain: 'identitywire.example',
  dkim: { domain: 'identitywire.example', selector: 'rw2026', publicKey },
  missingDkim: 'warn',
};

/** Everything a receiver wants, published right. */
function goodZone(): Zone {
  return {
    'rw2026._domainkey.identitywire.example': { TXT: [split(`v=DKIM1; k=rsa; p=${publicKey}`)] },
    'identitywire.example': { TXT: ['google-site-verification=abc', 'v=spf1 mx include:_spf.mailer.example ~all'], MX: [{ exchange: 'mx2.identitywire.example', priority: 20 }, { exchange: 'mx1.identitywire.example', priority: 10 }] },
    '_dmarc.identitywire.example': { TXT: ['v=DMARC1; p=quarantine; rua=mailto:dmarc@identitywire.example'] },
  };
}

let server: TestDnsServer;
beforeAll(async () => {
  server = await startDnsServer(goodZone());
  return () => server.close();
});
afterEach(() => {
  server.zone = goodZone();
});

const byId = (results: DoctorResult[]) => Object.fromEntries(results.map((r) => [r.id, r]));
const statuses = (results: DoctorResult[]) => Object.fromEntries(results.map((r) => [r.id, r.status]));

describe('roundup doctor against a real DNS server', () => {
  it('passes every check when the records are right (a key split into 255-byte strings included)', async () => {
    const results = await runDoctor(input, createDnsLookup(server.address));
    expect(statuses(results)).toEqual({ 'dkim-configured': 'pass', 'dkim-alignment': 'pass', 'dkim-dns-key': 'pass', spf: 'pass', dmarc: 'pass', 'return-path-mx': 'pass' });
    expect(byId(results)['return-path-mx']!.message).toContain('MX 10 mx1.identitywire.example, 20 mx2.identitywire.example');
    expect(server.queries).toContain('TXT rw2026._domainkey.identitywire.example');
  });

  it('FAILs a missing or different DKIM key, with the exact record to publish', async () => {
    delete server.zone['rw2026._domainkey.identitywire.example'];
    const missing = byId(await runDoctor(input, createDnsLookup(server.address)))['dkim-dns-key']!;
    expect(missing.status).toBe('fail');
    expect(missing.fix).toContain(dkimRecord('rw2026', 'identitywire.example', publicKey));
    expect(missing.fix).toMatch(/^Publish this record[\s\S]*rw2026\._domainkey\.identitywire\.example\. 3600 IN TXT \( "v=DKIM1; k=rsa; p=MII/);
    for (const part of missing.fix!.match(/"([^"]*)"/g)!) expect(part.length - 2).toBeLessThanOrEqual(255);

    server.zone['rw2026._domainkey.identitywire.example'] = { TXT: [`v=DKIM1; k=rsa; p=${otherKey}`] };
    const other = byId(await runDoctor(input, createDnsLookup(server.address)))['dkim-dns-key']!;
    expect(other.status).toBe('fail');
    expect(other.message).toContain('another public key');

    server.zone['rw2026._domainkey.identitywire.example'] = { TXT: ['v=DKIM1; p='] };
    expect(byId(await runDoctor(input, createDnsLookup(server.address)))['dkim-dns-key']!.message).toContain('revoked');
  });

  it('FAILs no SPF or two SPF records, WARNs an SPF that lets anyone send', async () => {
    const spf = async (txt: string[]) => {
      server.zone['identitywire.example'] = { ...goodZone()['identitywire.example'], TXT: txt };
      return byId(await runDoctor(input, createDnsLookup(server.address))).spf!;
    };
    const none = await spf(['google-site-verification=abc']);
    expect(none.status).toBe('fail');
    expect(none.fix).toContain('identitywire.example. 3600 IN TXT "v=spf1 mx include:');
    expect((await spf(['v=spf1 mx -all', 'v=spf1 include:_spf.mailer.example ~all'])).message).toContain('permanent error');
    expect((await spf(['v=spf1 +all'])).status).toBe('warn');
    expect((await spf(['v=spf1 mx ?all'])).status).toBe('warn');
    expect((await spf(['v=spf1 mx'])).status).toBe('warn');
    expect((await spf(['v=spf1 mx -all'])).status).toBe('pass');
  });

  it('finds DMARC at the organisational domain for a subdomain sender, FAILs none, and strict alignment it breaks', async () => {
    const news: DoctorInput = { ...input, fromAddress: 'weekly@news.identitywire.example', fromDomain: 'news.identitywire.example', returnPathDomain: 'news.identitywire.example' };
    server.zone['news.identitywire.example'] = { TXT: ['v=spf1 mx ~all'], MX: [{ exchange: 'mx1.identitywire.example', priority: 10 }] };
    const results = await runDoctor(news, createDnsLookup(server.address));
    expect(statuses(results)).toMatchObject({ 'dkim-alignment': 'pass', dmarc: 'pass' });
    expect(server.queries).toEqual(expect.arrayContaining(['TXT _dmarc.news.identitywire.example', 'TXT _dmarc.identitywire.example']));

    server.zone['_dmarc.identitywire.example'] = { TXT: ['v=DMARC1; p=reject; adkim=s'] };
    const strict = byId(await runDoctor(news, createDnsLookup(server.address))).dmarc!;
    expect(strict.status).toBe('fail');
    expect(strict.message).toContain('adkim=s');

    delete server.zone['_dmarc.identitywire.example'];
    const none = byId(await runDoctor(input, createDnsLookup(server.address))).dmarc!;
    expect(none.status).toBe('fail');
    expect(none.fix).toContain('_dmarc.identitywire.example. 3600 IN TXT "v=DMARC1; p=none;');
  });

  it('FAILs a return path with no MX or a null MX', async () => {
    server.zone['identitywire.example'] = { TXT: goodZone()['identitywire.example']!.TXT! };
    expect(byId(await runDoctor(input, createDnsLookup(server.address)))['return-path-mx']!.status).toBe('fail');
    server.zone['identitywire.example'] = { ...server.zone['identitywire.example'], MX: [{ exchange: '', priority: 0 }] };
    const nullMx = byId(await runDoctor(input, createDnsLookup(server.address)))['return-path-mx']!;
    expect(nullMx.status).toBe('fail');
    expect(nullMx.message).toContain('null MX');
  });

  it('WARNs, not FAILs, when the resolver does not answer', async () => {
    const dead = createDnsLookup('127.0.0.1:9', { timeoutMs: 200, tries: 1 });
    const results = await runDoctor(input, dead);
    expect(results.filter((r) => r.id !== 'dkim-configured' && r.id !== 'dkim-alignment').every((r) => r.status === 'warn')).toBe(true);
    expect(byId(results).spf!.message).toMatch(/Could not look up SPF of identitywire\.example.*127\.0\.0\.1:9/);
  });
});

describe('the config checks', () => {
  it('FAILs a DKIM domain that does not align with From (relaxed: the organisational domain)', async () => {
    const other = byId(await runDoctor({ ...input, dkim: { domain: 'mailer.example', selector: 's1', publicKey } }));
    expect(other['dkim-alignment']).toMatchObject({ status: 'fail' });
    expect(other['dkim-alignment']!.fix).toContain('delivery.dkim.domain: identitywire.example');
    const sub = byId(await runDoctor({ ...input, dkim: { domain: 'mail.identitywire.example', selector: 's1', publicKey } }));
    expect(sub['dkim-alignment']!.status).toBe('pass');
  });

  it('WARNs without DKIM by default and says so; FAILs with missingDkim: fail; `relay` passes without a key check', async () => {
    const none = await runDoctor({ ...input, dkim: undefined }, createDnsLookup(server.address));
    expect(byId(none)['dkim-configured']).toMatchObject({ status: 'warn' });
    expect(byId(none)['dkim-configured']!.message).toContain('`delivery.doctor.missingDkim` is `warn`');
    expect(byId(none)['dkim-dns-key']).toBeUndefined();
    expect(byId(await runDoctor({ ...input, dkim: undefined, missingDkim: 'fail' }))['dkim-configured']!.status).toBe('fail');
    const relay = await runDoctor({ ...input, dkim: 'relay' }, createDnsLookup(server.address));
    expect(statuses(relay)).toEqual({ 'dkim-configured': 'pass', spf: 'pass', dmarc: 'pass', 'return-path-mx': 'pass' });
  });

  it('knows organisational domains under common two-label suffixes', () => {
    expect(organisationalDomain('news.identitywire.example')).toBe('identitywire.example');
    expect(organisationalDomain('mail.news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(organisationalDomain('a.b.example.com.au')).toBe('example.com.au');
    expect(organisationalDomain('Example.COM.')).toBe('example.com');
    expect(relaxedAligned('mail.identitywire.co.uk', 'identitywire.co.uk')).toBe(true);
    expect(relaxedAligned('other.co.uk', 'identitywire.co.uk')).toBe(false);
  });

  it('tells local relays and resolver addresses apart', () => {
    expect(isLocalRelay('smtp://127.0.0.1:2525')).toBe(true);
    expect(isLocalRelay('smtp://user:pw@localhost:25')).toBe(true);
    expect(isLocalRelay('smtp://[::1]:25')).toBe(true);
    expect(isLocalRelay('smtps://smtp.mailer.example:465')).toBe(false);
    expect(parseResolver('127.0.0.1:5353')).toBe('127.0.0.1:5353');
    expect(parseResolver('[::1]:53')).toBe('[::1]:53');
    expect(parseResolver('10.0.0.53')).toBe('10.0.0.53');
    let error: unknown;
    try {
      parseResolver('dns.example:53');
    } catch (e) {
      error = e;
    }
    expect(isRoundupError(error, 'USAGE')).toBe(true);
  });
});
