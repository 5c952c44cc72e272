import { Cron } from 'croner';
import { RoundupError, errorMessage } from '../errors.js';

/**
 * A cron expression read in a time zone (croner): `0 7 * * 1` is Mondays 07:00 local time, whatever the UTC
 * offset that day (GMT in winter, BST in summer for Europe/London). Returns a paused Cron used only to compute
 * times; `where` names the flag or config key in the USAGE error for a bad expression.
 */
export function cronSchedule(pattern: string, timeZone: string, where = '--cron'): Cron {
  try {
    return new Cron(pattern, { timezone: timeZone, paused: true });
  } catch (error) {
    throw new RoundupError(
      'USAGE',
      `${where}: \`${pattern}\` is not a cron expression (${errorMessage(error)}). ` +
        'Expected five fields, minute hour day-of-month month day-of-week, e.g. `0 7 * * 1` for Mondays 07:00.',
      { cause: error },
    );
  }
}

/** The first run time strictly after `from`, or null when the expression never fires again. */
export function nextRunAfter(pattern: string, timeZone: string, from: Date): Date | null {
  return cronSchedule(pattern, timeZone).nextRun(from);
}

/** A run time for the log: `Mon 30 Nov 2026 07:00 GMT (2026-11-30T07:00:00.000Z)`. */
export function formatRunTime(at: Date | null, timeZone: string): string {
  if (at === null) return 'never (the cron expression has no future time)';
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: at.getUTCSeconds() === 0 ? undefined : '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(at);
  return `${local.replace(/,/g, '')} (${at.toISOString()})`;
}
