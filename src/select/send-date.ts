import type { WeekWindow } from '../types.js';
import { localDateInZone } from './zoned-format.js';

/**
 * The date the issue goes out (`yyyy-MM-dd` in the publication's zone): the day the week closes, i.e. the
 * local date of `window.end` (a Monday-to-Sunday week ending `2026-11-30T00:00` is sent on 2026-11-30).
 */
export function sendDate(window: WeekWindow): string {
  return localDateInZone(new Date(window.end), window.timeZone);
}
