// Plausible's Stats API v2 as documented: POST /api/v2/query with a Bearer key and a JSON query (site_id,
// metrics, date_range, dimensions [event:page], pagination { limit, offset }); answers { results: [{ dimensions,
// metrics }], meta, query }. A wrong key gets 401, an unknown site 400, as Plausible does.
import { startFakeHttp, json, type FakeHttp } from './fake-http.js';

export const PLAUSIBLE_KEY = 'plausible-test-key-0123456789';
export const SITE_ID = 'identitywire.example';

/** `rows` are [page, views]: the same every week, or per the asked `date_range`. */
export async function startPlausibleFake(rows: [string, number][] | ((dateRange: string[]) => [string, number][])): Promise<FakeHttp> {
  return startFakeHttp((req, res) => {
    if (req.method !== 'POST' || req.path !== '/api/v2/query') return json(res, 404, { error: 'Not found' });
    if (req.headers.authorization !== `Bearer ${PLAUSIBLE_KEY}`) {
      return json(res, 401, { error: "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested." });
    }
    const query = JSON.parse(req.body) as { site_id?: string; date_range?: string[]; pagination?: { limit?: number; offset?: number } };
    if (query.site_id !== SITE_ID) return json(res, 400, { error: `Site does not exist or user does not have sufficient access. (site_id: ${query.site_id})` });
    const offset = query.pagination?.offset ?? 0;
    const limit = query.pagination?.limit ?? 10000;
    const sorted = [...(typeof rows === 'function' ? rows(query.date_range ?? []) : rows)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return json(res, 200, {
      results: sorted.slice(offset, offset + limit).map(([page, views]) => ({ dimensions: [page], metrics: [views] })),
      meta: {},
      query,
    });
  });
}
