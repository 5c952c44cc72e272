import { z } from 'zod';

/**
 * Query parameters that name a page rather than decorate it: WordPress "Plain" permalinks (`?p=`, `?page_id=`,
 * `?attachment_id=`, `?post_type=` with `?p=`, `?name=`, `?pagename=`), Drupal without clean URLs (`?q=node/1`)
 * and the generic `?id=` (`article.php?id=12`, Joomla's `index.php?...&id=12`). Pagination (`page`), views
 * (`view=print`), previews and tracking are left out on purpose: page 2 of a story is still the story.
 */
export const DEFAULT_IDENTITY_PARAMS: readonly string[] = ['p', 'page_id', 'attachment_id', 'post_type', 'name', 'pagename', 'q', 'id'];

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** Index of a week start day as date-fns counts it (0 = Sunday). */
export function weekdayIndex(day: (typeof WEEKDAYS)[number]): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  return WEEKDAYS.indexOf(day) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/** True for a zone name Intl knows (`Europe/London`, `UTC`). */
export function isTimeZone(value: string): boolean {
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
  /**
   * Query parameters that name a page (WordPress plain permalinks `?p=123`): kept in a story's identity and in
   * read matching. Every other parameter (tracking, pagination) is ignored there.
   */
  identityParams: z.array(z.string().min(1)).default([...DEFAULT_IDENTITY_PARAMS]),
  /**
   * Other hosts that serve the same pages (`m.example.com`, an old domain): reads of full URLs on them count.
   * The host of `url`, its `www.` twin and the hosts of the stories always do.
   */
  hosts: z.array(z.string().min(1).transform((h) => h.trim().toLowerCase())).default([]),
  /**
   * Where the site's pictures live (`https://www.example.com/wp-content/uploads/`), for `mediaDir`. Optional
   * without a default, as is `mediaDir`: a config written before they existed hashes as it did.
   */
  mediaUrl: HttpUrl.optional(),
  /**
   * A local folder (relative to the config file) holding the same files as `mediaUrl`: `roundup preview` and
   * `roundup serve` then serve them under `/media/` and show pictures under `mediaUrl` from there (the sample's
   * host does not exist; a site whose pictures are not online yet). The emails sent keep `mediaUrl`.
   */
  mediaDir: z.string().min(1).optional(),
})
  .strict()
  .refine((s) => s.mediaDir === undefined || s.mediaUrl !== undefined, {
    message: 'expected `mediaUrl` beside `mediaDir`: the URLs whose files the folder holds',
    path: ['mediaUrl'],
  });
export type SiteConfig = z.infer<typeof SiteConfig>;
