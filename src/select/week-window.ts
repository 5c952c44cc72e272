import { tz, type TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfWeek } from 'date-fns/startOfWeek';
import { weekdayIndex, type SiteConfig } from '../config/site-schema.js';
import type { WeekWindow } from '../types.js';
import { isoInZone, localDateInZone } from './zoned-format.js';

/** The parts of the site config that decide what a week is. */
export type WeekSite = Pick<SiteConfig, 'timezone' | 'weekStartsOn'>;

const HOUR_MS = 3_600_000;

/**
 * The week containing `anyInstant` in the publication's zone: [start, end) from local midnight of the week's
 * first day to local midnight seven days later. Where a DST change skips midnight (e.g. São Paulo before
 * 2019), the day starts at its first existing instant. `hours` is the real length (167/169 in DST weeks).
 *
 * Key: the ISO week (`2026-W48`, ISO week-year) when weeks start on Monday; otherwise the start date
 * (`2026-11-22`), because ISO weeks only name Monday-to-Sunday weeks.
 */
export function weekWindow(anyInstant: Date, site: WeekSite): WeekWindow {
  const zone = tz(site.timezone);
  const weekStartsOn = weekdayIndex(site.weekStartsOn);
  const start: TZDate = startOfWeek(anyInstant, { weekStartsOn, in: zone });
  // Not addWeeks(start, 1): when the start is 01:00 because midnight was skipped, that would keep 01:00.
  const end: TZDate = startOfDay(addDays(start, 7, { in: zone }), { in: zone });
  return {
    key: weekKey(start, weekStartsOn, site.timezone),
    start: isoInZone(start, site.timezone),
    end: isoInZone(end, site.timezone),
    timeZone: site.timezone,
    hours: Math.round((end.getTime() - start.getTime()) / HOUR_MS),
  };
}

/** `2026-W48` for Monday weeks (ISO week-year, so 2026-12-28 is 2026-W53 and 2027-01-01 too), else the date. */
function weekKey(start: TZDate, weekStartsOn: number, timeZone: string): string {
  if (weekStartsOn !== 1) return localDateInZone(start, timeZone);
  // `start` is a TZDate: date-fns reads its local (zoned) calendar fields.
  return `${getISOWeekYear(start)}-W${String(getISOWeek(start)).padStart(2, '0')}`;
}
