import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../src/config/site-schema.js';
import { parseWeekArg } from '../../src/select/parse-week-arg.js';
import { weekWindow } from '../../src/select/week-window.js';

type Day = SiteConfig['weekStartsOn'];
const site = (timezone: string, weekStartsOn: Day = 'monday') => ({ timezone, weekStartsOn });
const DAYS: Day[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ZONES = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Sao_Paulo'];

/** Local wall-clock parts of an instant, read with Intl (independently of date-fns). */
function local(ms: number, timeZone: string): { date: string; time: string; weekday: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    weekday: String(parts.weekday).toLowerCase(),
  };
}

/** The offset `+hh:mm` of an instant in a zone, from Intl. */
function offset(ms: number, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName')?.value;
  return name === 'GMT' ? '+00:00' : String(name).replace('GMT', '');
}

describe('weekWindow', () => {
  it('gives the Monday-to-Monday week in the site zone with offsets and the ISO key', () => {
    expect(weekWindow(new Date('2026-11-25T12:00:00Z'), site('Europe/London'))).toEqual({
      key: '2026-W48',
      start: '2026-11-23T00:00:00+00:00',
      end: '2026-11-30T00:00:00+00:00',
      timeZone: 'Europe/London',
      hours: 168,
    });
  });

  it('is 167 hours in the week the clocks go forward (Europe/London 2026-W13, 29 Mar 2026)', () => {
    const w = weekWindow(new Date('2026-03-26T12:00:00Z'), site('Europe/London'));
    expect(w).toMatchObject({ key: '2026-W13', start: '2026-03-23T00:00:00+00:00', end: '2026-03-30T00:00:00+01:00' });
    expect(w.hours).toBe(167);
  });

  it('is 169 hours in the week the clocks go back (Europe/London, 25 Oct 2026: that is 2026-W43)', () => {
    // 25 Oct 2026 is the Sunday closing ISO week 43 (19-25 Oct); 2026-W44 (26 Oct - 1 Nov) is a plain week.
    const w = weekWindow(new Date('2026-10-25T12:00:00Z'), site('Europe/London'));
    expect(w).toMatchObject({ key: '2026-W43', start: '2026-10-19T00:00:00+01:00', end: '2026-10-26T00:00:00+00:00' });
    expect(w.hours).toBe(169);
    expect(parseWeekArg({ week: '2026-W44' }, site('Europe/London'), new Date(0)).hours).toBe(168);
  });

  it('starts on the configured day and names such weeks by their first date', () => {
    expect(weekWindow(new Date('2026-03-31T12:00:00Z'), site('Europe/London', 'sunday'))).toEqual({
      key: '2026-03-29',
      start: '2026-03-29T00:00:00+00:00',
      end: '2026-04-05T00:00:00+01:00',
      timeZone: 'Europe/London',
      hours: 167,
    });
    expect(weekWindow(new Date('2026-11-26T12:00:00Z'), site('America/New_York', 'thursday')).key).toBe('2026-11-26');
  });

  it('uses the ISO week-year around New Year', () => {
    const london = site('Europe/London');
    expect(weekWindow(new Date('2026-12-31T12:00:00Z'), london).key).toBe('2026-W53');
    expect(weekWindow(new Date('2027-01-01T12:00:00Z'), london).key).toBe('2026-W53');
    expect(weekWindow(new Date('2027-01-04T12:00:00Z'), london).key).toBe('2027-W01');
    expect(weekWindow(new Date('2024-12-30T12:00:00Z'), london).key).toBe('2025-W01');
    expect(weekWindow(new Date('2021-01-03T12:00:00Z'), london).key).toBe('2020-W53');
  });

  it('takes the calendar of the zone, not of UTC', () => {
    const instant = new Date('2026-11-29T23:30:00Z'); // Sunday night in London, Monday morning in Kolkata
    expect(weekWindow(instant, site('Europe/London')).key).toBe('2026-W48');
    expect(weekWindow(instant, site('Asia/Kolkata'))).toMatchObject({
      key: '2026-W49',
      start: '2026-11-30T00:00:00+05:30',
      hours: 168,
    });
    expect(weekWindow(new Date('2026-04-08T12:00:00Z'), site('Pacific/Chatham')).start).toBe('2026-04-06T00:00:00+12:45');
  });

  it('handles other zones\' DST weeks (New York, Sydney) and a skipped midnight (São Paulo 2018)', () => {
    expect(weekWindow(new Date('2026-03-10T12:00:00Z'), site('America/New_York', 'sunday'))).toMatchObject({
      start: '2026-03-08T00:00:00-05:00',
      end: '2026-03-15T00:00:00-04:00',
      hours: 167,
    });
    expect(weekWindow(new Date('2026-04-01T12:00:00Z'), site('Australia/Sydney'))).toMatchObject({
      start: '2026-03-30T00:00:00+11:00',
      end: '2026-04-06T00:00:00+10:00',
      hours: 169,
    });
    // Brazil's clocks went from 00:00 to 01:00 on Sunday 4 Nov 2018: that day began at 01:00.
    expect(weekWindow(new Date('2018-11-06T12:00:00Z'), site('America/Sao_Paulo', 'sunday'))).toMatchObject({
      start: '2018-11-04T01:00:00-02:00',
      end: '2018-11-11T00:00:00-02:00',
      hours: 167,
    });
  });

  it('holds its invariants for any instant 2000-2100, zone and week start day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...DAYS),
        (instant, timeZone, weekStartsOn) => {
          const s = site(timeZone, weekStartsOn);
          const w = weekWindow(instant, s);
          const start = Date.parse(w.start);
          const end = Date.parse(w.end);
          // contains the instant
          expect(start).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime()).toBeLessThan(end);
          // the offsets written are the zone's offsets at those instants
          expect(w.start.slice(19)).toBe(offset(start, timeZone));
          expect(w.end.slice(19)).toBe(offset(end, timeZone));
          // starts at the first instant of a local day that is the configured start day
          const first = local(start, timeZone);
          expect(first.weekday).toBe(weekStartsOn);
          expect(w.start.slice(0, 10)).toBe(first.date);
          expect(local(start - 1, timeZone).date).not.toBe(first.date);
          if (timeZone !== 'America/Sao_Paulo') expect(first.time).toBe('00:00:00');
          else expect(['00:00:00', '01:00:00']).toContain(first.time);
          // real length
          expect([167, 168, 169]).toContain(w.hours);
          expect(w.hours).toBe((end - start) / 3.6e6);
          // weeks tile time: the next week starts where this one ends
          expect(weekWindow(new Date(end), s).start).toBe(w.end);
          // the key round-trips through --week
          expect(parseWeekArg({ week: w.key }, s, new Date(0))).toEqual(w);
        },
      ),
      { numRuns: 400 },
    );
  });
});
