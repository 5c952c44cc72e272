import { latestCompleteWeek } from '../../select/latest-complete-week.js';
import { sendDate } from '../../select/send-date.js';
import { weekWindow, type WeekSite } from '../../select/week-window.js';
import type { WeekWindow } from '../../types.js';

/** One entry of the preview's week picker. */
export interface WeekChoice {
  key: string;
  /** `in-progress`: the week running now (its issue is the coming one); `next`: the latest complete week, the
   * issue a send today would use (the default); `past`: earlier weeks. */
  kind: 'in-progress' | 'next' | 'past';
  /** e.g. `2026-W48 · 23 Nov – 29 Nov 2026 · goes out 30 Nov`. */
  label: string;
  window: WeekWindow;
}

const DAY_MS = 86_400_000;

/** `23 Nov 2026` from `2026-11-23` (the calendar date as written, no zone arithmetic). */
function shortDate(isoDate: string, withYear: boolean): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

function label(window: WeekWindow, kind: WeekChoice['kind']): string {
  const first = window.start.slice(0, 10);
  const lastInstant = Date.parse(`${sendDate(window)}T00:00:00Z`) - DAY_MS;
  const last = new Date(lastInstant).toISOString().slice(0, 10);
  const span = `${shortDate(first, false)} – ${shortDate(last, true)}`;
  const note = kind === 'in-progress' ? ' · in progress' : kind === 'next' ? ' · next issue' : '';
  return `${window.key} · ${span}${note}`;
}

/**
 * The weeks an editor can preview at `now`: the week in progress (the coming issue), the latest complete week
 * (the default) and `weeksBack - 1` weeks before it, newest first.
 */
export function weekChoices(now: Date, site: WeekSite, weeksBack: number): WeekChoice[] {
  const current = weekWindow(now, site);
  const choices: WeekChoice[] = [{ key: current.key, kind: 'in-progress', label: label(current, 'in-progress'), window: current }];
  let window = latestCompleteWeek(now, site);
  for (let i = 0; i < weeksBack; i++) {
    const kind = i === 0 ? 'next' : 'past';
    choices.push({ key: window.key, kind, label: label(window, kind), window });
    window = weekWindow(new Date(Date.parse(window.start) - 1), site);
  }
  return choices;
}
