import type { WeekWindow } from '../types.js';
import { weekWindow, type WeekSite } from './week-window.js';

/**
 * The last week that has fully ended at `now`: the week before the one containing `now`. At exactly the
 * start of a week, the week that just ended is complete and is the one returned.
 */
export function latestCompleteWeek(now: Date, site: WeekSite): WeekWindow {
  const current = weekWindow(now, site);
  return weekWindow(new Date(Date.parse(current.start) - 1), site);
}
