// URL identity for stories and read counts. A story's identity is its canonical URL; read counts meet stories
// by page key: the path (percent-encoding normalised, no trailing slash) plus the query parameters that name
// a page (`site.identityParams`, e.g. WordPress `?p=123`). `/a/b/?utm_source=x` and `/a/b` meet, `/a%2Cb` and
// `/a,b` meet, `/a%2Fb` stays another page than `/a/b`, and `/?p=1` another page than `/?p=2`.
import { DEFAULT_IDENTITY_PARAMS } from '../config/site-schema.js';
import { normalisePercent } from './normalise-percent.js';

/** Query parameters that only track a click and never change the page. */
const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wickedid|ref_src|s_cid|cmpid)$/i;

/**
 * Absolute, canonical form of a story link: resolved against `base`, host lower-cased, fragment and tracking
 * parameters dropped, default port dropped. Returns undefined for anything that is not http(s).
 */
export function canonicalUrl(raw: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING.test(name)) url.searchParams.delete(name);
  }
  url.search = url.searchParams.size > 0 ? url.searchParams.toString() : '';
  return url.toString();
}

const SCHEME_HOST = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i;

/** The path part of a URL or path, for matching reads to stories: no query or fragment, no trailing slash. */
export function pathKey(urlOrPath: string): string {
  let path = urlOrPath.trim();
  const scheme = SCHEME_HOST.exec(path);
  if (scheme) path = path.slice(scheme[0].length);
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  path = normalisePercent(path);
  path = path.replace(/\/{2,}/g, '/');
  if (!path.startsWith('/')) path = `/${path}`;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

/**
 * The key reads and stories meet by: the path key, then the query parameters named in `identityParams`
 * (sorted, values percent-normalised), e.g. `/news/a` or `/?p=123`. Every other parameter is dropped. The same
 * function runs on a story's URL and on every page a read source names, so both sides are normalised alike.
 */
export function pageKey(urlOrPath: string, identityParams: readonly string[] = DEFAULT_IDENTITY_PARAMS): string {
  const path = pathKey(urlOrPath);
  if (identityParams.length === 0) return path;
  const query = identityQuery(urlOrPath, identityParams);
  return query === '' ? path : `${path}?${query}`;
}

/** The host of an absolute URL (lower-cased, default port dropped), or undefined for a bare path. */
export function hostOf(urlOrPath: string): string | undefined {
  const match = SCHEME_HOST.exec(urlOrPath.trim());
  if (!match) return undefined;
  const host = match[1]!.replace(/^[^@]*@/, '').toLowerCase();
  return host.replace(/:(80|443)$/, '');
}

/** Key for telling two stories apart across sources: host + page key (path and identity parameters). */
export function storyKey(canonical: string, identityParams: readonly string[] = DEFAULT_IDENTITY_PARAMS): string {
  return `${hostOf(canonical) ?? ''}${pageKey(canonical, identityParams)}`;
}

/** `name=value` pairs of the identity parameters in the query of `urlOrPath`, sorted, joined by `&`. */
function identityQuery(urlOrPath: string, identityParams: readonly string[]): string {
  const start = urlOrPath.indexOf('?');
  if (start < 0) return '';
  const hash = urlOrPath.indexOf('#', start);
  const query = urlOrPath.slice(start + 1, hash < 0 ? undefined : hash).trim();
  const pairs: string[] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = formDecode(eq < 0 ? part : part.slice(0, eq));
    if (!identityParams.includes(name)) continue;
    const value = formDecode(eq < 0 ? '' : part.slice(eq + 1));
    pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return pairs.sort().join('&');
}

/** A query component as a form decodes it (`+` is a space); a bad escape is kept as written. */
function formDecode(s: string): string {
  const spaced = s.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
