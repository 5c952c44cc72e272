import { z } from 'zod';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** Index of a week start day as date-fns counts it (0 = Sunday). */
export function weekdayIndex(day: (typeof WEEKDAYS)[number]): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  return WEEKDAYS.indexOf(day) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const HttpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), { message: 'expected an http:// or https:// URL' });

/** The publication: who it is and where its week starts. */
export const SiteConfig = z.object({
  name: z.string().min(1),
  /** The site's base URL: relative links resolve against it; access-log paths are matched under it. */
  url: HttpUrl,
  timezone: z
    .string()
    .default('UTC')
    .refine(isTimeZone, { message: 'expected an IANA time zone such as `Europe/London`' }),
  weekStartsOn: z.enum(WEEKDAYS).default('monday'),
  /** BCP 47 language tag, set on the email's <html lang>. */
  language: z.string().min(2).default('en'),
});
export type SiteConfig = z.infer<typeof SiteConfig>;
