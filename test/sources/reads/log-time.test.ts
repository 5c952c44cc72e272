import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogTimeParser } from '../../../src/sources/reads/log-time.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The log's own spelling of an instant, written in a given offset (minutes east of UTC). */
function logTime(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

describe('LogTimeParser', () => {
  it('reads the offset', () => {
    const p = new LogTimeParser();
    expect(new Date(p.parse('[23/Nov/2026:01:00:00 +0100]', 1)).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(new Date(p.parse('[22/Nov/2026:18:59:59 -0500]', 1)).toISOString()).toBe('2026-11-22T23:59:59.000Z');
    expect(new Date(p.parse('[01/Jan/2027:05:30:00 +0530]', 1)).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('does not reuse a cached minute when only the offset differs', () => {
    const p = new LogTimeParser();
    expect(p.parse('24/Nov/2026:09:30:10 +0000', 0)).toBe(Date.parse('2026-11-24T09:30:10Z'));
    expect(p.parse('24/Nov/2026:09:30:20 +0100', 0)).toBe(Date.parse('2026-11-24T08:30:20Z'));
    expect(p.parse('24/Nov/2026:09:30:30 +0000', 0)).toBe(Date.parse('2026-11-24T09:30:30Z'));
  });

  it('agrees with Date for any instant and offset, in any order (the cache never leaks)', () => {
    const p = new LogTimeParser();
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') }).map((ms) => ms - (ms % 1000)),
            fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15)),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (instants) => {
          for (const [ms, offset] of instants) {
            const text = logTime(ms, offset);
            expect({ text, ms: p.parse(`[${text}]`, 1) }).toEqual({ text, ms });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers NaN for what is not a log timestamp', () => {
    const p = new LogTimeParser();
    for (const bad of ['24/Nov/2026:09:30:00', '24/Nix/2026:09:30:00 +0000', '24/Nov/2026 09:30:00 +0000', '24/Nov/2026:09:30:99 +0000', '24/Nov/2026:09:30:00 *0000', '']) {
      expect({ bad, ms: p.parse(bad, 0) }).toEqual({ bad, ms: NaN });
    }
  });
});

describe('LogTimeParser: timestamps that name no instant', () => {
  it.each([
    '29/Feb/2026:10:00:00 +0000', // 2026 is not a leap year
    '31/Apr/2026:10:00:00 +0000',
    '24/Nov/2026:10:60:00 +0000', // minute 60
    '24/Nov/2026:24:00:00 +0000',
    '24/Nov/2026:10:00:60 +0000', // second 60
    '24/Nov/2026:10:00:00 -1126', // an offset no zone has
    '24/Nov/2026:10:00:00 +0575',
    '24/Nov/2026:10:00:00 +1500',
    '24/Nov/2026:10:00:00X+0000',
  ])('refuses %s', (text) => {
    expect(new LogTimeParser().parse(text, 0)).toBeNaN();
  });

  it('accepts 29 February of a leap year, and reads year 0026 as 26, not 1926', () => {
    expect(new LogTimeParser().parse('29/Feb/2028:10:00:00 +0000', 0)).toBe(Date.parse('2028-02-29T10:00:00Z'));
    expect(new Date(new LogTimeParser().parse('24/Nov/0026:10:00:00 +0000', 0)).getUTCFullYear()).toBe(26);
  });

  it('answers from its cache exactly what a fresh parser answers, for any text after a cached minute', () => {
    const chars = fc.constantFrom(...'0123456789:/ +-XNov'.split(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 25 }), chars), { maxLength: 4 }), (edits) => {
        const base = '24/Nov/2026:09:30:10 +0000'.split('');
        for (const [i, c] of edits) base[i] = c;
        const text = base.join('');
        const cached = new LogTimeParser();
        cached.parse('24/Nov/2026:09:30:00 +0000', 0);
        const a = cached.parse(text, 0);
        const b = new LogTimeParser().parse(text, 0);
        expect(Number.isNaN(a) ? 'NaN' : a).toBe(Number.isNaN(b) ? 'NaN' : b);
      }),
      { numRuns: 2000 },
    );
  });
});
