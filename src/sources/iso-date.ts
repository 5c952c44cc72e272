// Dates as sources write them -> ISO 8601 with the offset the source gave (`2026-11-24T09:30:00+00:00`).
// Accepted: RFC 3339 / ISO 8601 with a zone (`Z`, `+01:00`, `+0100`; fractions of a second dropped) and
// RFC 822/1123 as RSS writes them (`Tue, 24 Nov 2026 09:30:00 +0000`, `GMT`, `EST`, two-digit years, no
// seconds). A date without a zone is refused unless the caller knows the zone's offset: "09:30" alone
// names no instant. Impossible dates (31 November) are refused too.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Zone names RFC 822 allows, and a few that feeds use anyway, in minutes east of UTC. */
const ZONES: Readonly<Record<string, number>> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, BST: 60, CET: 60, CEST: 120, IST: 330, JST: 540, AEST: 600, AEDT: 660,
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 =
  /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([A-Za-z]{1,5}|[+-]\d{4}|[+-]\d{2}:\d{2})?$/;

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** `+01:00` style offset for minutes east of UTC. */
export function formatOffset(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

function parseOffset(zone: string): number | undefined {
  const upper = zone.toUpperCase();
  if (upper in ZONES) return ZONES[upper];
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number): string | undefined {
  const check = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const valid =
    check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d &&
    check.getUTCHours() === h && check.getUTCMinutes() === mi && check.getUTCSeconds() === s;
  if (!valid) return undefined;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${formatOffset(offset)}`;
}

/**
 * Normalises a date to `YYYY-MM-DDTHH:mm:ss±HH:MM`, keeping the source's offset. `defaultOffset` (minutes
 * east of UTC) is used for a date written without a zone; without it such a date is refused.
 * Returns undefined for anything not understood.
 */
export function isoDate(raw: string | undefined | null, defaultOffset?: number): string | undefined {
  if (typeof raw !== 'string') return undefined;
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
    const month = MONTHS.indexOf(rfc[2]!.slice(0, 3).toLowerCase()) + 1;
    if (month === 0) return undefined;
    let year = Number(rfc[3]);
    if (rfc[3]!.length === 2) year += year < 70 ? 2000 : 1900;
    const offset = rfc[7] === undefined ? defaultOffset : parseOffset(rfc[7]);
    if (offset === undefined) return undefined;
    return build(year, month, Number(rfc[1]), Number(rfc[4]), Number(rfc[5]), Number(rfc[6] ?? 0), offset);
  }
  return undefined;
}

/** Milliseconds since the epoch of a normalised ISO date, for comparing dates written with different offsets. */
export function isoInstant(iso: string): number {
  return Date.parse(iso);
}
