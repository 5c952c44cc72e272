import { ZONES, monthNumber } from './date-words.js';

// Dates as sources write them -> ISO 8601 with the offset the source gave (`2026-11-24T09:30:00+00:00`).
// Accepted: RFC 3339 / ISO 8601 with a zone (`Z`, `+01:00`, `+0100`; fractions of a second dropped) and
// RFC 822/1123 as RSS writes them (`Tue, 24 Nov 2026 09:30:00 +0000`, `GMT`, `EST`, two-digit years, no
// seconds), including localised day and month names (date-words.ts: "Seg, 24 Set 2018 10:00:00 -0300",
// "Di, 24. Nov 2026 09:30 MEZ"). A date without a zone is refused unless the caller knows the zone's offset:
// "09:30" alone names no instant. Impossible dates (31 November) are refused, and so are offsets no zone
// has: beyond ±14:00, or minutes that are not 00, 15, 30 or 45 (`+05:75`, `-11:26`).

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 =
  /^(?:[\p{L}]{2,12}\.?,?\s+)?(\d{1,2})\.?\s+([\p{L}]{3,12}\.?)\s+(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([A-Za-z]{1,5})|([+-]\d{4})|([+-]\d{2}:\d{2}))?$/u;

/** The RFC 822 date nearly every RSS feed writes (`Tue, 24 Nov 2026 09:30:00 +0000`): read without the general regex. */
const RFC822_COMMON = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}|GMT)$/;
const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** `+01:00` style offset for minutes east of UTC. */
export function formatOffset(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** Minutes east of UTC of a numeric offset (`+0530`, `-03:30`, `+01`), or undefined when no zone has it. */
export function parseNumericOffset(zone: string): number | undefined {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (minutes > 59 || minutes % 15 !== 0 || hours * 60 + minutes > 14 * 60) return undefined;
  const total = hours * 60 + minutes;
  return m[1] === '-' ? -total : total;
}

function parseOffset(zone: string): number | undefined {
  const upper = zone.toUpperCase();
  if (Object.hasOwn(ZONES, upper)) return ZONES[upper];
  return parseNumericOffset(zone);
}

/** Epoch ms of a UTC date and time, for any year (Date.UTC maps years 0-99 to 1900-1999). */
export function utcMillis(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getTime();
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number): string | undefined {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const check = new Date(utcMillis(y, mo, d, h, mi, s));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${formatOffset(offset)}`;
}

/**
 * Normalises a date to `YYYY-MM-DDTHH:mm:ss±HH:MM`, keeping the source's offset. `defaultOffset` (minutes
 * east of UTC) is used for a date written without a zone; without it such a date is refused.
 * Returns undefined for anything not understood.
 */
export function isoDate(raw: string | undefined | null, defaultOffset?: number): string | undefined {
  if (typeof raw !== 'string' || raw.length > 100) return undefined;
  const common = RFC822_COMMON.exec(raw);
  if (common) {
    const month = ENGLISH_MONTHS.indexOf(common[2]!) + 1;
    const offset = parseOffset(common[7]!);
    if (month > 0 && offset !== undefined) {
      return build(Number(common[3]), month, Number(common[1]), Number(common[4]), Number(common[5]), Number(common[6]), offset);
    }
  }
  const text = raw.trim().replace(/\s+/g, ' ');
  const iso = ISO.exec(text);
  if (iso) {
    const offset = iso[7] === undefined ? defaultOffset : parseOffset(iso[7]);
    if (offset === undefined) return undefined;
    const [y, mo, d, h, mi, s] = iso.slice(1, 7).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
    return build(y, mo, d, h, mi, s, offset);
  }
  const rfc = RFC822.exec(text);
  if (rfc) {
    const month = monthNumber(rfc[2]!);
    if (month === undefined) return undefined;
    let year = Number(rfc[3]);
    if (rfc[3]!.length === 2) year += year < 70 ? 2000 : 1900;
    const zone = rfc[7] ?? rfc[8] ?? rfc[9];
    const offset = zone === undefined ? defaultOffset : parseOffset(zone);
    if (offset === undefined) return undefined;
    return build(year, month, Number(rfc[1]), Number(rfc[4]), Number(rfc[5]), Number(rfc[6] ?? 0), offset);
  }
  return undefined;
}

/** Milliseconds since the epoch of a normalised ISO date, for comparing dates written with different offsets. */
export function isoInstant(iso: string): number {
  return Date.parse(iso);
}
