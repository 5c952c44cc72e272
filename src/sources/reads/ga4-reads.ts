// Read counts from the Google Analytics Data API (GA4): `runReport` on `properties/<id>`,
//   POST <url>/v1beta/properties/<id>:runReport
//   { dateRanges: [{ startDate, endDate }], dimensions: [{ name: pagePath }], metrics: [{ name: screenPageViews }],
//     limit, offset, ... }
// answers `{ rows: [{ dimensionValues: [{ value }], metricValues: [{ value: "123" }] }], rowCount, metadata }`,
// paged with limit/offset until rowCount. Auth: a service account's access token (see google-access-token.ts).
//
// GA4 reports whole days in the property's reporting time zone: the window's local dates are asked for (in
// `site.timezone` they are exactly the window); when the property's zone differs, the days are shifted and the
// source says so in its warnings.
import { TZDate } from '@date-fns/tz';
import { RoundupError } from '../../errors.js';
import type { ReadCount, ReadSource, SourceContext, SourceResult } from '../../types.js';
import { createApiClient, type ApiFailure, type Explanation, type RetryOptions } from './api-client.js';
import { collectPages } from './collect-pages.js';
import { fetchAccessToken, readServiceAccountKey, type ServiceAccountKey } from './google-access-token.js';
import { ProblemList } from './problem-list.js';
import { sumReads } from './sum-reads.js';
import { windowDates } from './window-dates.js';

export interface Ga4ReadsOptions {
  name: string;
  /** API base URL (`https://analyticsdata.googleapis.com`). */
  url: string;
  property: string;
  dimension: 'pagePath' | 'pagePathPlusQueryString' | 'pageLocation' | 'landingPage';
  metric: string;
  pathPrefix?: string | undefined;
  /** The property's zone as config states it (the API's answer wins). */
  timezone?: string | undefined;
  pageSize?: number | undefined;
  /** GOOGLE_APPLICATION_CREDENTIALS. */
  credentialsFile?: string | undefined;
  timeoutMs?: number | undefined;
  retry?: Partial<RetryOptions> | undefined;
}

interface Ga4Row {
  dimensionValues?: { value?: string }[];
  metricValues?: { value?: string }[];
}
interface Ga4Report {
  rows?: Ga4Row[];
  rowCount?: number;
  metadata?: { timeZone?: string; dataLossFromOtherRow?: boolean; samplingMetadatas?: unknown[] };
}

export function ga4Reads(o: Ga4ReadsOptions): ReadSource {
  const endpoint = `${o.url.replace(/\/+$/, '')}/v1beta/properties/${o.property}:runReport`;
  return {
    name: o.name,
    location: endpoint,
    async load(ctx: SourceContext): Promise<SourceResult<ReadCount>> {
      if (!o.credentialsFile) {
        throw new RoundupError(
          'ENV_INVALID',
          `[${o.name}] GOOGLE_APPLICATION_CREDENTIALS is not set: GA4 property ${o.property} is read with a service ` +
            "account's JSON key. Set it to the key file's path (see README, Reads from GA4).",
        );
      }
      const key = await readServiceAccountKey(o.credentialsFile, o.name);
      const client = createApiClient({ source: o.name, timeoutMs: o.timeoutMs, retry: o.retry });
      // The assertion is checked against Google's clock: sign it with the real time, not the build's `now`.
      const { token } = await fetchAccessToken(key, client, new Date());
      const { startDate, endDate } = windowDates(ctx.window);
      const limit = o.pageSize ?? 10_000;
      let first: Ga4Report | undefined;
      const rows = await collectPages<Ga4Row>(async (offset, size) => {
        const answer = (await client.json(
          {
            method: 'POST',
            url: endpoint,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(reportRequest(o, startDate, endDate, offset, size)),
            what: `runReport on properties/${o.property}, ${startDate} to ${endDate}, rows ${offset + 1}-${offset + size}`,
          },
          (failure) => explain(failure, o.property, key),
        )) as Ga4Report | null;
        if (answer === null || typeof answer !== 'object' || (answer.rows !== undefined && !Array.isArray(answer.rows))) {
          throw new RoundupError('SOURCE_INVALID', `[${o.name}] ${endpoint} answered JSON that is not a GA4 report (no \`rows\` list).`);
        }
        first ??= answer;
        return { rows: answer.rows ?? [], total: typeof answer.rowCount === 'number' ? answer.rowCount : 0 };
      }, limit);

      const problems = new ProblemList(o.name);
      const counts: ReadCount[] = [];
      rows.forEach((row, i) => {
        const page = row.dimensionValues?.[0]?.value ?? '';
        const raw = row.metricValues?.[0]?.value ?? '';
        if (page === '' || page === '(not set)' || page === '(other)') return;
        const views = /^\d+$/.test(raw) ? Number(raw) : undefined;
        if (views === undefined || !Number.isSafeInteger(views)) {
          problems.add(`${endpoint} (row ${i + 1})`, `${o.metric} ${JSON.stringify(raw)} for ${page} is not a whole number; row skipped`);
          return;
        }
        counts.push({ page, views });
      });
      const warnings = reportWarnings(o, first, ctx);
      return { items: sumReads(counts), problems: problems.list('bad rows'), skipped: problems.count, ...(warnings.length ? { warnings } : {}) };
    },
  };
}

function reportRequest(o: Ga4ReadsOptions, startDate: string, endDate: string, offset: number, limit: number): object {
  const filter =
    o.pathPrefix === undefined
      ? undefined
      : o.dimension === 'pageLocation'
        ? { fieldName: o.dimension, stringFilter: { matchType: 'PARTIAL_REGEXP', value: `^https?://[^/]+${escapeRe2(o.pathPrefix)}` } }
        : { fieldName: o.dimension, stringFilter: { matchType: 'BEGINS_WITH', value: o.pathPrefix } };
  return {
    dateRanges: [{ startDate, endDate }],
    dimensions: [{ name: o.dimension }],
    metrics: [{ name: o.metric }],
    ...(filter ? { dimensionFilter: { filter } } : {}),
    orderBys: [{ metric: { metricName: o.metric }, desc: true }, { dimension: { dimensionName: o.dimension } }],
    limit: String(limit),
    offset: String(offset),
    keepEmptyRows: false,
  };
}

/** What an editor should know about the answer: another time zone, pages lumped into "(other)", sampling. */
function reportWarnings(o: Ga4ReadsOptions, report: Ga4Report | undefined, ctx: SourceContext): string[] {
  const warnings: string[] = [];
  const zone = report?.metadata?.timeZone ?? o.timezone;
  const siteZone = ctx.window.timeZone;
  if (zone !== undefined && canonicalZone(zone) !== canonicalZone(siteZone)) {
    const at = Date.parse(ctx.window.start);
    const hours = (new TZDate(at, zone).getTimezoneOffset() - new TZDate(at, siteZone).getTimezoneOffset()) / 60;
    const shift = hours === 0 ? 'at the same offset this week' : `${Math.abs(hours)} h ${hours > 0 ? 'later' : 'earlier'} than the week's`;
    const { startDate, endDate } = windowDates(ctx.window);
    warnings.push(
      `GA4 property ${o.property} counts days in ${zone}, the week is in ${siteZone} (site.timezone): its days ` +
        `${startDate} to ${endDate} start and end ${shift}. Set the property's reporting time zone to ${siteZone} ` +
        '(GA4 Admin > Property details) to count exactly the week.',
    );
  }
  if (report?.metadata?.dataLossFromOtherRow) {
    warnings.push(`GA4 property ${o.property} put some pages into "(other)" (too many distinct pages this week): those reads are not counted. Set \`pathPrefix\` to ask for fewer pages.`);
  }
  if (Array.isArray(report?.metadata?.samplingMetadatas) && report.metadata.samplingMetadatas.length > 0) {
    warnings.push(`GA4 sampled this report for property ${o.property}: the counts are estimates.`);
  }
  return warnings;
}

/** Google's error body: `{ error: { code, message, status, details: [{ reason }] } }`. */
function explain(failure: ApiFailure, property: string, key: ServiceAccountKey): Explanation | undefined {
  const error = ((failure.body ?? {}) as { error?: { message?: string; status?: string; details?: { reason?: string }[] } }).error ?? {};
  const said = error.message ? ` (${error.status ?? ''}: ${error.message.slice(0, 300)})` : '';
  const account = key.clientEmail;
  switch (failure.status) {
    case 401:
      return { code: 'SOURCE_AUTH', message: `HTTP 401, the access token was refused${said}. Check that the service account ${account} is enabled and its key not deleted.` };
    case 403: {
      const disabled = error.details?.some((d) => d.reason === 'SERVICE_DISABLED') || /has not been used|is disabled/i.test(error.message ?? '');
      if (disabled) {
        return { code: 'SOURCE_AUTH', message: `HTTP 403, the Google Analytics Data API is not enabled for the service account's project${said}. Enable "Google Analytics Data API" in that Google Cloud project (APIs & Services > Library).` };
      }
      return {
        code: 'SOURCE_AUTH',
        message:
          `HTTP 403${said}. The service account ${account} needs the Viewer role on GA4 property ${property}: add it in GA4 ` +
          'Admin > Property access management. If it has it, check `property` (GA4 Admin > Property details shows the id).',
      };
    }
    case 404:
      return { code: 'SOURCE_NOT_FOUND', message: `HTTP 404, GA4 property ${property} was not found${said}. Check \`property\` (GA4 Admin > Property details).` };
    case 400:
      return { code: 'SOURCE_INVALID', message: `HTTP 400, GA4 refused the report${said}. Check \`property\`, \`dimension\`, \`metric\` (a GA4 API name such as screenPageViews) and \`pathPrefix\`.` };
    case 429:
      return {
        code: 'SOURCE_LIMITED',
        message:
          `HTTP 429 after ${failure.attempts} tries, GA4 quota exhausted for property ${property}${said}. GA4 limits tokens per ` +
          'property per hour and per day: build again in an hour (weeks already fetched are cached), or lower the load on the property.',
        retry: true,
      };
    default:
      return undefined;
  }
}

function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

/** A literal for an RE2 regular expression. */
function escapeRe2(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
