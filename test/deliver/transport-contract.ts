// The Transport contract: what the send loop relies on, checked against a real SMTP server (smtp-server on
// 127.0.0.1, with faults on demand). Every Transport implementation runs this same suite:
// `transportContract('name', (options) => createXTransport(options))` in a *.test.ts file.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SmtpTransportOptions } from '../../src/deliver/smtp-transport-options.js';
import type { OutgoingMessage, SendOutcome, Transport } from '../../src/deliver/transport.js';
import { isRoundupError } from '../../src/errors.js';
import { startSmtpPeer, type PeerOptions, type SmtpPeer } from './helpers/smtp-peer.js';

export type TransportFactory = (options: SmtpTransportOptions) => Transport;

const FROM = 'news@identitywire.example';

/** A small message whose body has lines starting with dots (SMTP must stuff them) and a non-ASCII name. */
export function contractMessage(to: string, n = 1): OutgoingMessage {
  const raw = Buffer.from(
    [
      `From: Identity Wire <${FROM}>`,
      `To: =?utf-8?Q?Zo=C3=AB?= <${to}>`,
      `Subject: Contract message ${n}`,
      `Message-ID: <contract.${n}.${to.replace('@', '.')}@identitywire.example>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      `Message ${n} for ${to}.`,
      '.a line starting with a dot',
      '..and one with two',
      '.',
      'the end',
      '',
    ].join('\r\n'),
    'latin1',
  );
  return { from: FROM, to, raw };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function transportContract(name: string, create: TransportFactory): void {
  describe(`Transport contract: ${name}`, () => {
    let peer: SmtpPeer | undefined;
    let transport: Transport | undefined;
    afterEach(async () => {
      await transport?.close();
      await peer?.close();
      peer = transport = undefined;
    });

    const start = async (peerOptions: PeerOptions = {}, over: Partial<SmtpTransportOptions> = {}) => {
      peer = await startSmtpPeer(peerOptions);
      transport = create({ url: peer.url, maxConnections: 2, maxMessages: 50, rateLimit: 0, connectionTimeoutMs: 3000, ...over });
      return { peer, transport };
    };

    it('accepted: the server gets the exact bytes (dots stuffed on the wire, unstuffed on arrival) and the reply is kept', async () => {
      const { peer, transport } = await start();
      await transport.verify();
      const messages = [1, 2, 3].map((n) => contractMessage(`user${n}@example.com`, n));
      const outcomes = await Promise.all(messages.map((m) => transport.send(m)));
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('accepted');
        expect(outcome.reply).toMatch(/^250\b.*Queued/);
      }
      expect(peer.received).toHaveLength(3);
      for (const m of messages) {
        const got = peer.received.find((r) => r.rcpt === m.to)!;
        expect(got.raw.toString('latin1')).toBe(m.raw.toString('latin1'));
      }
    });

    it('release: at most once, and only for a message the server took whole', async () => {
      const { peer, transport } = await start({
        rcpt: (a) => (a === 'gone@example.com' ? { code: 550, message: '5.1.1 No such user here' } : undefined),
        data: (r) => (r === 'spam@example.com' ? { code: 554, message: '5.7.1 Message rejected by policy' } : undefined),
      });
      const released: string[] = [];
      const send = (to: string) => transport.send({ ...contractMessage(to), release: () => released.push(to) });
      const outcomes = await Promise.all(['user1@example.com', 'gone@example.com', 'spam@example.com', 'user2@example.com'].map(send));
      expect(outcomes.map((o) => o.status)).toEqual(['accepted', 'rejected', 'rejected', 'accepted']);
      expect(released.filter((to) => to === 'gone@example.com' || to === 'spam@example.com')).toEqual([]);
      for (const to of released) expect(released.filter((t) => t === to)).toHaveLength(1);
      for (const to of released) expect(peer.received.find((r) => r.rcpt === to)!.raw.toString('latin1')).toBe(contractMessage(to).raw.toString('latin1'));
    });

    it('4xx: deferred with the server reply; the next message goes through', async () => {
      const { peer, transport } = await start({ rcpt: (a) => (a === 'user1@example.com' ? { code: 451, message: 'Try again later' } : undefined) });
      const first = await transport.send(contractMessage('user1@example.com'));
      expect(first).toEqual({ status: 'deferred', reply: expect.stringMatching(/^451\b.*Try again later/) });
      expect((await transport.send(contractMessage('user2@example.com'))).status).toBe('accepted');
      expect(peer.received.map((r) => r.rcpt)).toEqual(['user2@example.com']);
    });

    it('5xx: rejected; bounced only for "no such user"; the connection is reused after a refusal', async () => {
      const { peer, transport } = await start(
        {
          rcpt: (a) => (a === 'gone@example.com' ? { code: 550, message: '5.1.1 No such user here' } : undefined),
          data: (r) => (r === 'spam@example.com' ? { code: 554, message: '5.7.1 Message rejected by policy' } : undefined),
        },
        { maxConnections: 1 },
      );
      const gone = await transport.send(contractMessage('gone@example.com'));
      expect(gone).toEqual({ status: 'rejected', reply: expect.stringMatching(/^550\b/), bounced: true });
      const spam = await transport.send(contractMessage('spam@example.com'));
      expect(spam).toEqual({ status: 'rejected', reply: expect.stringMatching(/^554\b/), bounced: false });
      expect((await transport.send(contractMessage('ok@example.com'))).status).toBe('accepted');
      expect(peer.received.map((r) => r.rcpt)).toEqual(['ok@example.com']);
      expect(peer.connections().opened).toBe(1);
    });

    it('a connection dropped in the middle of DATA: interrupted, and a new connection takes the next message', async () => {
      const { peer, transport } = await start({ data: (r, n) => (r === 'user2@example.com' && n === 1 ? 'drop' : undefined) }, { maxConnections: 1 });
      expect((await transport.send(contractMessage('user1@example.com'))).status).toBe('accepted');
      const dropped = await transport.send(contractMessage('user2@example.com'));
      expect(dropped.status).toBe('interrupted');
      expect((await transport.send(contractMessage('user3@example.com'))).status).toBe('accepted');
      expect((await transport.send(contractMessage('user2@example.com'))).status).toBe('accepted');
      expect(peer.received.map((r) => r.rcpt)).toEqual(['user1@example.com', 'user3@example.com', 'user2@example.com']);
      expect(peer.connections().opened).toBe(2);
    });

    it('a server that is down: verify() throws SMTP_CONNECT naming host:port; send() is interrupted', async () => {
      const port = await freePort();
      transport = create({ url: `smtp://127.0.0.1:${port}`, maxConnections: 2, maxMessages: 10, rateLimit: 0, connectionTimeoutMs: 2000 });
      const error = await rejection(transport.verify());
      expect(isRoundupError(error, 'SMTP_CONNECT')).toBe(true);
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
      const outcome = await transport.send(contractMessage('user1@example.com'));
      expect(outcome.status).toBe('interrupted');
    });

    it('no password over a connection without TLS: SMTP_TLS naming the fix, and the server never sees AUTH', async () => {
      peer = await startSmtpPeer({ auth: { user: 'roundup', pass: 'right-pass' } });
      transport = create({ url: `smtp://roundup:right-pass@127.0.0.1:${peer.port}`, maxConnections: 1, maxMessages: 10, rateLimit: 0 });
      const error = await rejection(transport.verify());
      expect(isRoundupError(error, 'SMTP_TLS')).toBe(true);
      expect((error as Error).message).toMatch(/no encryption .*did not send it.*smtps:\/\/.*\?insecure=true/s);
      expect((error as Error).message).not.toContain('right-pass');
      const outcome = await transport.send(contractMessage('user1@example.com'));
      expect(outcome).toMatchObject({ status: 'fatal', code: 'SMTP_TLS' });
      expect(peer.authAttempts()).toBe(0);
      expect(peer.received).toHaveLength(0);
    });

    it('bad credentials (over a connection allowed in clear): SMTP_AUTH naming host:port and never the password; the right ones send', async () => {
      peer = await startSmtpPeer({ auth: { user: 'roundup', pass: 'right-pass' } });
      const url = `smtp://roundup:wrong-pass-s3cret@127.0.0.1:${peer.port}?insecure=true`;
      transport = create({ url, maxConnections: 1, maxMessages: 10, rateLimit: 0 });
      const error = await rejection(transport.verify());
      expect(isRoundupError(error, 'SMTP_AUTH')).toBe(true);
      expect((error as Error).message).toContain(`127.0.0.1:${peer.port}`);
      expect((error as Error).message).not.toContain('wrong-pass-s3cret');
      const outcome = await transport.send(contractMessage('user1@example.com'));
      expect(outcome).toMatchObject({ status: 'fatal', code: 'SMTP_AUTH' });
      expect((outcome as Extract<SendOutcome, { status: 'fatal' }>).message).not.toContain('wrong-pass-s3cret');
      await transport.close();

      transport = create({ url: `smtp://roundup:right-pass@127.0.0.1:${peer.port}?insecure=true`, maxConnections: 1, maxMessages: 10, rateLimit: 0 });
      await transport.verify();
      expect((await transport.send(contractMessage('user1@example.com'))).status).toBe('accepted');
      expect(peer.received).toHaveLength(1);
    });

    it('STARTTLS with a self-signed certificate: works with tls.rejectUnauthorized=false, SMTP_TLS without', async () => {
      peer = await startSmtpPeer({ starttls: true });
      transport = create({ url: peer.url, maxConnections: 1, maxMessages: 10, rateLimit: 0, connectionTimeoutMs: 3000 });
      const error = await rejection(transport.verify());
      expect(isRoundupError(error, 'SMTP_TLS')).toBe(true);
      expect((error as Error).message).toContain(`127.0.0.1:${peer.port}`);
      await transport.close();

      transport = create({ url: peer.url, maxConnections: 1, maxMessages: 10, rateLimit: 0, tls: { rejectUnauthorized: false } });
      await transport.verify();
      expect((await transport.send(contractMessage('user1@example.com'))).status).toBe('accepted');
      expect(peer.received).toEqual([expect.objectContaining({ rcpt: 'user1@example.com', secure: true })]);
    });

    it('never more than maxConnections at once, all of them used; a connection is recycled after maxMessages', async () => {
      const { peer, transport } = await start({ delayMs: 25 }, { maxConnections: 3, maxMessages: 4 });
      const outcomes = await Promise.all(Array.from({ length: 24 }, (_, i) => transport.send(contractMessage(`user${i}@example.com`, i))));
      expect(outcomes.every((o) => o.status === 'accepted')).toBe(true);
      expect(peer.received).toHaveLength(24);
      expect(peer.maxConcurrent()).toBe(3);
      expect(peer.connections().maxOpen).toBeLessThanOrEqual(3 + 1); // + one saying goodbye after maxMessages
      expect(peer.connections().opened).toBeGreaterThanOrEqual(24 / 4);
    });

    it('rateLimit spaces messages out: at most N per second across the pool', async () => {
      const { peer, transport } = await start({}, { maxConnections: 2, rateLimit: 3 });
      await transport.verify();
      const started = Date.now();
      const outcomes = await Promise.all(Array.from({ length: 7 }, (_, i) => transport.send(contractMessage(`user${i}@example.com`, i))));
      expect(outcomes.every((o) => o.status === 'accepted')).toBe(true);
      expect(peer.received).toHaveLength(7);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900); // 3 + 3 + 1: a third window
    });

    it('close() waits for the messages handed over to be answered, then closes the connections', async () => {
      const { peer, transport } = await start({ delayMs: 30 }, { maxConnections: 2 });
      const settled: string[] = [];
      const sends = [1, 2, 3, 4, 5].map((n) => transport.send(contractMessage(`user${n}@example.com`, n)).then((o) => settled.push(o.status)));
      await transport.close();
      await new Promise((r) => setImmediate(r)); // the outcomes' own continuations
      expect(settled).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
      await Promise.all(sends);
      expect(peer.received).toHaveLength(5);
    });
  });
}
