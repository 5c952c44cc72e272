// URL identity for stories and read counts. A story's identity is its canonical URL; read counts are
// matched to stories by path key (no query, no trailing slash), so `/a/b/?utm_source=x` and `/a/b` meet.

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

/** The path part of a URL or path, for matching reads to stories: no query or fragment, no trailing slash. */
export function pathKey(urlOrPath: string): string {
  let path = urlOrPath.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path);
  if (scheme) path = path.slice(scheme[0].length);
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  try {
    path = decodeURI(path);
  } catch {
    // keep it encoded: a bad escape is still a usable key
  }
  path = path.replace(/\/{2,}/g, '/');
  if (!path.startsWith('/')) path = `/${path}`;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

/** Key for telling two stories apart across sources: host + path key + remaining query. */
export function storyKey(canonical: string): string {
  const url = new URL(canonical);
  return `${url.host}${pathKey(url.pathname)}${url.search}`;
}
