// Sending an issue to a real SMTP server (smtp-server on 127.0.0.1) from a real SQLite ledger, reading what
// arrived with mailparser.
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { sendIssue, type SendIssueOptions } from '../../src/deliver/send-issue.js';
import { createConnectionPoolTransport } from '../../src/deliver/connection-pool-transport.js';
import type { OutgoingMessage, Transport } from '../../src/deliver/transport.js';
import { getSubscriber, removeSubscriber, setSubscriberStatus } from '../../src/store/index.js';
import { verifyCompact } from '../../src/tokens/compact-token.js';
import { verifyToken } from '../../src/tokens/signed-token.js';
import { FAST_POLICY, PUBLIC_URL, SECRET, makeFixture, sendOptions, testSpec, type Fixture } from '../deliver/helpers/fixture.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';

const ISSUE = '2026-W48';
let fixture: Fixture | undefined;
let peer: SmtpPeer | undefined;
afterEach(async () => {
  await peer?.close();
  fixture?.cleanup();
  peer = fixture = undefined;
});

const options = (f: Fixture, p: SmtpPeer, over: Partial<SendIssueOptions> = {}) =>
  sendOptions(f, p.url, { issue: ISSUE, maxConnections: 3, connectionTimeoutMs: 3000 }, over);

function headerLine(mail: Awaited<ReturnType<typeof simpleParser>>, key: string): string[] {
  return mail.headerLines.filter((h) => h.key === key).map((h) => h.line.replace(/\r\n[ \t]+/g, ' '));
}

describe('sendIssue over SMTP', () => {
  it('sends every active subscriber exactly one message with their own links and the list headers', async () => {
    fixture = makeFixture(12, [{ email: 'zoe@example.org', name: 'Zoë Ångström' }]);
    removeSubscriber(fixture.db, 'user3@example.com', { via: 'test' });
    setSubscriberStatus(fixture.db, fixture.ids.get('user7@example.com')!, 'bounced', { via: 'test' });
    peer = await startSmtpPeer();
    const report = await sendIssue(options(fixture, peer));

    expect(report.status).toBe('sent');
    expect(report.run.submitted).toBe(11);
    expect(report.counts).toMatchObject({ submitted: 11, pending: 0, submitting: 0, failed: 0, bounced: 0 });
    const rcpts = peer.received.map((m) => m.rcpt).sort();
    expect(new Set(rcpts).size).toBe(rcpts.length);
    expect(rcpts).not.toContain('user3@example.com');
    expect(rcpts).not.toContain('user7@example.com');
    expect(rcpts).toHaveLength(11);

    for (const { rcpt, raw } of peer.received) {
      const mail = await simpleParser(raw);
      const id = fixture.ids.get(rcpt)!;
      const to = Array.isArray(mail.to) ? mail.to[0]! : mail.to!;
      expect(to.value[0]!.address).toBe(rcpt);
      // their own signed unsubscribe link, in the header (https + mailto, one header) and in both parts
      const unsubscribe = headerLine(mail, 'list-unsubscribe');
      expect(unsubscribe).toHaveLength(1);
      const m = /^List-Unsubscribe: <(https:\/\/[^>]+\/u\/([^>]+))>, <mailto:unsubscribe\+([a-z2-7]+)@identitywire\.example\?subject=unsubscribe>$/.exec(unsubscribe[0]!);
      expect(m).not.toBeNull();
      const [, url, token, mailtoToken] = m!;
      expect(url!.startsWith(`${PUBLIC_URL}/u/`)).toBe(true);
      // the mailto's local part carries its own signed token for this subscriber and issue
      expect(verifyCompact(mailtoToken!, 'mailto', SECRET)).toEqual({ purpose: 'mailto', issue: ISSUE, subscriber: id });
      expect(verifyToken(token!, 'unsubscribe', SECRET)).toMatchObject({ s: id, i: ISSUE });
      expect(mail.text).toContain(url);
      expect(mail.html).toContain(`href="${url}"`);
      expect(headerLine(mail, 'list-unsubscribe-post')).toEqual(['List-Unsubscribe-Post: List-Unsubscribe=One-Click']);
      expect(headerLine(mail, 'list-id')).toEqual(['List-Id: Identity Wire <weekly.identitywire.example>']);
      expect(headerLine(mail, 'feedback-id')).toEqual(['Feedback-ID: weekly:identitywire']);
      expect(mail.messageId).toMatch(new RegExp(`^<2026-W48\\.${id}\\.[A-Za-z0-9]{12}@identitywire\\.example>$`));
      // the ledger recorded that Message-ID before sending
      expect(`<${fixture.ledger.get(ISSUE, id)!.messageId}>`).toBe(mail.messageId);
      expect(mail.from!.value[0]).toEqual({ name: 'Identity Wire', address: 'news@identitywire.example' });
      if (rcpt === 'zoe@example.org') {
        expect(to.value[0]!.name).toBe('Zoë Ångström');
        expect(mail.text).toContain('Hi Zoë Ångström,');
      }
    }
  });

  it('does not send a fully sent issue again', async () => {
    fixture = makeFixture(4);
    peer = await startSmtpPeer();
    expect((await sendIssue(options(fixture, peer))).status).toBe('sent');
    const again = await sendIssue(options(fixture, peer));
    expect(again.status).toBe('already-sent');
    expect(again.message).toMatch(/Nothing left to send/);
    expect(peer.received).toHaveLength(4);
  });

  it('keeps at most `inFlight` messages with the transport at once', async () => {
    fixture = makeFixture(30);
    peer = await startSmtpPeer({ delayMs: 15 });
    const real = createConnectionPoolTransport({ url: peer.url, maxConnections: 10, maxMessages: 100, rateLimit: 0 });
    let now = 0;
    let most = 0;
    const counting: Transport = {
      verify: () => real.verify(),
      close: () => real.close(),
      async send(message: OutgoingMessage) {
        most = Math.max(most, ++now);
        try {
          return await real.send(message);
        } finally {
          now--;
        }
      },
    };
    const report = await sendIssue(options(fixture, peer, { transport: counting, policy: { ...FAST_POLICY, inFlight: 4 } }));
    expect(report.run.submitted).toBe(30);
    expect(most).toBe(4);
  });

  it('--limit sends N and leaves the rest pending; the next run continues', async () => {
    fixture = makeFixture(10);
    peer = await startSmtpPeer();
    const first = await sendIssue(options(fixture, peer, { limit: 4 }));
    expect(first.status).toBe('limited');
    expect(first.counts).toMatchObject({ submitted: 4, pending: 6 });
    const second = await sendIssue(options(fixture, peer));
    expect(second.status).toBe('sent');
    expect(peer.received).toHaveLength(10);
    expect(new Set(peer.received.map((m) => m.rcpt)).size).toBe(10);
  });

  it('--dry-run builds every message, sends none and leaves the ledger untouched', async () => {
    fixture = makeFixture(7);
    peer = await startSmtpPeer();
    const f = fixture;
    const report = await sendIssue(
      options(f, peer, {
        dryRun: true,
        dryRunRecipients: (afterId, limit) =>
          f.db
            .prepare('SELECT id AS subscriberId, email, name, 0 AS attempts FROM subscribers WHERE status = ? AND id > ? ORDER BY id LIMIT ?')
            .all('active', afterId, limit) as never,
      }),
    );
    expect(report.status).toBe('dry-run');
    expect(report.run.built).toBe(7);
    expect(report.run.maxBytes).toBeGreaterThan(500);
    expect(peer.received).toHaveLength(0);
    expect(f.db.prepare('SELECT count(*) AS n FROM deliveries').get()).toEqual({ n: 0 });
  });

  it('--test sends to the given addresses only, subject prefixed, ledger untouched', async () => {
    fixture = makeFixture(5);
    peer = await startSmtpPeer();
    const report = await sendIssue(options(fixture, peer, { testAddresses: [{ email: 'editor@identitywire.example' }, { email: 'qa@example.net' }] }));
    expect(report.status).toBe('test');
    expect(report.tests?.map((t) => t.status)).toEqual(['accepted', 'accepted']);
    expect(peer.received.map((m) => m.rcpt).sort()).toEqual(['editor@identitywire.example', 'qa@example.net']);
    const mail = await simpleParser(peer.received[0]!.raw);
    expect(mail.subject).toBe('[TEST] Identity Wire: the week in digital identity');
    expect(fixture.db.prepare('SELECT count(*) AS n FROM deliveries').get()).toEqual({ n: 0 });
  });

  it('--test of a message that cannot be built closes the connection verify opened (nothing keeps the process alive)', async () => {
    fixture = makeFixture(1);
    peer = await startSmtpPeer();
    const p = peer;
    const bad = { ...testSpec(), from: { name: 'Identity Wire', address: 'news@identitywire.example>, x@evil.example' } };
    await expect(sendIssue(options(fixture, p, { spec: bad, testAddresses: [{ email: 'editor@identitywire.example' }] }))).rejects.toThrow(/From address/);
    expect(p.connections().opened).toBe(1);
    await expect.poll(() => p.connections().openNow).toBe(0);
    expect(p.received).toHaveLength(0);
  });

  it('--retry-failed sends again to failed recipients (not bounced ones)', async () => {
    fixture = makeFixture(6);
    peer = await startSmtpPeer({ rcpt: (a) => (a === 'user2@example.com' ? { code: 552, message: 'Mailbox full' } : undefined) });
    const first = await sendIssue(options(fixture, peer));
    expect(first.counts).toMatchObject({ submitted: 5, failed: 1 });
    expect(first.topErrors[0]!.reply).toMatch(/552/);
    await peer.close();
    peer = await startSmtpPeer();
    expect((await sendIssue(options(fixture, peer))).status).toBe('already-sent');
    const retried = await sendIssue(options(fixture, peer, { retryFailed: true }));
    expect(retried.status).toBe('sent');
    expect(peer.received.map((m) => m.rcpt)).toEqual(['user2@example.com']);
    expect(getSubscriber(fixture.db, fixture.ids.get('user2@example.com')!)!.status).toBe('active');
  });
});
