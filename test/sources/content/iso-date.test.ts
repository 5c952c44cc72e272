import { describe, expect, it } from 'vitest';
import { formatOffset, isoDate } from '../../../src/sources/iso-date.js';

describe('isoDate', () => {
  it('turns RSS (RFC 822) dates into ISO 8601 keeping the offset', () => {
    expect(isoDate('Tue, 24 Nov 2026 09:30:00 +0000')).toBe('2026-11-24T09:30:00+00:00');
    expect(isoDate('Tue, 24 Nov 2026 09:30:00 GMT')).toBe('2026-11-24T09:30:00+00:00');
    expect(isoDate('Wed, 25 Nov 2026 10:00:00 +0100')).toBe('2026-11-25T10:00:00+01:00');
    expect(isoDate('Tue, 24 Nov 2026 04:30:00 EST')).toBe('2026-11-24T04:30:00-05:00');
    expect(isoDate('24 Nov 26 9:30 Z')).toBe('2026-11-24T09:30:00+00:00');
    expect(isoDate('Tuesday, 24 November 2026 09:30:00 -0330')).toBe('2026-11-24T09:30:00-03:30');
  });

  it('keeps ISO 8601 offsets, turns Z into +00:00 and drops fractions of a second', () => {
    expect(isoDate('2026-11-28T09:00:00+01:00')).toBe('2026-11-28T09:00:00+01:00');
    expect(isoDate('2026-11-26T16:30:00Z')).toBe('2026-11-26T16:30:00+00:00');
    expect(isoDate('2026-11-26T16:30:00.123Z')).toBe('2026-11-26T16:30:00+00:00');
    expect(isoDate('2026-11-26T16:30-0500')).toBe('2026-11-26T16:30:00-05:00');
  });

  it('refuses a date without a zone unless an offset is given', () => {
    expect(isoDate('2026-11-26T16:30:00')).toBeUndefined();
    expect(isoDate('2026-11-26 16:30:00', 60)).toBe('2026-11-26T16:30:00+01:00');
    expect(isoDate('Thu, 26 Nov 2026 16:30:00')).toBeUndefined();
  });

  it('refuses impossible dates and nonsense', () => {
    expect(isoDate('2026-11-31T10:00:00Z')).toBeUndefined();
    expect(isoDate('Mon, 30 Feb 2026 10:00:00 +0000')).toBeUndefined();
    expect(isoDate('2026-11-26T25:00:00Z')).toBeUndefined();
    expect(isoDate('2026-11-26T10:00:00+15:00')).toBeUndefined();
    expect(isoDate('yesterday')).toBeUndefined();
    expect(isoDate('')).toBeUndefined();
    expect(isoDate(undefined)).toBeUndefined();
  });

  it('names the same instant as the input', () => {
    for (const raw of ['Tue, 24 Nov 2026 09:30:00 +0530', '2026-06-01T23:15:00-07:00', 'Sun, 01 Mar 2026 00:00:00 PST']) {
      expect(Date.parse(isoDate(raw)!)).toBe(Date.parse(raw.replace('PST', '-0800')));
    }
  });
});

describe('formatOffset', () => {
  it('writes minutes east of UTC as ±HH:MM', () => {
    expect(formatOffset(0)).toBe('+00:00');
    expect(formatOffset(60)).toBe('+01:00');
    expect(formatOffset(-210)).toBe('-03:30');
    expect(formatOffset(345)).toBe('+05:45');
  });
});
