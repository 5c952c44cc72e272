import { localDateInZone } from '../../select/zoned-format.js';
import type { WeekWindow } from '../../types.js';

/**
 * The window as whole local days, first and last (inclusive), in `timeZone` (default: the window's own zone):
 * what date-based analytics APIs (GA4, Matomo) are asked for. In the window's zone these days are exactly the
 * window; in another zone they are the same dates, shifted by the difference between the two zones.
 */
export function windowDates(window: WeekWindow, timeZone = window.timeZone): { startDate: string; endDate: string } {
  return {
    startDate: localDateInZone(Date.parse(window.start), timeZone),
    endDate: localDateInZone(Date.parse(window.end) - 1, timeZone),
  };
}
