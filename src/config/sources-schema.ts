import { z } from 'zod';
import { HttpUrl, isTimeZone } from './site-schema.js';

// Paths are relative to the config file's folder. `{week}` in a path or URL is replaced by the issue key.

const common = {
  /** Name used in messages and the summary; defaults to the type and location. */
  name: z.string().min(1).optional(),
  /** An optional source that cannot be read is reported and skipped instead of failing the build. */
  optional: z.boolean().default(false),
};

const fileOrUrl = {
  path: z.string().min(1).optional(),
  url: HttpUrl.optional(),
};

function oneOfPathOrUrl(v: { path?: string | undefined; url?: string | undefined }): boolean {
  return (v.path === undefined) !== (v.url === undefined);
}
const pathOrUrlMessage = { message: 'give exactly one of `path` or `url`' };

export const FeedSourceConfig = z
  .strictObject({ type: z.literal('feed'), ...common, ...fileOrUrl })
  .refine(oneOfPathOrUrl, pathOrUrlMessage);

export const WordPressSourceConfig = z.strictObject({
  type: z.literal('wordpress'),
  ...common,
  /** The site root; the adapter calls `<url>/wp-json/wp/v2/posts`. */
  url: HttpUrl,
  perPage: z.number().int().min(1).max(100).default(100),
  maxPages: z.number().int().min(1).max(1000).default(50),
});

export const JsonSourceConfig = z
  .strictObject({ type: z.literal('json'), ...common, ...fileOrUrl })
  .refine(oneOfPathOrUrl, pathOrUrlMessage);

export const ContentSourceConfig = z.discriminatedUnion('type', [
  FeedSourceConfig,
  WordPressSourceConfig,
  JsonSourceConfig,
]);
export type ContentSourceConfig = z.infer<typeof ContentSourceConfig>;

export const CsvReadsConfig = z.strictObject({
  type: z.literal('csv'),
  ...common,
  path: z.string().min(1),
  /** Which export it is; `columns` overrides the column names the format implies. */
  format: z.enum(['ga4', 'plausible', 'matomo', 'plain']).default('plain'),
  columns: z
    .strictObject({ url: z.string().min(1).optional(), views: z.string().min(1).optional() })
    .optional(),
  /**
   * How views are written: `en` 1,234.0; `de` 1.234,0; `fr` 1 234,0; `auto` (default) decides per file and
   * refuses a file where a value such as `1.000` could be read either way.
   */
  numberFormat: z.enum(['en', 'de', 'fr', 'auto']).default('auto'),
});

export const PopularPostsReadsConfig = z.strictObject({
  type: z.literal('wordpress-popular-posts'),
  ...common,
  /** The site root; the adapter calls `<url>/wp-json/wordpress-popular-posts/v1/popular-posts`. */
  url: HttpUrl,
  limit: z.number().int().min(1).max(500).default(100),
  range: z.enum(['last24hours', 'last7days', 'last30days', 'all']).default('last7days'),
});

export const AccessLogReadsConfig = z.strictObject({
  type: z.literal('access-log'),
  ...common,
  /** One file or several (plain or .gz), nginx/Apache combined format. */
  path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
});

// The analytics APIs. Credentials come from the environment only (GOOGLE_APPLICATION_CREDENTIALS,
// PLAUSIBLE_API_KEY, MATOMO_TOKEN), never from here. `url` is the API's base URL: the vendor's by default;
// tests and proxies point it elsewhere.
const api = {
  ...common,
  /** Seconds to wait for one answer. */
  timeoutSeconds: z.number().int().min(1).max(600).default(30),
  /** Rows asked for per request. */
  pageSize: z.number().int().min(1).max(100_000).optional(),
};
const PathPrefix = z.string().startsWith('/', { message: 'expected a path starting with `/`, e.g. `/news/`' });

export const Ga4ReadsConfig = z.strictObject({
  type: z.literal('ga4'),
  ...api,
  url: HttpUrl.default('https://analyticsdata.googleapis.com'),
  /** The GA4 property id (digits; Admin > Property details), with or without `properties/`. */
  property: z
    .union([z.string(), z.number().int().positive()])
    .transform((v) => String(v).trim().replace(/^properties\//, ''))
    .refine((v) => /^\d+$/.test(v), { message: 'expected the numeric GA4 property id, e.g. `123456789`' }),
  /** `pagePathPlusQueryString` keeps `?p=123` for sites on WordPress plain permalinks. */
  dimension: z.enum(['pagePath', 'pagePathPlusQueryString', 'pageLocation', 'landingPage']).default('pagePath'),
  /** A GA4 metric API name: `screenPageViews`, `activeUsers`, `sessions`, ... */
  metric: z.string().regex(/^[A-Za-z][A-Za-z0-9_:]*$/, { message: 'expected a GA4 metric API name such as `screenPageViews`' }).default('screenPageViews'),
  /** Only pages under this path (e.g. `/news/`). */
  pathPrefix: PathPrefix.optional(),
  /** The property's reporting time zone, when you want it checked before the API says it. */
  timezone: z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as `Europe/London`' }).optional(),
});

export const PlausibleReadsConfig = z.strictObject({
  type: z.literal('plausible'),
  ...api,
  url: HttpUrl.default('https://plausible.io'),
  /** The site's domain as Plausible knows it (`example.com`). */
  siteId: z.string().min(1),
  metric: z.enum(['pageviews', 'visitors']).default('pageviews'),
  pathPrefix: PathPrefix.optional(),
});

export const MatomoReadsConfig = z.strictObject({
  type: z.literal('matomo'),
  ...api,
  /** Your Matomo's base URL (`https://analytics.example.com/`, `https://<account>.matomo.cloud/`): Matomo has no single vendor host. */
  url: HttpUrl,
  idSite: z.number().int().positive(),
  metric: z.enum(['nb_hits', 'nb_visits']).default('nb_hits'),
  /** A Matomo segment (`pageUrl=@%2Fnews%2F`), passed as is. */
  segment: z.string().min(1).optional(),
});

export const ReadSourceConfig = z.discriminatedUnion('type', [
  CsvReadsConfig,
  PopularPostsReadsConfig,
  AccessLogReadsConfig,
  Ga4ReadsConfig,
  PlausibleReadsConfig,
  MatomoReadsConfig,
]);
export type ReadSourceConfig = z.infer<typeof ReadSourceConfig>;
