import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

/** ISO 8601 with the zone's offset at that instant, always `+hh:mm` (never `Z`): `2026-03-29T00:00:00+00:00`. */
export function isoInZone(instant: Date | number, timeZone: string): string {
  return format(new TZDate(+instant, timeZone), "yyyy-MM-dd'T'HH:mm:ssxxx");
}

/** The local calendar date (`yyyy-MM-dd`) of an instant in a zone. */
export function localDateInZone(instant: Date | number, timeZone: string): string {
  return format(new TZDate(+instant, timeZone), 'yyyy-MM-dd');
}
