import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { getISODay } from 'date-fns/getISODay';
import { getISOWeeksInYear } from 'date-fns/getISOWeeksInYear';
import { RoundupError } from '../errors.js';
import type { WeekWindow } from '../types.js';
import { latestCompleteWeek } from './latest-complete-week.js';
import { weekWindow, type WeekSite } from './week-window.js';

const ISO_WEEK = /^(\d{4})-W(\d{1,2})$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ACCEPTED = 'an ISO week such as `2026-W48` or a date such as `2026-11-25`';

/**
 * The week from the command line:
 * - `--week 2026-W48` (ISO week; only for sites whose weeks start on Monday) or `--week 2026-11-22` (the date
 *   a week starts on: the key weekWindow gives when weeks do not start on Monday);
 * - `--date 2026-11-25`: the week containing that local date;
 * - neither: the latest complete week before `now`.
 * Anything else throws WEEK_INVALID saying what is accepted.
 */
export function parseWeekArg(
  arg: { week?: string | undefined; date?: string | undefined },
  site: WeekSite,
  now: Date,
): WeekWindow {
  const week = arg.week?.trim();
  const date = arg.date?.trim();
  if (week && date) {
    throw invalid(`Give either --week or --date, not both (got --week \`${week}\` and --date \`${date}\`).`);
  }
  if (date) return weekOfDate(date, '--date', site);
  if (week) {
    if (ISO_DATE.test(week)) return weekStartingOn(week, site);
    return isoWeek(week, site);
  }
  if (arg.week !== undefined || arg.date !== undefined) {
    throw invalid(`An empty --week or --date was given: expected ${ACCEPTED}.`);
  }
  return latestCompleteWeek(now, site);
}

function isoWeek(value: string, site: WeekSite): WeekWindow {
  const match = ISO_WEEK.exec(value);
  if (!match) throw invalid(`Expected --week as ${ACCEPTED}, got \`${value}\`.`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (site.weekStartsOn !== 'monday') {
    throw invalid(
      `--week \`${value}\` is an ISO week, but this site's weeks start on ${capital(site.weekStartsOn)} ` +
        '(config `site.weekStartsOn`), so its issues are named by their first day: give `--week <yyyy-mm-dd>` ' +
        'with a week start date, or `--date <yyyy-mm-dd>` with any date in the week.',
    );
  }
  // 4 January is always in ISO week 1; noon keeps clear of DST changes at midnight.
  const jan4 = new TZDate(year, 0, 4, 12, 0, 0, site.timezone);
  if (jan4.getFullYear() !== year) {
    throw invalid(`Expected --week as ${ACCEPTED}, got \`${value}\` (year out of range).`);
  }
  const weeks = getISOWeeksInYear(jan4);
  if (week < 1 || week > weeks) {
    throw invalid(`--week \`${value}\`: ${year} has ISO weeks 01 to ${weeks}; expected ${ACCEPTED}.`);
  }
  const monday = addDays(jan4, (week - 1) * 7 - (getISODay(jan4) - 1));
  return weekWindow(monday, site);
}

/** `--week 2026-11-22`: the date must be the first day of a week. */
function weekStartingOn(value: string, site: WeekSite): WeekWindow {
  const window = weekOfDate(value, '--week', site);
  const startDate = window.start.slice(0, 10);
  if (startDate !== value) {
    const day = localDay(value, site);
    throw invalid(
      `--week \`${value}\` is a ${day}, not the first day of a week: this site's weeks start on ` +
        `${capital(site.weekStartsOn)} (config \`site.weekStartsOn\`), so the week containing it is ` +
        `\`${window.key}\` (starting ${startDate}). Give --week \`${window.key}\` or --date \`${value}\`.`,
    );
  }
  return window;
}

function weekOfDate(value: string, flag: string, site: WeekSite): WeekWindow {
  const noon = localNoon(value, site);
  if (!noon) throw invalid(`Expected ${flag} as ${ACCEPTED}, got \`${value}\` (not a real calendar date).`);
  return weekWindow(noon, site);
}

/** Noon of a local date (noon: no zone changes its clocks then), or undefined when the date is not real. */
function localNoon(value: string, site: WeekSite): TZDate | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const noon = new TZDate(y, m - 1, d, 12, 0, 0, site.timezone);
  if (noon.getFullYear() !== y || noon.getMonth() !== m - 1 || noon.getDate() !== d) return undefined;
  return noon;
}

function localDay(value: string, site: WeekSite): string {
  const noon = localNoon(value, site);
  return noon ? noon.toLocaleDateString('en-GB', { weekday: 'long', timeZone: site.timezone }) : value;
}

function capital(day: string): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}

function invalid(message: string): RoundupError {
  return new RoundupError('WEEK_INVALID', message);
}
