// Parses the timestamp of a combined-format log line, `24/Nov/2026:09:30:00 +0000`, into epoch milliseconds.
// Log lines arrive in time order, so consecutive lines nearly always share the minute and the zone: the
// parser keeps the last minute it computed and only reads the seconds when the prefix matches. The cached
// path checks exactly what the full parse checks, so a cached answer is always the answer a fresh parser
// would give. Timestamps that name no instant are refused: a day the month does not have (29 Feb 2026),
// minute 60, second 60, an offset no zone has (beyond ±14:00, or minutes other than 00/15/30/45, like -1126).
import { utcMillis } from '../iso-date.js';
import { copyString } from './copy-string.js';

const MONTHS = new Map(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m, i) => [m, i]));

/** Length of `dd/Mon/yyyy:HH:MM:SS +zzzz`. */
export const LOG_TIME_LENGTH = 26;
/** Length of the minute prefix `dd/Mon/yyyy:HH:MM`. */
const MINUTE_LENGTH = 17;
/** The zone part ` +zzzz`, from its space. */
const ZONE_START = 20;

const ZERO = 48;

/** Two ASCII digits at `at` as a number, or -1. */
function digits2(s: string, at: number): number {
  const a = s.charCodeAt(at) - ZERO;
  const b = s.charCodeAt(at + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Seconds at `at + 18` after the `:` at `at + 17`, or -1. */
function secondsAt(s: string, at: number): number {
  const seconds = digits2(s, at + 18);
  return seconds >= 0 && seconds <= 59 && s.charCodeAt(at + 17) === 58 /* : */ ? seconds : -1;
}

export class LogTimeParser {
  private minute = '';
  private zone = '';
  private minuteMs = 0;

  /**
   * Epoch milliseconds of the timestamp starting at `at` in `line` (the character after `[`), or NaN when it
   * is not `dd/Mon/yyyy:HH:MM:SS ±hhmm` naming a real instant.
   */
  parse(line: string, at: number): number {
    const seconds = secondsAt(line, at);
    if (seconds < 0) return NaN;
    if (this.minute !== '' && line.startsWith(this.minute, at) && line.startsWith(this.zone, at + ZONE_START)) {
      return this.minuteMs + seconds * 1000;
    }
    const ms = parseMinute(line, at);
    if (Number.isNaN(ms)) return NaN;
    // Copy the keys so the cache never holds on to the line they were cut from.
    this.minute = copyString(line.slice(at, at + MINUTE_LENGTH));
    this.zone = copyString(line.slice(at + ZONE_START, at + LOG_TIME_LENGTH));
    this.minuteMs = ms;
    return ms + seconds * 1000;
  }
}

/** The epoch ms of `dd/Mon/yyyy:HH:MM:00 ±hhmm`, or NaN. */
function parseMinute(s: string, at: number): number {
  const day = digits2(s, at);
  const month = MONTHS.get(s.slice(at + 3, at + 6));
  const century = digits2(s, at + 7);
  const yy = digits2(s, at + 9);
  const hour = digits2(s, at + 12);
  const minute = digits2(s, at + 15);
  const sign = s.charCodeAt(at + 21);
  const offHours = digits2(s, at + 22);
  const offMinutes = digits2(s, at + 24);
  if (
    day < 1 || month === undefined || century < 0 || yy < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
    offHours < 0 || offMinutes < 0 || offMinutes > 45 || offMinutes % 15 !== 0 || offHours * 60 + offMinutes > 14 * 60 ||
    (sign !== 43 /* + */ && sign !== 45 /* - */) ||
    s.charCodeAt(at + 2) !== 47 || s.charCodeAt(at + 6) !== 47 || s.charCodeAt(at + 11) !== 58 ||
    s.charCodeAt(at + 14) !== 58 || s.charCodeAt(at + ZONE_START) !== 32
  ) {
    return NaN;
  }
  const year = century * 100 + yy;
  const utc = utcMillis(year, month + 1, day, hour, minute, 0);
  // A day the month does not have rolls into the next month: refuse it.
  if (new Date(utc).getUTCDate() !== day) return NaN;
  const offset = (sign === 45 ? -1 : 1) * (offHours * 60 + offMinutes) * 60_000;
  return utc - offset;
}
