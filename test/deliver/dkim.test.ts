// DKIM: messages sent through the SMTP transport with `dkim` set verify with a real verifier (mailauth), with a
// stub resolver standing in for DNS (test/doctor runs a real DNS server), cover the list headers, and oversign
// From, Subject and List-Unsubscribe so that a header added after signing breaks the signature.
import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectionPoolTransport } from '../../src/deliver/connection-pool-transport.js';
import { sendIssue } from '../../src/deliver/send-issue.js';
import { isRoundupError } from '../../src/errors.js';
import { FAST_POLICY, LINKS, makeFixture, testSpec, type Fixture } from './helpers/fixture.js';
import { startSmtpPeer, type SmtpPeer } from './helpers/smtp-peer.js';

let fixture: Fixture | undefined;
let peer: SmtpPeer | undefined;
afterEach(async () => {
  await peer?.close();
  fixture?.cleanup();
  peer = fixture = undefined;
});

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

const resolver = async (name: string, rr: string) => {
  if (rr === 'TXT' && name === 'rw2026._domainkey.identitywire.example') return [[`v=DKIM1; k=rsa; p=${p}`]];
  throw Object.assign(new Error(`no ${rr} for ${name}`), { code: 'ENOTFOUND' });
};

describe.each([
  ['connection pool (default)', createConnectionPoolTransport],
])('DKIM signing: %s', (_name, createTransport) => {
  it('signs every message so that a verifier passes it, covering From, Subject and the list headers', async () => {
    fixture = makeFixture(3, [{ email: 'zoe@example.org', name: 'Zoë Ångström' }]);
    peer = await startSmtpPeer();
    const report = await sendIssue({
      issue: '2026-W48',
      spec: testSpec({ subject: 'Ça bouge: passkeys — 国境' }),
      links: LINKS,
      ledger: fixture.ledger,
      transport: createTransport({
        url: peer.url,
        maxConnections: 2,
        maxMessages: 10,
        rateLimit: 0,
        dkim: { domain: 'identitywire.example', selector: 'rw2026', privateKey: pem },
      }),
      policy: FAST_POLICY,
    });
    expect(report.counts!.submitted).toBe(4);
    for (const { raw } of peer.received) {
      const result = await dkimVerify(raw, { resolver: resolver as never });
      const signature = result.results[0]!;
      expect(signature.status.result).toBe('pass');
      expect(signature.signingDomain).toBe('identitywire.example');
      const h = /\bh=([^;]+)/.exec(raw.toString('latin1').replace(/\r\n[ \t]+/g, ' '))![1]!.toLowerCase().replace(/\s+/g, '');
      const listed = h.split(':');
      for (const name of ['from', 'subject', 'date', 'to', 'message-id', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post', 'feedback-id']) {
        expect(listed).toContain(name);
      }
      // oversigned: listed once more than the message has them
      for (const name of ['from', 'subject', 'list-unsubscribe']) expect(listed.filter((n) => n === name), name).toHaveLength(2);
      expect(listed.filter((n) => n === 'date')).toHaveLength(1);
      // altering a signed header breaks the signature
      const forged = Buffer.from(raw.toString('latin1').replace('List-Unsubscribe-Post: List-Unsubscribe=One-Click', 'List-Unsubscribe-Post: List-Unsubscribe=Two-Click'), 'latin1');
      const bad = await dkimVerify(forged, { resolver: resolver as never });
      expect(bad.results[0]!.status.result).toBe('fail');
    }
  });

  it('a From, Subject or List-Unsubscribe added after signing fails verification; an unsigned header does not', async () => {
    fixture = makeFixture(1);
    peer = await startSmtpPeer();
    await sendIssue({
      issue: '2026-W48',
      spec: testSpec(),
      links: LINKS,
      ledger: fixture.ledger,
      transport: createConnectionPoolTransport({
        url: peer.url, maxConnections: 1, maxMessages: 10, rateLimit: 0,
        dkim: { domain: 'identitywire.example', selector: 'rw2026', privateKey: pem },
      }),
      policy: FAST_POLICY,
    });
    const raw = peer.received[0]!.raw.toString('latin1');
    const verify = async (text: string) => (await dkimVerify(Buffer.from(text, 'latin1'), { resolver: resolver as never })).results[0]!.status.result;
    expect(await verify(raw)).toBe('pass');
    const [head, ...rest] = raw.split('\r\n\r\n');
    const body = rest.join('\r\n\r\n');
    for (const added of ['From: "Bank" <security@bank.example>', 'Subject: Urgent: verify your account', 'List-Unsubscribe: <https://evil.example/u>']) {
      // at the bottom of the header (where a naive reader looks last) and at the top (where most clients look first)
      expect(await verify(`${head}\r\n${added}\r\n\r\n${body}`), `${added} at the bottom`).toBe('fail');
      expect(await verify(`${added}\r\n${raw}`), `${added} at the top`).toBe('fail');
    }
    // a header the signature does not cover (a relay's Received line) leaves it intact
    expect(await verify(`Received: from relay.example by mx.example; Mon, 30 Nov 2026 07:00:00 +0000\r\n${raw}`)).toBe('pass');
  });
});

describe('DKIM key check', () => {
  it('a key that is not a PEM private key is a setup error (CONFIG_INVALID) before anything is sent', () => {
    let error: unknown;
    try {
      createConnectionPoolTransport({
        url: 'smtp://127.0.0.1:2525',
        maxConnections: 1,
        maxMessages: 1,
        rateLimit: 0,
        dkim: { domain: 'identitywire.example', selector: 'rw2026', privateKey: p },
      });
    } catch (e) {
      error = e;
    }
    expect(isRoundupError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('rw2026._domainkey.identitywire.example');
    expect((error as Error).message).toContain('delivery.dkim.keyFile');
  });

  it('an Ed25519 key is refused with the command that makes an RSA one', () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    let error: unknown;
    try {
      createConnectionPoolTransport({ url: 'smtp://127.0.0.1:2525', maxConnections: 1, maxMessages: 1, rateLimit: 0, dkim: { domain: 'identitywire.example', selector: 'rw2026', privateKey: ed } });
    } catch (e) {
      error = e;
    }
    expect(isRoundupError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('openssl genrsa');
  });
});
