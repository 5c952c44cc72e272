// Google's side of a GA4 read, as documented: the OAuth2 token endpoint of a service-account key file (JWT
// bearer grant; the JWT's RS256 signature and claims are checked against the key's public half) and the Data
// API's `properties/<id>:runReport` (Bearer token, dateRanges, one dimension, one metric, limit/offset paging,
// rowCount, metadata.timeZone). Unknown properties get Google's 403 PERMISSION_DENIED.
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeHttp, json, type FakeHttp } from './fake-http.js';

export const PROPERTY = '123456789';
export const CLIENT_EMAIL = 'roundup-reader@identitywire-analytics.iam.gserviceaccount.com';
const TOKEN = 'ya29.test-access-token';

export interface Ga4Fake extends FakeHttp {
  /** The key file to point GOOGLE_APPLICATION_CREDENTIALS at (its token_uri is this server). */
  keyFile: string;
  /** Claims of every assertion the token endpoint accepted. */
  grants: Record<string, unknown>[];
  /** The property's reporting time zone in the answers. */
  timeZone: string;
}

/**
 * `rows` are [dimension value, views] as the property holds them for the asked week; `dir` gets the key file.
 */
export async function startGa4Fake(dir: string, rows: [string, number][], timeZone = 'Europe/London'): Promise<Ga4Fake> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const grants: Record<string, unknown>[] = [];
  let fake: Ga4Fake;
  const http = await startFakeHttp((req, res) => {
    if (req.method === 'POST' && req.path === '/token') {
      const form = new URLSearchParams(req.body);
      const claims = checkAssertion(form, publicKey, `${fake.url}/token`);
      if (typeof claims === 'string') return json(res, 400, { error: 'invalid_grant', error_description: claims });
      grants.push(claims);
      return json(res, 200, { access_token: TOKEN, expires_in: 3599, token_type: 'Bearer' });
    }
    const report = /^\/v1beta\/properties\/(\d+):runReport$/.exec(req.path);
    if (req.method !== 'POST' || !report) return json(res, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return json(res, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    }
    if (report[1] !== PROPERTY) {
      return json(res, 403, {
        error: { code: 403, message: 'User does not have sufficient permissions for this property.', status: 'PERMISSION_DENIED' },
      });
    }
    const body = JSON.parse(req.body) as { limit?: string; offset?: string };
    const offset = Number(body.offset ?? 0);
    const limit = Number(body.limit ?? 10000);
    const sorted = [...rows].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const page = sorted.slice(offset, offset + limit);
    return json(res, 200, {
      dimensionHeaders: [{ name: 'pagePath' }],
      metricHeaders: [{ name: 'screenPageViews', type: 'TYPE_INTEGER' }],
      ...(page.length ? { rows: page.map(([value, views]) => ({ dimensionValues: [{ value }], metricValues: [{ value: String(views) }] })) } : {}),
      rowCount: sorted.length,
      metadata: { currencyCode: 'GBP', timeZone: fake.timeZone },
      kind: 'analyticsData#runReport',
    });
  });
  const keyFile = join(dir, 'service-account.json');
  await writeFile(
    keyFile,
    JSON.stringify({
      type: 'service_account',
      project_id: 'identitywire-analytics',
      private_key_id: 'key-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: CLIENT_EMAIL,
      client_id: '1',
      token_uri: `${http.url}/token`,
    }),
  );
  fake = Object.assign(http, { keyFile, grants, timeZone });
  return fake;
}

/** The claims of a valid assertion, or why it is not valid (as Google's invalid_grant would say). */
function checkAssertion(form: URLSearchParams, publicKey: KeyObject, audience: string): Record<string, unknown> | string {
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return 'Invalid grant_type.';
  const parts = (form.get('assertion') ?? '').split('.');
  if (parts.length !== 3) return 'Invalid JWT.';
  const [header, claims, signature] = parts as [string, string, string];
  if (!verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url'))) return 'Invalid JWT Signature.';
  const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>;
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, number | string>;
  if (head.alg !== 'RS256' || head.kid !== 'key-1') return 'Invalid JWT header.';
  if (body.iss !== CLIENT_EMAIL || body.aud !== audience) return 'Invalid JWT claims.';
  if (body.scope !== 'https://www.googleapis.com/auth/analytics.readonly') return 'Invalid scope.';
  const now = Date.now() / 1000;
  if (typeof body.iat !== 'number' || Math.abs(body.iat - now) > 300 || body.exp !== body.iat + 3600) return 'Invalid JWT: Token must be a short-lived token (60 minutes).';
  return body;
}
