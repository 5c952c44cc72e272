import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { StoryEvent } from '../types.js';

// Dates as a reader sees them, in the publication's time zone ("Thu 3 Dec 2026").

/** `2026-11-30` -> `30 November 2026` (a calendar date: no zone involved). */
export function formatIssueDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const [, y, m, d] = match;
  return format(new Date(Number(y), Number(m) - 1, Number(d)), 'd MMMM yyyy');
}

/** The zone's short name at that instant (`GMT`, `BST`, `CET`), falling back to the offset. */
function zoneName(date: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/**
 * When an event happens, for the email: `Thu 3 Dec 2026`, `Thu 3 Dec 2026 – Fri 4 Dec 2026` for events over
 * several days, and `Tue 8 Dec 2026, 15:00–16:00 GMT` when a one-day event has a time of day.
 * Undefined when `startsAt` is not a date.
 */
export function formatEventDate(event: StoryEvent, timeZone: string): string | undefined {
  const startMs = Date.parse(event.startsAt);
  if (Number.isNaN(startMs)) return undefined;
  const start = new TZDate(startMs, timeZone);
  const endMs = event.endsAt === undefined ? Number.NaN : Date.parse(event.endsAt);
  const end = Number.isNaN(endMs) ? undefined : new TZDate(endMs, timeZone);
  const day = (d: Date) => format(d, 'EEE d MMM yyyy');
  const time = (d: Date) => format(d, 'HH:mm');
  if (end && day(end) !== day(start)) return `${day(start)} – ${day(end)}`;
  const hasTime = time(start) !== '00:00';
  if (!hasTime) return day(start);
  const until = end && end.getTime() > start.getTime() ? `–${time(end)}` : '';
  return `${day(start)}, ${time(start)}${until} ${zoneName(start, timeZone)}`;
}
