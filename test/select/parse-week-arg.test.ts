import { describe, expect, it } from 'vitest';
import { RoundupError } from '../../src/errors.js';
import type { WeekSite } from '../../src/select/week-window.js';
import { latestCompleteWeek } from '../../src/select/latest-complete-week.js';
import { parseWeekArg } from '../../src/select/parse-week-arg.js';
import { sendDate } from '../../src/select/send-date.js';
import { weekWindow } from '../../src/select/week-window.js';

const london: WeekSite = { timezone: 'Europe/London', weekStartsOn: 'monday' };
const sundays: WeekSite = { timezone: 'America/New_York', weekStartsOn: 'sunday' };
const NOW = new Date('2026-12-02T10:00:00Z');

function weekError(arg: { week?: string; date?: string }, s: WeekSite = london): RoundupError {
  try {
    parseWeekArg(arg, s, NOW);
  } catch (error) {
    if (error instanceof RoundupError) return error;
    throw error;
  }
  throw new Error(`expected WEEK_INVALID for ${JSON.stringify(arg)}`);
}

describe('parseWeekArg', () => {
  it('reads an ISO week key', () => {
    expect(parseWeekArg({ week: '2026-W48' }, london, NOW)).toEqual(weekWindow(new Date('2026-11-25T12:00:00Z'), london));
    expect(parseWeekArg({ week: '2026-w01' }, london, NOW).start).toBe('2025-12-29T00:00:00+00:00');
    expect(parseWeekArg({ week: '2026-W53' }, london, NOW).start).toBe('2026-12-28T00:00:00+00:00');
  });

  it('reads a week start date as --week (the key of non-Monday weeks, and Mondays for Monday weeks)', () => {
    expect(parseWeekArg({ week: '2026-11-22' }, sundays, NOW)).toMatchObject({ key: '2026-11-22', start: '2026-11-22T00:00:00-05:00' });
    expect(parseWeekArg({ week: '2026-11-23' }, london, NOW).key).toBe('2026-W48');
  });

  it('reads --date as the week containing that local date', () => {
    expect(parseWeekArg({ date: '2026-11-29' }, london, NOW).key).toBe('2026-W48');
    expect(parseWeekArg({ date: '2026-11-30' }, london, NOW).key).toBe('2026-W49');
    expect(parseWeekArg({ date: '2026-11-25' }, sundays, NOW).key).toBe('2026-11-22');
  });

  it('defaults to the latest complete week before now', () => {
    expect(parseWeekArg({}, london, NOW)).toEqual(latestCompleteWeek(NOW, london));
    expect(parseWeekArg({ week: undefined, date: undefined }, london, NOW).key).toBe('2026-W48');
  });

  it('rejects week 53 in a year without one, week 0 and week 54', () => {
    for (const week of ['2027-W53', '2026-W00', '2026-W54']) {
      const error = weekError({ week });
      expect(error.code).toBe('WEEK_INVALID');
      expect(error.message).toContain(week);
      expect(error.message).toContain('2026-W48');
    }
    expect(weekError({ week: '2027-W53' }).message).toContain('01 to 52');
  });

  it('rejects a date-form key that is not a week start, naming the start day of its week', () => {
    const error = weekError({ week: '2026-11-25' });
    expect(error.code).toBe('WEEK_INVALID');
    expect(error.message).toMatch(/Wednesday/);
    expect(error.message).toMatch(/start on Monday/);
    expect(error.message).toContain('2026-11-23');
    expect(error.message).toContain('2026-W48');
    const sunday = weekError({ week: '2026-11-23' }, sundays);
    expect(sunday.message).toMatch(/Monday.*start on Sunday.*2026-11-22/s);
  });

  it('rejects an ISO week for a site whose weeks do not start on Monday', () => {
    const error = weekError({ week: '2026-W48' }, sundays);
    expect(error.code).toBe('WEEK_INVALID');
    expect(error.message).toMatch(/start on Sunday/);
    expect(error.message).toContain('site.weekStartsOn');
  });

  it('rejects malformed values, impossible dates, empty values and both flags at once', () => {
    for (const arg of [{ week: '0099-W10' }, { date: '0099-03-01' }, { week: 'W48' }, { week: '2026-48' }, { date: '25/11/2026' }, { date: '2026-02-30' }, { date: '2026-13-01' }, { week: ' ' }]) {
      const error = weekError(arg);
      expect(error.code).toBe('WEEK_INVALID');
      expect(error.message).toContain('2026-W48');
      expect(error.message).toContain('2026-11-25');
    }
    expect(weekError({ week: '2026-W48', date: '2026-11-25' }).message).toMatch(/not both/);
  });
});

describe('latestCompleteWeek', () => {
  it('is the week before the one containing now', () => {
    expect(latestCompleteWeek(new Date('2026-12-02T10:00:00Z'), london).key).toBe('2026-W48');
    expect(latestCompleteWeek(new Date('2026-11-29T23:59:59Z'), london).key).toBe('2026-W47');
  });

  it('at the very start of a week, is the week that just ended', () => {
    expect(latestCompleteWeek(new Date('2026-11-30T00:00:00Z'), london).key).toBe('2026-W48');
    // 00:30 on Monday in London summer time is still Sunday in UTC
    expect(latestCompleteWeek(new Date('2026-06-28T23:30:00Z'), london).key).toBe('2026-W26');
  });

  it('crosses the ISO year boundary', () => {
    expect(latestCompleteWeek(new Date('2027-01-05T09:00:00Z'), london).key).toBe('2026-W53');
    expect(latestCompleteWeek(new Date('2027-01-05T09:00:00Z'), sundays).key).toBe('2026-12-27');
  });
});

describe('sendDate', () => {
  it('is the local date of the window end: the day the week closes', () => {
    expect(sendDate(parseWeekArg({ week: '2026-W48' }, london, NOW))).toBe('2026-11-30');
    expect(sendDate(parseWeekArg({ week: '2026-W13' }, london, NOW))).toBe('2026-03-30');
    expect(sendDate(parseWeekArg({ week: '2026-11-22' }, sundays, NOW))).toBe('2026-11-29');
  });

  it('reads the date in the window zone even when end is written in UTC', () => {
    const w = { ...parseWeekArg({ week: '2026-W27' }, london, NOW), end: '2026-07-05T23:00:00Z' };
    expect(sendDate(w)).toBe('2026-07-06');
  });
});
