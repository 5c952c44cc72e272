// An OAuth2 access token for a Google service account, by the JWT bearer grant (RFC 7523; Google's
// "Using OAuth 2.0 for server to server applications"): a JWT signed RS256 with the key file's private key is
// posted to the key file's `token_uri`, which answers an access token for an hour.
//
// Written on node:crypto rather than google-auth-library: its maintained line (11.x) needs Node >= 22 and this
// project runs on Node 20; 10.x has had no release since 2026-07. The grant is this one request, and keeping it
// here means no library probes the GCE metadata server when a key is missing.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { RoundupError, errorMessage } from '../../errors.js';
import type { ApiClient } from './api-client.js';

export const ANALYTICS_READONLY_SCOPE = 'https://www.googleapis.com/auth/analytics.readonly';
const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The fields of a service-account key file that the grant needs. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: KeyObject;
  privateKeyId?: string | undefined;
  tokenUri: string;
}

/** Reads and checks a key file; errors name the file and the variable that pointed at it, never the key. */
export async function readServiceAccountKey(file: string, source: string): Promise<ServiceAccountKey> {
  const bad = (what: string, cause?: unknown) =>
    new RoundupError(
      'ENV_INVALID',
      `[${source}] GOOGLE_APPLICATION_CREDENTIALS points at ${file}, which ${what}. Download a JSON key for the ` +
        'service account (Google Cloud console > IAM & Admin > Service accounts > Keys > Add key > JSON) and point ' +
        'GOOGLE_APPLICATION_CREDENTIALS at it.',
      cause === undefined ? undefined : { cause },
    );
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw bad(code ? `could not be read (${code})` : 'is not JSON', cause);
  }
  if (json === null || typeof json !== 'object') throw bad('is not a key file');
  if (json.type !== 'service_account') {
    throw bad(`is not a service-account key (its \`type\` is ${JSON.stringify(json.type ?? null)}; user credentials from \`gcloud auth\` do not work here)`);
  }
  const { client_email: clientEmail, private_key: pem, private_key_id: privateKeyId } = json;
  const tokenUri = json.token_uri ?? 'https://oauth2.googleapis.com/token';
  if (typeof clientEmail !== 'string' || typeof pem !== 'string' || typeof tokenUri !== 'string') {
    throw bad('lacks `client_email`, `private_key` or `token_uri`');
  }
  if (!isAllowedTokenUri(tokenUri)) throw bad(`has a \`token_uri\` (${tokenUri}) that is neither https nor on this machine`);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (cause) {
    throw bad(`has a \`private_key\` that is not a PEM private key (${errorMessage(cause)})`, cause);
  }
  return { clientEmail, privateKey, privateKeyId: typeof privateKeyId === 'string' ? privateKeyId : undefined, tokenUri };
}

/** The signed assertion: header.claims.signature, base64url, RS256, valid for an hour from `now`. */
export function signAssertion(key: ServiceAccountKey, now: Date, scope = ANALYTICS_READONLY_SCOPE): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(key.privateKeyId ? { kid: key.privateKeyId } : {}) };
  const claims = { iss: key.clientEmail, scope, aud: key.tokenUri, iat, exp: iat + 3600 };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${base64url(sign('RSA-SHA256', Buffer.from(input), key.privateKey))}`;
}

/** Trades a signed assertion for an access token at the key's `token_uri`. */
export async function fetchAccessToken(key: ServiceAccountKey, client: ApiClient, now: Date): Promise<{ token: string; expiresAt: number }> {
  const body = new URLSearchParams({ grant_type: GRANT_TYPE, assertion: signAssertion(key, now) }).toString();
  const answer = await client.json(
    {
      method: 'POST',
      url: key.tokenUri,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      what: `access token for service account ${key.clientEmail}`,
    },
    ({ status, body: failure }) => {
      if (status !== 400 && status !== 401 && status !== 403) return undefined;
      const { error, error_description: description } = (failure ?? {}) as { error?: unknown; error_description?: unknown };
      return {
        code: 'SOURCE_AUTH',
        message:
          `the token endpoint refused the key (HTTP ${status} ${String(error ?? '')}${description ? `: ${String(description)}` : ''}). ` +
          'The key may have been deleted or the service account disabled: create a new JSON key for it and point ' +
          'GOOGLE_APPLICATION_CREDENTIALS at the new file (also check the machine clock: the assertion is only valid for an hour).',
      };
    },
  );
  const { access_token: token, expires_in: expiresIn } = (answer ?? {}) as { access_token?: unknown; expires_in?: unknown };
  if (typeof token !== 'string' || token === '') {
    throw new RoundupError('SOURCE_INVALID', `The token endpoint ${key.tokenUri} answered JSON without an \`access_token\`.`);
  }
  const seconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 3600;
  return { token, expiresAt: now.getTime() + seconds * 1000 };
}

/** https anywhere, or plain http on this machine (tests and local proxies). */
function isAllowedTokenUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}
