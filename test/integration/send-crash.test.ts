// A send killed with SIGKILL part-way (no chance to clean up) and run again: every subscriber gets the issue,
// and only the messages that were in flight at the kill can arrive twice. The killed sender's rows come back when
// its lease runs out (short here), as they would to a sender on another machine.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sendIssue } from '../../src/deliver/send-issue.js';
import { createConnectionPoolTransport } from '../../src/deliver/connection-pool-transport.js';
import { FAST_POLICY, LINKS, makeFixture, testSpec, type Fixture } from '../deliver/helpers/fixture.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';

const CHILD = fileURLToPath(new URL('../deliver/helpers/send-child.ts', import.meta.url));
const IN_FLIGHT = 6;
const COUNT = 80;
const LEASE_MS = 5000;

let fixture: Fixture | undefined;
let peer: SmtpPeer | undefined;
afterEach(async () => {
  await peer?.close();
  fixture?.cleanup();
  peer = fixture = undefined;
});

describe('crash and resume', () => {
  it('a send killed with SIGKILL part-way is completed by the next run; duplicates stay within the in-flight bound', async () => {
    fixture = makeFixture(COUNT);
    peer = await startSmtpPeer({ delayMs: 25 });
    const p = peer;
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, fixture.dbFile, p.url, String(IN_FLIGHT), String(LEASE_MS)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killedAt = await new Promise<number>((resolve, reject) => {
      const poll = setInterval(() => {
        if (p.received.length >= 20) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve(p.received.length);
        }
      }, 2);
      child.on('exit', (code, signal) => {
        clearInterval(poll);
        if (signal !== 'SIGKILL') reject(new Error(`child ended before the kill (${code}): ${stderr}`));
      });
    });
    await new Promise((r) => child.once('close', r));
    expect(killedAt).toBeLessThan(COUNT);
    const afterKill = await fixture.ledger.counts('2026-W48');
    expect(afterKill.pending + afterKill.submitting).toBeGreaterThan(0);
    expect(afterKill.submitting).toBeLessThanOrEqual(IN_FLIGHT);
    expect(await fixture.ledger.held('2026-W48')).toBeGreaterThan(0); // the dead sender's lease still holds rows

    const report = await sendIssue({
      issue: '2026-W48',
      spec: testSpec(),
      links: LINKS,
      ledger: fixture.ledger,
      transport: createConnectionPoolTransport({ url: p.url, maxConnections: 4, maxMessages: 1000, rateLimit: 0 }),
      policy: { ...FAST_POLICY, inFlight: IN_FLIGHT },
    });
    expect(report.status).toBe('sent');
    expect(report.counts).toMatchObject({ submitted: COUNT, pending: 0, submitting: 0 });
    const perAddress = new Map<string, number>();
    for (const m of p.received) perAddress.set(m.rcpt, (perAddress.get(m.rcpt) ?? 0) + 1);
    expect(perAddress.size).toBe(COUNT);
    const duplicates = p.received.length - COUNT;
    expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT);
  }, 30_000);
});
