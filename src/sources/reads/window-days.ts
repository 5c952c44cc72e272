import { tz } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { startOfDay } from 'date-fns/startOfDay';
import { RoundupError } from '../../errors.js';
import type { WeekWindow } from '../../types.js';

/** A window as epoch milliseconds, with the start of each local day inside it. */
export interface WindowDays {
  start: number;
  end: number;
  /** Epoch ms of local midnight of each day of the window, in the window's time zone; `[0]` is `start`. */
  dayStarts: number[];
}

/**
 * The window's bounds and its days in the window's time zone (so a week with a DST change still has seven
 * days, one of them 23 or 25 hours long).
 */
export function windowDays(window: WeekWindow): WindowDays {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
    throw new RoundupError('WEEK_INVALID', `Window ${window.key} has bad bounds: start \`${window.start}\`, end \`${window.end}\`.`);
  }
  const zone = tz(window.timeZone);
  const dayStarts = [start];
  for (let i = 1; ; i++) {
    const next = startOfDay(addDays(start, i, { in: zone }), { in: zone }).getTime();
    if (next >= end) break;
    dayStarts.push(next);
  }
  return { start, end, dayStarts };
}

/** Index of the window day `time` falls on (0 = first day); `time` must be inside the window. */
export function dayIndex(days: WindowDays, time: number): number {
  const starts = days.dayStarts;
  let i = starts.length - 1;
  while (i > 0 && time < starts[i]!) i--;
  return i;
}
