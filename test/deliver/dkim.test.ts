// DKIM: messages sent through either SMTP transport with `dkim` set verify with a real verifier (mailauth), with a
// stub resolver standing in for DNS (the one part that cannot run here), and cover the list headers.
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
      for (const name of ['from', 'subject', 'date', 'to', 'message-id', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post']) {
        expect(h.split(':')).toContain(name);
      }
      // altering a signed header breaks the signature
      const forged = Buffer.from(raw.toString('latin1').replace('List-Unsubscribe-Post: List-Unsubscribe=One-Click', 'List-Unsubscribe-Post: List-Unsubscribe=Two-Click'), 'latin1');
      const bad = await dkimVerify(forged, { resolver: resolver as never });
      expect(bad.results[0]!.status.result).toBe('fail');
    }
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
});
