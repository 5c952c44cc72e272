// Read counts from Plausible's Stats API v2:
//   POST <url>/api/v2/query   Authorization: Bearer <PLAUSIBLE_API_KEY>
//   { site_id, metrics: [pageviews], date_range: [start, end], dimensions: [event:page], pagination: { limit, offset } }
// answers `{ results: [{ dimensions: ["/path"], metrics: [123] }], meta, query }`, paged until a short page.
// The window is sent as two timestamps with their offsets, so Plausible counts exactly the window, whatever
// time zone the site has in Plausible.
import { RoundupError } from '../../errors.js';
import { isoInZone } from '../../select/zoned-format.js';
import type { ReadCount, ReadSource, SourceContext, SourceResult } from '../../types.js';
import { createApiClient, type ApiFailure, type Explanation, type RetryOptions } from './api-client.js';
import { collectPages } from './collect-pages.js';
import { ProblemList } from './problem-list.js';
import { sumReads } from './sum-reads.js';

export interface PlausibleReadsOptions {
  name: string;
  /** API base URL (`https://plausible.io`, or a self-hosted Plausible). */
  url: string;
  siteId: string;
  metric: 'pageviews' | 'visitors';
  pathPrefix?: string | undefined;
  pageSize?: number | undefined;
  /** PLAUSIBLE_API_KEY. */
  apiKey?: string | undefined;
  timeoutMs?: number | undefined;
  retry?: Partial<RetryOptions> | undefined;
}

interface PlausibleRow {
  dimensions?: unknown[];
  metrics?: unknown[];
}

export function plausibleReads(o: PlausibleReadsOptions): ReadSource {
  const endpoint = `${o.url.replace(/\/+$/, '')}/api/v2/query`;
  return {
    name: o.name,
    location: endpoint,
    async load(ctx: SourceContext): Promise<SourceResult<ReadCount>> {
      if (!o.apiKey) {
        throw new RoundupError(
          'ENV_INVALID',
          `[${o.name}] PLAUSIBLE_API_KEY is not set: Plausible site ${o.siteId} is read with a Stats API key. ` +
            'Create one in Plausible (Account settings > API keys, type "Stats API") and set PLAUSIBLE_API_KEY.',
        );
      }
      const client = createApiClient({ source: o.name, timeoutMs: o.timeoutMs, retry: o.retry });
      const { window } = ctx;
      const range = [window.start, isoInZone(Date.parse(window.end) - 1000, window.timeZone)];
      const rows = await collectPages<PlausibleRow>(async (offset, limit) => {
        const body = {
          site_id: o.siteId,
          metrics: [o.metric],
          date_range: range,
          dimensions: ['event:page'],
          ...(o.pathPrefix ? { filters: [['matches', 'event:page', [`^${escapeRegex(o.pathPrefix)}`]]] } : {}),
          order_by: [[o.metric, 'desc'], ['event:page', 'asc']],
          pagination: { limit, offset },
        };
        const answer = (await client.json(
          {
            method: 'POST',
            url: endpoint,
            headers: { authorization: `Bearer ${o.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
            what: `query on site ${o.siteId}, ${range[0]} to ${range[1]}, rows ${offset + 1}-${offset + limit}`,
          },
          (failure) => explain(failure, o.siteId),
        )) as { results?: unknown } | null;
        if (answer === null || typeof answer !== 'object' || !Array.isArray(answer.results)) {
          throw new RoundupError('SOURCE_INVALID', `[${o.name}] ${endpoint} answered JSON without a \`results\` list: not a Stats API v2 answer. Check \`url\`.`);
        }
        return { rows: answer.results as PlausibleRow[] };
      }, o.pageSize ?? 10_000);

      const problems = new ProblemList(o.name);
      const counts: ReadCount[] = [];
      rows.forEach((row, i) => {
        const page = row?.dimensions?.[0];
        const views = row?.metrics?.[0];
        if (typeof page !== 'string' || page === '' || typeof views !== 'number' || !Number.isSafeInteger(views) || views < 0) {
          problems.add(`${endpoint} (row ${i + 1})`, `row ${JSON.stringify(row).slice(0, 120)} has no page and whole-number ${o.metric}; skipped`);
          return;
        }
        counts.push({ page, views });
      });
      return { items: sumReads(counts), problems: problems.list('bad rows'), skipped: problems.count };
    },
  };
}

/** Plausible's error body: `{ "error": "..." }`. */
function explain(failure: ApiFailure, siteId: string): Explanation | undefined {
  const said = typeof (failure.body as { error?: unknown })?.error === 'string' ? ` ("${(failure.body as { error: string }).error.slice(0, 300)}")` : '';
  switch (failure.status) {
    case 401:
    case 403:
      return {
        code: 'SOURCE_AUTH',
        message:
          `HTTP ${failure.status}${said}. PLAUSIBLE_API_KEY was refused, or its account cannot see site ${siteId}: create a ` +
          `Stats API key (Account settings > API keys) while logged in as a member of site ${siteId} (any role can read stats).`,
      };
    case 402:
      return { code: 'SOURCE_AUTH', message: `HTTP 402${said}. The Plausible plan of site ${siteId} does not include the Stats API: upgrade the plan or use a CSV export.` };
    case 404:
      return { code: 'SOURCE_NOT_FOUND', message: `HTTP 404${said}. Check \`url\` (the Plausible base URL) and \`siteId\` (the site's domain as Plausible lists it): ${siteId}.` };
    case 400:
      return /site/i.test(said)
        ? { code: 'SOURCE_NOT_FOUND', message: `HTTP 400${said}. Plausible does not know site ${siteId} for this key: check \`siteId\` (the domain as Plausible lists it).` }
        : { code: 'SOURCE_INVALID', message: `HTTP 400${said}. Plausible refused the query: check \`metric\` and \`pathPrefix\`.` };
    case 429:
      return {
        code: 'SOURCE_LIMITED',
        message: `HTTP 429 after ${failure.attempts} tries${said}. Plausible allows 600 requests an hour per key: build again later (weeks already fetched are cached).`,
        retry: true,
      };
    default:
      return undefined;
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
