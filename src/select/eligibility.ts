import { tz } from '@date-fns/tz';
import { subDays } from 'date-fns/subDays';
import type { SelectionConfig } from '../config/selection-schema.js';
import type { Story, WeekWindow } from '../types.js';
import { time } from './compare-stories.js';

/** Publication times a story may have to rank: [from, to) in epoch milliseconds. */
export interface EligibleRange {
  from: number;
  to: number;
}

/**
 * `selection.eligible`: `'window'` is the week itself; `{ days: N }` is the N calendar days (in the
 * publication's zone, so a DST change does not shift it by an hour) before the window's end. Either way the
 * range ends at the window's end: a story published after the week closed is never eligible.
 */
export function eligibleRange(window: WeekWindow, eligible: SelectionConfig['eligible']): EligibleRange {
  const to = time(window.end);
  if (eligible === 'window') return { from: time(window.start), to };
  return { from: subDays(new Date(to), eligible.days, { in: tz(window.timeZone) }).getTime(), to };
}

export function publishedIn(story: Story, range: EligibleRange): boolean {
  const t = time(story.publishedAt);
  return t >= range.from && t < range.to;
}

/** Published inside the week [start, end). */
export function publishedInWindow(story: Story, window: WeekWindow): boolean {
  return publishedIn(story, { from: time(window.start), to: time(window.end) });
}

/** May rank in most-read, latest, category, whitepapers and featured-by-sticky/tag. Events never do. */
export function isEligible(story: Story, range: EligibleRange): boolean {
  return story.event === undefined && publishedIn(story, range);
}

/** An event that starts on or after the window's end (the send date) and was published before it. */
export function isUpcomingEvent(story: Story, window: WeekWindow): boolean {
  if (!story.event) return false;
  const end = time(window.end);
  return time(story.event.startsAt) >= end && time(story.publishedAt) < end;
}

/** Non-event stories published inside the week: the "new stories" (excluded ones count too). */
export function countNewStories(stories: readonly Story[], window: WeekWindow): number {
  return stories.filter((s) => s.event === undefined && publishedInWindow(s, window)).length;
}
