import { readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { DeliveryConfig } from '../../src/config/delivery-schema.js';
import { capturedFileName, startCaptureServer } from '../../src/deliver/capture-server.js';
import { classifySmtpError } from '../../src/deliver/classify-smtp-error.js';
import { feedbackIdFor } from '../../src/deliver/feedback-id.js';
import { defaultListId } from '../../src/deliver/message-spec-from-config.js';
import { createProgressPrinter, describeProgress } from '../../src/deliver/progress-printer.js';
import { encodeQuotedPrintable } from '../../src/deliver/quoted-printable.js';
import { newMessageId } from '../../src/deliver/recipient-fields.js';
import { retryDelay } from '../../src/deliver/retry-delay.js';

function decodeQp(s: string): string {
  const bytes = s.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

describe('encodeQuotedPrintable', () => {
  it('round-trips, keeps lines within 76 characters, escapes "=", a leading "." and trailing white space', () => {
    const text = `=start\n.dot\n${'é'.repeat(80)}\ntrail \nmid space ok\t\n${'a'.repeat(200)}`;
    const qp = encodeQuotedPrintable(text);
    for (const line of qp.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(qp).toMatch(/^=3Dstart\r\n=2Edot\r\n/);
    expect(qp).toContain('trail=20\r\n');
    expect(decodeQp(qp)).toBe(text.replace(/\n/g, '\r\n'));
  });
  it('leaves trailing white space alone when a soft break follows', () => {
    expect(encodeQuotedPrintable('a ', false)).toBe('a ');
    expect(encodeQuotedPrintable('a ', true)).toBe('a=20');
  });
});

describe('classifySmtpError', () => {
  const server = 'mail.example.com:587';
  it('sorts replies into deferred, interrupted, rejected, bounced and fatal', () => {
    expect(classifySmtpError({ responseCode: 451, response: '451 4.3.0 Try later' }, server).status).toBe('deferred');
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, server).status).toBe('interrupted');
    expect(classifySmtpError({ code: 'ETIMEDOUT', message: 'Timeout' }, server).status).toBe('interrupted');
    expect(classifySmtpError({ code: 'EPROTOCOL', response: 'garbage', message: 'Invalid response' }, server).status).toBe('interrupted');
    expect(classifySmtpError({ code: 'EPROTOCOL', responseCode: 421, response: '421 4.3.2 Shutting down' }, server).status).toBe('interrupted');
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 No such user' }, server)).toMatchObject({ status: 'rejected', bounced: true });
    expect(classifySmtpError({ responseCode: 553, response: '553 mailbox name not allowed' }, server)).toMatchObject({ bounced: true });
    expect(classifySmtpError({ responseCode: 550, response: '550 5.7.1 Relaying denied' }, server)).toMatchObject({ status: 'rejected', bounced: false });
    expect(classifySmtpError({ responseCode: 550, response: '550 Message rejected as spam' }, server)).toMatchObject({ bounced: false });
    expect(classifySmtpError({ responseCode: 554, response: '554 5.6.0 Transaction failed' }, server)).toMatchObject({ bounced: false });
    expect(classifySmtpError({ responseCode: 503, response: '503 Bad sequence' }, server).status).toBe('deferred');
    const auth = classifySmtpError({ code: 'EAUTH', responseCode: 535, response: '535 Invalid login' }, server);
    expect(auth).toMatchObject({ status: 'fatal', code: 'SMTP_AUTH' });
    expect(classifySmtpError({ responseCode: 530, response: '530 5.7.0 Authentication required' }, server)).toMatchObject({ code: 'SMTP_AUTH' });
    // a server that demands STARTTLS first is not a wrong password
    const starttls = classifySmtpError({ code: 'EENVELOPE', responseCode: 530, response: '530 5.7.0 Must issue a STARTTLS command first' }, server);
    expect(starttls).toMatchObject({ status: 'fatal', code: 'SMTP_TLS' });
    expect((starttls as { message: string }).message).toMatch(/requires TLS before anything else.*smtps:\/\//);
    expect(classifySmtpError({ code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, server)).toMatchObject({
      status: 'fatal',
      code: 'SMTP_TLS',
    });
  });
});

describe('retryDelay', () => {
  it('doubles from baseMs up to maxMs, with jitter between half and all of it', () => {
    const policy = { baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, policy, () => 1))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(retryDelay(2, policy, () => 0)).toBe(1000);
  });
});

describe('progress', () => {
  const p = { total: 100, submitted: 40, failed: 2, bounced: 1, deferred: 3, inFlight: 5, remaining: 57, elapsedMs: 10_000 };
  it('says submitted / failed / remaining, rate and time left', () => {
    expect(describeProgress(p)).toBe('40 submitted · 3 failed · 57 remaining · 3 to retry · 4/s · ETA 0:13');
  });
  it('redraws one line on a terminal at most every 100 ms; logs every few seconds elsewhere', () => {
    let t = 0;
    const out: string[] = [];
    const tty = createProgressPrinter({ write: (s) => out.push(s), isTTY: true, now: () => t });
    for (let i = 0; i < 50; i++, t += 10) tty.update(p);
    tty.done();
    expect(out.filter((s) => s.startsWith('\r\x1b[2K')).length).toBe(6); // 5 in 500 ms + the final one
    expect(out.at(-1)).toBe('\n');
    const log: string[] = [];
    t = 0;
    const plain = createProgressPrinter({ write: (s) => log.push(s), isTTY: false, now: () => t, logEveryMs: 5000 });
    for (let i = 0; i < 12; i++, t += 1000) plain.update(p);
    expect(log).toHaveLength(3);
    expect(log[0]).toMatch(/^send: 40 submitted/);
  });
});

describe('defaultListId and the delivery schema', () => {
  it('builds a List-Id from the site name and the public URL host', () => {
    expect(defaultListId('Identity Wire', 'https://newsletter.identitywire.example')).toBe('Identity Wire <newsletter.identitywire.example>');
    expect(defaultListId('Idéntité', 'https://n.example')).toBe('=?UTF-8?Q?Id=C3=A9ntit=C3=A9?= <n.example>');
  });
  it('has defaults for everything and refuses bad values', () => {
    const d = DeliveryConfig.parse(undefined);
    expect(d).toMatchObject({ inFlight: 20, rateLimit: 0, pool: { maxConnections: 10 }, retry: { attempts: 4 } });
    expect(DeliveryConfig.safeParse({ listId: 'Identity Wire <weekly.identitywire.example>' }).success).toBe(true);
    expect(DeliveryConfig.safeParse({ listId: 'Bad\r\nBcc: x <a.b>' }).success).toBe(false);
    expect(DeliveryConfig.safeParse({ inFlight: 0 }).success).toBe(false);
    expect(DeliveryConfig.safeParse({ dkim: { domain: 'x', selector: 's', keyFile: 'k.pem' } }).success).toBe(false);
  });
  it('takes `dkim: relay` or a key, and nothing else', () => {
    expect(DeliveryConfig.parse({ dkim: 'relay' }).dkim).toBe('relay');
    expect(DeliveryConfig.parse({ dkim: { domain: 'identitywire.example', selector: 's1', keyFile: 'k.pem' } }).dkim).toMatchObject({ selector: 's1' });
    const bad = DeliveryConfig.safeParse({ dkim: 'relays' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toContain('`relay`');
    expect(DeliveryConfig.parse(undefined).doctor).toEqual({ dns: 'auto', missingDkim: 'warn' });
    expect(DeliveryConfig.safeParse({ doctor: { resolver: '10.0.0.53:53' } }).success).toBe(true);
    expect(DeliveryConfig.safeParse({ doctor: { resolver: 'dns.example:53' } }).success).toBe(false);
  });
});

describe('feedbackIdFor', () => {
  it('defaults to Gmail\'s a:b:SenderId from the issue and the list, printable ASCII only', () => {
    expect(feedbackIdFor(undefined, '2026-W48', 'Identity Wire <newsletter.identitywire.example>')).toBe('2026-W48:roundup:newsletter.identitywire.example');
    expect(feedbackIdFor(undefined, '2026-11-22', 'weekly.identitywire.example')).toBe('2026-11-22:roundup:weekly.identitywire.example');
    const id = feedbackIdFor(undefined, 'wk 48:x', '=?UTF-8?Q?Id=C3=A9?= <liste.idé.example>');
    expect(id).toMatch(/^[\x21-\x7e]+$/);
    expect(id.split(':')).toHaveLength(3);
  });
  it('uses `delivery.feedbackId` when set, with {issue} replaced', () => {
    expect(feedbackIdFor('{issue}:weekly:identitywire', '2026-W48', 'x <a.example>')).toBe('2026-W48:weekly:identitywire');
    expect(feedbackIdFor('weekly:identitywire', '2026-W48', 'x <a.example>')).toBe('weekly:identitywire');
  });
});

describe('startCaptureServer', () => {
  it('accepts every message over SMTP and stores each as 0001-<recipient>.eml, names that sort in arrival order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roundup-capture-'));
    writeFileSync(join(dir, '0009-earlier@example.com.eml'), 'from an earlier run');
    const server = await startCaptureServer({ dir });
    try {
      expect(server.url).toBe(`smtp://127.0.0.1:${server.port}`);
      const t = nodemailer.createTransport(server.url);
      for (const to of ['a@example.com', 'b@example.com', 'odd/name+tag@example.com']) {
        await t.sendMail({ from: 'news@identitywire.example', to: { name: '', address: to }, subject: `hello ${to}`, text: 'body' });
      }
      t.close();
      const files = readdirSync(dir);
      // numbering continues after the files there; a listing in name order is the arrival order
      expect([...files].sort()).toEqual(['0009-earlier@example.com.eml', '0010-a@example.com.eml', '0011-b@example.com.eml', '0012-odd_name+tag@example.com.eml']);
      expect((await simpleParser(readFileSync(join(dir, '0011-b@example.com.eml')))).subject).toBe('hello b@example.com');
      expect(server.count()).toBe(3);
      expect(capturedFileName(10000, undefined)).toBe('10000.eml');
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('newMessageId', () => {
  it('is on the sender domain and unique per attempt, even for the same subscriber', () => {
    const ids = Array.from({ length: 1000 }, () => newMessageId('2026-W48', 42, 'identitywire.example'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 5)) expect(id).toMatch(/^2026-W48\.42\.[A-Za-z0-9]{12}@identitywire\.example$/);
    // unguessable: no two share their random part's first half (a counter would)
    expect(new Set(ids.map((id) => id.split('.')[2]!.slice(0, 6))).size).toBeGreaterThan(990);
  });
});
