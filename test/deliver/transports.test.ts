// The SMTP transport passes the transport contract (test/deliver/transport-contract.ts); a new transport runs it too.
import { createConnectionPoolTransport } from '../../src/deliver/connection-pool-transport.js';
import { describe, expect, it } from 'vitest';
import { startSmtpPeer } from './helpers/smtp-peer.js';
import { contractMessage, transportContract } from './transport-contract.js';

transportContract('connection pool (SMTPConnection, the default)', createConnectionPoolTransport);

describe('connection pool: reusing message memory', () => {
  it('releases each accepted message once, after the server has it whole, so its memory can be reused', async () => {
    const peer = await startSmtpPeer();
    const transport = createConnectionPoolTransport({ url: peer.url, maxConnections: 2, maxMessages: 50, rateLimit: 0 });
    try {
      const released: string[] = [];
      const tos = [1, 2, 3, 4, 5].map((n) => `user${n}@example.com`);
      const outcomes = await Promise.all(tos.map((to) => transport.send({ ...contractMessage(to), release: () => released.push(to) })));
      expect(outcomes.every((o) => o.status === 'accepted')).toBe(true);
      expect([...released].sort()).toEqual(tos);
    } finally {
      await transport.close();
      await peer.close();
    }
  });
});

describe('connection pool: verify', () => {
  it('keeps the connection it opened to verify for the first message, and closes it if nothing is sent', async () => {
    const peer = await startSmtpPeer();
    const transport = createConnectionPoolTransport({ url: peer.url, maxConnections: 2, maxMessages: 50, rateLimit: 0 });
    try {
      await transport.verify();
      expect(peer.connections().opened).toBe(1);
      expect((await transport.send(contractMessage('user1@example.com'))).status).toBe('accepted');
      expect(peer.connections().opened).toBe(1);
    } finally {
      await transport.close();
    }
    const idle = createConnectionPoolTransport({ url: peer.url, maxConnections: 2, maxMessages: 50, rateLimit: 0 });
    await idle.verify();
    await idle.close();
    await expect.poll(() => peer.connections().openNow).toBe(0);
    await peer.close();
  });
});
