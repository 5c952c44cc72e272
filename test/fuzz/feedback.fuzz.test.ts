// Fuzzing `roundup feedback` with mutations of the bounce and complaint fixtures (filled in for a real sent
// message): every input ends, quickly, in one of the four outcomes, and only a message that still carries a good
// token or a recorded Message-ID can change anyone.
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processFeedback } from '../../src/feedback/process-feedback.js';
import { readFeedback } from '../../src/feedback/read-feedback.js';
import { getSubscriber } from '../../src/store/index.js';
import { feedbackWorld, fixture } from '../feedback/fixtures.js';
import { MAX_MS, TIMEOUT_MS, mutated, params } from './fuzz-kit.js';

const MIME_TOKENS = [
  '\r\n\r\n', '--', 'boundary="', 'Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n', '--x\r\n', '--x--',
  'Content-Type: message/delivery-status\r\n\r\n', 'Action: failed\r\nStatus: 5.1.1\r\n', 'Content-Transfer-Encoding: base64\r\n',
  'Content-Transfer-Encoding: quoted-printable\r\n', '=\r\n', '=ZZ', 'charset="x-unknown"', 'Message-ID: <', '>', '@', '+', ';', ':',
];

describe('fuzz: feedback messages', () => {
  it('every mutated message ends in one of the outcomes, within the time limit, and nothing throws', async () => {
    const w = await feedbackWorld();
    const m = w.sent('2026-W48', 1);
    const names = readdirSync(new URL('../fixtures/feedback/', import.meta.url)).filter((f) => f.endsWith('.eml'));
    const seeds = names.map((n) => fixture(n, m));
    await fc.assert(
      fc.asyncProperty(mutated(seeds, MIME_TOKENS), async (bytes) => {
        const started = Date.now();
        const reading = readFeedback(bytes);
        expect(['bounce', 'delay', 'complaint', 'unsubscribe', 'none']).toContain(reading.kind);
        const result = await processFeedback(bytes, w.ctx);
        expect(['acted', 'duplicate', 'ignored', 'unmatched']).toContain(result.outcome);
        if (result.outcome === 'acted' || result.outcome === 'duplicate') expect(result.subscriberId).toBe(m.subscriberId);
        expect(Date.now() - started).toBeLessThan(MAX_MS);
      }),
      params(60),
    );
    // the other subscribers, whose tokens and Message-IDs are in no seed, are untouched
    for (const n of [2, 3]) expect(getSubscriber(w.db, w.sent('2026-W48', n).subscriberId)!.status).toBe('active');
  }, TIMEOUT_MS);
});
