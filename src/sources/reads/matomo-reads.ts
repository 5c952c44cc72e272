// Read counts from Matomo's Reporting API, `Actions.getPageUrls`:
//   POST <url>/index.php   module=API&method=Actions.getPageUrls&idSite=1&period=range&date=2026-11-23,2026-11-29
//                          &flat=1&format=JSON&filter_limit=N&filter_offset=M&token_auth=...
// answers a JSON list of rows (`label`, `url`, `nb_hits`, `nb_visits`, ...), paged until a short page. The token
// goes in the POST body, never in the URL, where proxies and access logs would keep it. Matomo reports errors as
// `{ "result": "error", "message": "..." }`, often with HTTP 200.
//
// Matomo, like GA4, reports whole days in the site's time zone (set in Matomo): the window's local dates are
// asked for.
import { RoundupError } from '../../errors.js';
import type { ReadCount, ReadSource, SourceContext, SourceResult } from '../../types.js';
import { createApiClient, type ApiFailure, type Explanation, type RetryOptions } from './api-client.js';
import { collectPages } from './collect-pages.js';
import { ProblemList } from './problem-list.js';
import { sumReads } from './sum-reads.js';
import { windowDates } from './window-dates.js';

export interface MatomoReadsOptions {
  name: string;
  /** Matomo's base URL (`https://analytics.example.com/`); `/index.php` is added unless given. */
  url: string;
  idSite: number;
  metric: 'nb_hits' | 'nb_visits';
  segment?: string | undefined;
  pageSize?: number | undefined;
  /** MATOMO_TOKEN. */
  token?: string | undefined;
  timeoutMs?: number | undefined;
  retry?: Partial<RetryOptions> | undefined;
}

type MatomoRow = Record<string, unknown>;

export function matomoReads(o: MatomoReadsOptions): ReadSource {
  const base = o.url.replace(/\/+$/, '');
  const endpoint = /\/index\.php$/i.test(base) ? base : `${base}/index.php`;
  return {
    name: o.name,
    location: endpoint,
    async load(ctx: SourceContext): Promise<SourceResult<ReadCount>> {
      if (!o.token) {
        throw new RoundupError(
          'ENV_INVALID',
          `[${o.name}] MATOMO_TOKEN is not set: Matomo site ${o.idSite} is read with a user's token_auth. Create one ` +
            '(Matomo > Personal > Security > Auth tokens) for a user with view access to the site and set MATOMO_TOKEN.',
        );
      }
      const token = o.token;
      const client = createApiClient({ source: o.name, timeoutMs: o.timeoutMs, retry: o.retry });
      const { startDate, endDate } = windowDates(ctx.window);
      const rows = await collectPages<MatomoRow>(async (offset, limit) => {
        const form = new URLSearchParams({
          module: 'API',
          method: 'Actions.getPageUrls',
          idSite: String(o.idSite),
          period: 'range',
          date: `${startDate},${endDate}`,
          format: 'JSON',
          flat: '1',
          filter_limit: String(limit),
          filter_offset: String(offset),
          filter_sort_column: o.metric,
          filter_sort_order: 'desc',
          ...(o.segment ? { segment: o.segment } : {}),
          token_auth: token,
        });
        const answer = await client.json(
          {
            method: 'POST',
            url: endpoint,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form.toString(),
            what: `Actions.getPageUrls for idSite ${o.idSite}, ${startDate} to ${endDate}, rows ${offset + 1}-${offset + limit}`,
          },
          (failure) => explainFailure(failure, o.idSite),
        );
        const error = matomoError(answer, o.idSite);
        if (error) throw new RoundupError(error.code, `[${o.name}] ${endpoint}: ${error.message}`);
        if (!Array.isArray(answer)) {
          throw new RoundupError('SOURCE_INVALID', `[${o.name}] ${endpoint} answered JSON that is not a list of rows: not Actions.getPageUrls. Check \`url\`.`);
        }
        return { rows: answer as MatomoRow[] };
      }, o.pageSize ?? 1000);

      const problems = new ProblemList(o.name);
      const counts: ReadCount[] = [];
      rows.forEach((row, i) => {
        const url = typeof row?.url === 'string' ? row.url.trim() : '';
        const label = typeof row?.label === 'string' ? row.label.trim() : '';
        if (url === '' && (label === '' || label === 'Others' || label === '-1')) return; // Matomo's summary row
        const raw = row?.[o.metric];
        const views = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : undefined;
        if (views === undefined || !Number.isSafeInteger(views) || views < 0) {
          problems.add(`${endpoint} (row ${i + 1})`, `${o.metric} ${JSON.stringify(raw)} for ${url || label} is not a whole number; row skipped`);
          return;
        }
        // `/index` is Matomo's label for the folder's own page; the url, when there, says it right.
        counts.push({ page: url || label.replace(/\/index$/, '/'), views });
      });
      return { items: sumReads(counts), problems: problems.list('bad rows'), skipped: problems.count };
    },
  };
}

/** `{ result: 'error', message }`, as Matomo answers most failures (often with HTTP 200). */
function matomoError(answer: unknown, idSite: number): Explanation | undefined {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return undefined;
  const { result, message } = answer as { result?: unknown; message?: unknown };
  if (result !== 'error') return undefined;
  return explainMessage(typeof message === 'string' ? message : '', idSite, 200);
}

function explainFailure(failure: ApiFailure, idSite: number): Explanation | undefined {
  const message = typeof (failure.body as { message?: unknown })?.message === 'string' ? (failure.body as { message: string }).message : '';
  if (failure.status === 401 || failure.status === 403 || (failure.status >= 400 && failure.status < 500 && message)) {
    return explainMessage(message, idSite, failure.status);
  }
  return undefined;
}

function explainMessage(message: string, idSite: number, status: number): Explanation {
  const said = `HTTP ${status}${message ? ` ("${message.slice(0, 300)}")` : ''}`;
  if (/requires '?view'? access|sufficient (access|permission)|can't access this resource|don't have (the )?(required )?access/i.test(message)) {
    return {
      code: 'SOURCE_AUTH',
      message: `${said}. The user of MATOMO_TOKEN needs at least "view" access to site ${idSite}: give it in Matomo > Administration > System > Users.`,
    };
  }
  if (/unexpected website|website id|idsite|site.*(not found|does not exist|couldn't be found)/i.test(message)) {
    return { code: 'SOURCE_NOT_FOUND', message: `${said}. Matomo has no site ${idSite}: check \`idSite\` (Matomo > Administration > Websites > Manage).` };
  }
  if (status === 401 || status === 403 || /token_auth|authenticat|not logged in|anonymous/i.test(message)) {
    return {
      code: 'SOURCE_AUTH',
      message: `${said}. MATOMO_TOKEN was refused: create a new token_auth (Matomo > Personal > Security > Auth tokens) for a user with view access to site ${idSite}.`,
    };
  }
  return { code: 'SOURCE_INVALID', message: `${said}. Matomo refused the request: check \`idSite\`, \`metric\` and \`segment\`.` };
}
