// The sample's calendar. Every date in the sample (2 Nov 2026 to 20 Feb 2027) falls inside Greenwich Mean
// Time, so Europe/London local time equals UTC and every offset is +0000: the helpers below format UTC
// fields and `assertGmt` checks that claim instead of trusting it.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** One ISO week of the sample: `key` like `2026-W48`, [start, end) in UTC (= Europe/London here). */
export interface SampleWeek {
  key: string;
  start: Date;
  end: Date;
}

/** ISO weeks 2026-W45 .. 2026-W48: Mon 2 Nov 2026 00:00 to Mon 30 Nov 2026 00:00. */
export const SAMPLE_WEEKS: readonly SampleWeek[] = [45, 46, 47, 48].map((n) => {
  const start = new Date(Date.UTC(2026, 10, 2) + (n - 45) * 7 * DAY_MS);
  return { key: `2026-W${n}`, start, end: new Date(start.getTime() + 7 * DAY_MS) };
});

/** The moment the sample was "taken": the end of the last week. */
export const SAMPLE_END = new Date(Date.UTC(2026, 10, 30));

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

const p2 = (n: number): string => String(n).padStart(2, '0');

/** Throws when `d` is not in GMT in Europe/London, i.e. when the +0000 formats below would lie. */
export function assertGmt(d: Date): void {
  const part = (type: string): number => Number(london.formatToParts(d).find((p) => p.type === type)?.value);
  const same = part('day') === d.getUTCDate() && part('hour') === d.getUTCHours() && part('minute') === d.getUTCMinutes();
  if (!same) throw new Error(`sample date ${d.toISOString()} is not in GMT in Europe/London: its +0000 would be wrong`);
}

function hms(d: Date): string {
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** `2026-11-24` */
export function ymd(d: Date): string {
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
}

/** RFC 822, as WordPress writes `pubDate`: `Tue, 24 Nov 2026 09:30:00 +0000`. */
export function rfc822(d: Date): string {
  assertGmt(d);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms(d)} +0000`;
}

/** ISO 8601 with offset: `2026-11-24T09:30:00+00:00` (or another offset, for events abroad). */
export function isoOffset(d: Date, offsetHours = 0): string {
  if (offsetHours === 0) assertGmt(d);
  const local = new Date(d.getTime() + offsetHours * HOUR_MS);
  const sign = offsetHours < 0 ? '-' : '+';
  return `${ymd(local)}T${hms(local)}${sign}${p2(Math.abs(offsetHours))}:00`;
}

/** WordPress REST `date` / `date_gmt`: `2026-11-24T09:30:00` (site time = GMT here). */
export function wpDate(d: Date): string {
  assertGmt(d);
  return `${ymd(d)}T${hms(d)}`;
}

/** nginx `$time_local`: `24/Nov/2026:09:31:02 +0000`. */
export function nginxTime(d: Date): string {
  assertGmt(d);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`;
}

/** `2026/11/24`, the date part of a story permalink. */
export function datePath(d: Date): string {
  return ymd(d).replaceAll('-', '/');
}

/** `20261123`, as GA4 writes report dates. */
export function compactDate(d: Date): string {
  return ymd(d).replaceAll('-', '');
}

/** Midnight (UTC) of the day `d` falls on. */
export function startOfDay(d: Date): Date {
  return new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
}

/** True for Saturday and Sunday. */
export function isWeekend(d: Date): boolean {
  const day = d.getUTCDay();
  return day === 0 || day === 6;
}
