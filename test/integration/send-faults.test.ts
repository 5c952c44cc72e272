// Fault injection on a real SMTP peer: temporary replies, permanent ones, dropped connections, a server that
// is down, bad credentials, broken TLS, and a run of errors that pauses the send.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { sendIssue, type SendIssueOptions } from '../../src/deliver/send-issue.js';
import { createConnectionPoolTransport } from '../../src/deliver/connection-pool-transport.js';
import { getSubscriber } from '../../src/store/index.js';
import { FAST_POLICY, makeFixture, sendOptions, type Fixture } from '../deliver/helpers/fixture.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';

const ISSUE = '2026-W48';
let fixture: Fixture | undefined;
let peer: SmtpPeer | undefined;
afterEach(async () => {
  await peer?.close();
  fixture?.cleanup();
  peer = fixture = undefined;
});

const options = (f: Fixture, url: string, over: Partial<SendIssueOptions> = {}) =>
  sendOptions(f, url, { issue: ISSUE, maxConnections: 2, connectionTimeoutMs: 2000 }, over);

async function expectRejects(promise: Promise<unknown>, code: string): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isRoundupError(error) && error.code).toBe(code);
  return error as Error;
}

describe('sendIssue under faults', () => {
  it('retries 451 replies with backoff and delivers in the same run', async () => {
    fixture = makeFixture(6);
    peer = await startSmtpPeer({ rcpt: (a, n) => (n === 1 && /user[135]@/.test(a) ? { code: 451, message: 'Try again later' } : undefined) });
    const report = await sendIssue(options(fixture, peer.url));
    expect(report.status).toBe('sent');
    expect(report.run.deferred).toBe(3);
    expect(report.counts).toMatchObject({ submitted: 6, pending: 0, failed: 0 });
    expect(peer.received.map((m) => m.rcpt).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `user${i}@example.com`).sort());
    expect(fixture.ledger.get(ISSUE, fixture.ids.get('user1@example.com')!)).toMatchObject({ state: 'submitted', attempts: 2 });
    expect(fixture.ledger.get(ISSUE, fixture.ids.get('user2@example.com')!)).toMatchObject({ state: 'submitted', attempts: 1 });
  });

  it('gives up after retry.attempts temporary failures (failed, not bounced)', async () => {
    fixture = makeFixture(3);
    peer = await startSmtpPeer({ rcpt: (a) => (a === 'user2@example.com' ? { code: 452, message: 'Insufficient storage' } : undefined) });
    const report = await sendIssue(options(fixture, peer.url));
    expect(report.counts).toMatchObject({ submitted: 2, failed: 1 });
    expect(peer.attempts.get('user2@example.com')).toBe(3);
    expect(fixture.ledger.get(ISSUE, fixture.ids.get('user2@example.com')!)).toMatchObject({ state: 'failed', attempts: 3 });
    expect(report.topErrors[0]!.reply).toMatch(/gave up after 3 attempts: 452/);
  });

  it('550 "no such user" fails the recipient for good and marks them bounced; others are unaffected', async () => {
    fixture = makeFixture(8);
    peer = await startSmtpPeer({
      rcpt: (a) => (a === 'user2@example.com' || a === 'user6@example.com' ? { code: 550, message: 'No such user here' } : undefined),
    });
    const report = await sendIssue(options(fixture, peer.url));
    expect(report.status).toBe('sent');
    expect(report.counts).toMatchObject({ submitted: 6, bounced: 2, failed: 0 });
    expect(peer.attempts.get('user2@example.com')).toBe(1); // not retried
    for (const a of ['user2@example.com', 'user6@example.com']) {
      expect(getSubscriber(fixture.db, fixture.ids.get(a)!)!.status).toBe('bounced');
    }
    expect(getSubscriber(fixture.db, fixture.ids.get('user3@example.com')!)!.status).toBe('active');
    expect(report.topErrors).toEqual([{ reply: '550 No such user here', count: 2 }]);
    expect(peer.received).toHaveLength(6);
  });

  it('a 554 policy rejection fails the recipient without marking them bounced', async () => {
    fixture = makeFixture(3);
    peer = await startSmtpPeer({ data: (r) => (r === 'user1@example.com' ? { code: 554, message: 'Message rejected by policy' } : undefined) });
    const report = await sendIssue(options(fixture, peer.url));
    expect(report.counts).toMatchObject({ submitted: 2, failed: 1, bounced: 0 });
    expect(getSubscriber(fixture.db, fixture.ids.get('user1@example.com')!)!.status).toBe('active');
  });

  it('a connection dropped in the middle of DATA is retried; nothing is lost', async () => {
    fixture = makeFixture(6);
    peer = await startSmtpPeer({ data: (r, n) => (n === 1 && (r === 'user2@example.com' || r === 'user5@example.com') ? 'drop' : undefined) });
    const report = await sendIssue(options(fixture, peer.url));
    expect(report.status).toBe('sent');
    expect(report.counts).toMatchObject({ submitted: 6, pending: 0, submitting: 0 });
    expect(report.run.interrupted).toBeGreaterThanOrEqual(2);
    expect(peer.received.map((m) => m.rcpt).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `user${i}@example.com`).sort());
    // a broken connection is not an answer about the message: only the accepted attempt counts
    expect(fixture.ledger.get(ISSUE, fixture.ids.get('user2@example.com')!)!.attempts).toBe(1);
  });

  it('a server that is down at the start: SMTP_CONNECT naming host:port, nothing enqueued or marked', async () => {
    fixture = makeFixture(3);
    const port = await freePort();
    const error = await expectRejects(sendIssue(options(fixture, `smtp://127.0.0.1:${port}`)), 'SMTP_CONNECT');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toMatch(/SMTP_URL/);
    expect(fixture.db.prepare("SELECT count(*) AS n FROM deliveries WHERE state != 'pending'").get()).toEqual({ n: 0 });
  });

  it('bad credentials: SMTP_AUTH naming host:port, never the password', async () => {
    fixture = makeFixture(2);
    peer = await startSmtpPeer({ auth: { user: 'roundup', pass: 'right-pass' } });
    const url = `smtp://roundup:wrong-pass-s3cret@127.0.0.1:${peer.port}?insecure=true`;
    const error = await expectRejects(sendIssue(options(fixture, url)), 'SMTP_AUTH');
    expect(error.message).toContain(`127.0.0.1:${peer.port}`);
    expect(error.message).not.toContain('wrong-pass-s3cret');
    // and the right ones work
    const ok = await sendIssue(options(fixture, `smtp://roundup:right-pass@127.0.0.1:${peer.port}?insecure=true`));
    expect(ok.status).toBe('sent');
  });

  it('STARTTLS is used when offered; a certificate that does not verify gives SMTP_TLS', async () => {
    fixture = makeFixture(2);
    peer = await startSmtpPeer({ starttls: true });
    const error = await expectRejects(sendIssue(options(fixture, peer.url)), 'SMTP_TLS');
    expect(error.message).toContain(`127.0.0.1:${peer.port}`);
    const transport = createConnectionPoolTransport({ url: peer.url, maxConnections: 1, maxMessages: 10, rateLimit: 0, tls: { rejectUnauthorized: false } });
    expect((await sendIssue(options(fixture, peer.url, { transport }))).status).toBe('sent');
  });

  it('too many errors in a row pause the run (SEND_PAUSED); rows stay pending; the next run resumes', async () => {
    fixture = makeFixture(40);
    peer = await startSmtpPeer({ rcpt: () => ({ code: 421, message: 'Service not available' }) });
    const policy = { ...FAST_POLICY, inFlight: 2, pauseAfterConsecutiveErrors: 5, retry: { attempts: 10, baseMs: 5, maxMs: 10 } };
    const paused = await sendIssue(options(fixture, peer.url, { policy }));
    expect(paused.status).toBe('paused');
    expect(paused.error?.code).toBe('SEND_PAUSED');
    expect(paused.message).toMatch(/Paused after 5 errors in a row .*421.*run `roundup send` again/);
    expect(paused.counts!.submitted).toBe(0);
    expect(paused.counts!.pending).toBe(40);
    expect(paused.counts!.failed + paused.counts!.bounced).toBe(0);
    await peer.close();
    peer = await startSmtpPeer();
    const resumed = await sendIssue(options(fixture, peer.url, { policy }));
    expect(resumed.status).toBe('sent');
    expect(resumed.counts).toMatchObject({ submitted: 40, pending: 0 });
  });

  it('an abort signal stops taking work, records the replies in flight, and a rerun completes', async () => {
    fixture = makeFixture(30);
    peer = await startSmtpPeer({ delayMs: 20 });
    const controller = new AbortController();
    let seen = 0;
    const first = await sendIssue(
      options(fixture, peer.url, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.submitted >= 8 && seen++ === 0) controller.abort();
        },
      }),
    );
    expect(first.status).toBe('aborted');
    expect(first.counts!.submitting).toBe(0); // every reply in flight was recorded
    expect(first.counts!.submitted).toBe(peer.received.length);
    expect(first.counts!.pending).toBeGreaterThan(0);
    const second = await sendIssue(options(fixture, peer.url));
    expect(second.status).toBe('sent');
    expect(peer.received).toHaveLength(30);
    expect(new Set(peer.received.map((m) => m.rcpt)).size).toBe(30);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
