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

describe('isoDate: the class of dates written by localised sites', () => {
  it('reads day and month names in en, de, fr, es, pt, it and nl', () => {
    const cases: [string, string][] = [
      ['Seg, 24 Set 2018 10:00:00 -0300', '2018-09-24T10:00:00-03:00'], // pt
      ['Ter, 24 Fev 2026 10:00:00 -0300', '2026-02-24T10:00:00-03:00'], // pt
      ['Di, 24 Nov 2026 09:30:00 +0100', '2026-11-24T09:30:00+01:00'], // de
      ['Dienstag, 24. März 2026 09:30 MEZ', '2026-03-24T09:30:00+01:00'], // de, day with a dot, zone name
      ['Mo, 01 Mär 2027 09:30:00 +0100', '2027-03-01T09:30:00+01:00'], // de abbreviation with umlaut
      ['mar., 24 nov. 2026 09:30:00 +0100', '2026-11-24T09:30:00+01:00'], // fr
      ['jeu., 13 févr. 2026 08:00:00 +0100', '2026-02-13T08:00:00+01:00'], // fr
      ['sáb, 14 ago 2026 08:00:00 +0200', '2026-08-14T08:00:00+02:00'], // es (day name does not matter)
      ['lun, 07 dic 2026 08:00:00 +0100', '2026-12-07T08:00:00+01:00'], // es / it
      ['mer, 13 mag 2026 08:00:00 +0200', '2026-05-13T08:00:00+02:00'], // it
      ['gio, 11 giu 2026 08:00:00 +0200', '2026-06-11T08:00:00+02:00'], // it
      ['di, 03 mrt 2026 08:00:00 +0100', '2026-03-03T08:00:00+01:00'], // nl
      ['vr, 15 okt 2027 08:00:00 +0200', '2027-10-15T08:00:00+02:00'], // nl
      ['Sat, 31 Oct 2026 23:59:59 +0000', '2026-10-31T23:59:59+00:00'], // en
    ];
    for (const [raw, expected] of cases) expect(isoDate(raw), raw).toBe(expected);
  });

  it('knows named zones beyond RFC 822', () => {
    expect(isoDate('Tue, 24 Nov 2026 09:30:00 CET')).toBe('2026-11-24T09:30:00+01:00');
    expect(isoDate('Tue, 24 Jun 2026 09:30:00 CEST')).toBe('2026-06-24T09:30:00+02:00');
    expect(isoDate('Tue, 24 Jun 2026 09:30:00 PDT')).toBe('2026-06-24T09:30:00-07:00');
    expect(isoDate('Tue, 24 Nov 2026 09:30:00 AEDT')).toBe('2026-11-24T09:30:00+11:00');
    expect(isoDate('Tue, 24 Nov 2026 09:30:00 XYZ')).toBeUndefined();
  });

  it('refuses a month name it does not know rather than guessing', () => {
    expect(isoDate('Tue, 24 Foo 2026 09:30:00 +0000')).toBeUndefined();
  });

  it('refuses offsets no zone has, in both forms', () => {
    expect(isoDate('2026-11-24T09:30:00+05:75')).toBeUndefined();
    expect(isoDate('2026-11-24T09:30:00-11:26')).toBeUndefined();
    expect(isoDate('Tue, 24 Nov 2026 09:30:00 +0575')).toBeUndefined();
    expect(isoDate('2026-11-24T09:30:00+14:30')).toBeUndefined();
    expect(isoDate('2026-11-24T09:30:00+05:45')).toBe('2026-11-24T09:30:00+05:45');
    expect(isoDate('2026-11-24T09:30:00-09:30')).toBe('2026-11-24T09:30:00-09:30');
  });

  it('keeps four-digit years below 100 as written', () => {
    expect(isoDate('0026-11-24T09:30:00Z')).toBe('0026-11-24T09:30:00+00:00');
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

describe('isoDate: the common RSS form read quickly', () => {
  it('agrees with Date for any instant written the way nearly every feed writes it', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1971-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') }), (ms) => {
        const raw = new Date(ms - (ms % 1000)).toUTCString().replace('GMT', '+0000');
        expect(Date.parse(isoDate(raw)!)).toBe(ms - (ms % 1000));
      }),
      { numRuns: 300 },
    );
  });
});
