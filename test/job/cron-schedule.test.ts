import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { cronSchedule, formatRunTime, nextRunAfter } from '../../src/job/cron-schedule.js';

const LONDON = 'Europe/London';
const MONDAYS_7 = '0 7 * * 1';

describe('nextRunAfter: Mondays 07:00 in Europe/London', () => {
  it('is 07:00 GMT (07:00Z) in winter and 07:00 BST (06:00Z) in summer', () => {
    expect(nextRunAfter(MONDAYS_7, LONDON, new Date('2026-01-07T12:00:00Z'))?.toISOString()).toBe('2026-01-12T07:00:00.000Z');
    expect(nextRunAfter(MONDAYS_7, LONDON, new Date('2026-07-01T12:00:00Z'))?.toISOString()).toBe('2026-07-06T06:00:00.000Z');
  });

  it('moves by 167 hours across the spring change (Sunday 29 March 2026) and by 169 across the autumn one (25 October)', () => {
    const beforeSpring = nextRunAfter(MONDAYS_7, LONDON, new Date('2026-03-20T12:00:00Z'))!;
    expect(beforeSpring.toISOString()).toBe('2026-03-23T07:00:00.000Z');
    const afterSpring = nextRunAfter(MONDAYS_7, LONDON, beforeSpring)!;
    expect(afterSpring.toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect((afterSpring.getTime() - beforeSpring.getTime()) / 3_600_000).toBe(167);

    const beforeAutumn = nextRunAfter(MONDAYS_7, LONDON, new Date('2026-10-16T12:00:00Z'))!;
    expect(beforeAutumn.toISOString()).toBe('2026-10-19T06:00:00.000Z');
    const afterAutumn = nextRunAfter(MONDAYS_7, LONDON, beforeAutumn)!;
    expect(afterAutumn.toISOString()).toBe('2026-10-26T07:00:00.000Z');
    expect((afterAutumn.getTime() - beforeAutumn.getTime()) / 3_600_000).toBe(169);
  });

  it('is strictly after `from`: at 07:00 on a Monday the next run is a week later', () => {
    expect(nextRunAfter(MONDAYS_7, LONDON, new Date('2026-11-30T07:00:00Z'))?.toISOString()).toBe('2026-12-07T07:00:00.000Z');
    expect(nextRunAfter(MONDAYS_7, LONDON, new Date('2026-11-30T06:59:59Z'))?.toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });

  it('reads the expression in the zone it is given (New York: 07:00 EST is 12:00Z)', () => {
    expect(nextRunAfter(MONDAYS_7, 'America/New_York', new Date('2026-11-25T00:00:00Z'))?.toISOString()).toBe('2026-11-30T12:00:00.000Z');
  });
});

describe('cronSchedule', () => {
  it('refuses a bad expression with USAGE, naming where it came from and an example', () => {
    let error: unknown;
    try {
      cronSchedule('0 7 * * funday', LONDON, 'config/roundup.yaml: `web.schedule.cron`');
    } catch (e) {
      error = e;
    }
    expect(isRoundupError(error, 'USAGE')).toBe(true);
    expect((error as Error).message).toContain('config/roundup.yaml: `web.schedule.cron`');
    expect((error as Error).message).toContain('0 7 * * 1');
  });
});

describe('formatRunTime', () => {
  it('shows the local time with its zone abbreviation and the instant', () => {
    expect(formatRunTime(new Date('2026-03-30T06:00:00Z'), LONDON)).toBe('Mon 30 Mar 2026 07:00 BST (2026-03-30T06:00:00.000Z)');
    expect(formatRunTime(null, LONDON)).toMatch(/^never/);
  });
});
