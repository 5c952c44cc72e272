// Matomo's Reporting API as documented: POST /index.php with module=API&method=Actions.getPageUrls, idSite,
// period=range, date=start,end, flat=1, format=JSON, filter_limit/filter_offset and token_auth in the body;
// answers a JSON list of rows (label, url, nb_hits, nb_visits). Errors come as { result: 'error', message } with
// HTTP 200, as Matomo sends them.
import { startFakeHttp, json, type FakeHttp } from './fake-http.js';

export const MATOMO_TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const ID_SITE = 3;

/** `rows` are [url, nb_hits]; the label is the url's path, as Matomo's flat report has it. */
export async function startMatomoFake(rows: [string, number][]): Promise<FakeHttp> {
  return startFakeHttp((req, res) => {
    if (req.method !== 'POST' || req.path !== '/index.php') return json(res, 404, { result: 'error', message: 'Not found' });
    const form = new URLSearchParams(req.body);
    if (form.get('token_auth') !== MATOMO_TOKEN) {
      return json(res, 200, { result: 'error', message: "You can't access this resource as it requires 'view' access for the website id = " + form.get('idSite') + '.' });
    }
    if (form.get('idSite') !== String(ID_SITE)) {
      return json(res, 200, { result: 'error', message: `An unexpected website was found in the request: website id was set to '${form.get('idSite')}' .` });
    }
    if (form.get('method') !== 'Actions.getPageUrls' || form.get('module') !== 'API') return json(res, 200, { result: 'error', message: 'The method does not exist.' });
    const offset = Number(form.get('filter_offset') ?? 0);
    const limit = Number(form.get('filter_limit') ?? 100);
    const sorted = [...rows].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return json(
      res,
      200,
      sorted.slice(offset, offset + limit).map(([url, hits]) => ({
        label: new URL(url).pathname.replace(/\/$/, '') || '/index',
        nb_visits: Math.max(1, hits - 1),
        nb_hits: hits,
        url,
      })),
    );
  });
}
