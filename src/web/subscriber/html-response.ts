// Responses for subscriber pages, with the headers every one of them carries: no scripts, no framing, no
// external assets, no Referer (a page's URL holds a token), and no caching of pages made for one person.

/** Content-Security-Policy of the subscriber pages: inline styles only, forms post to this server. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function securityHeaders(csp = PAGE_CSP): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };
}

/** An HTML page. `cache`: `private` pages (anything reached by a token) are never stored. */
export function htmlResponse(
  html: string,
  options: { status?: number; cache?: 'private' | 'public'; headers?: Record<string, string> } = {},
): Response {
  return new Response(html, {
    status: options.status ?? 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': options.cache === 'public' ? 'public, max-age=300' : 'no-store',
      ...securityHeaders(),
      ...options.headers,
    },
  });
}

/** 303 See Other: after a form POST, the browser GETs `location` (a reload does not post again). */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', ...securityHeaders() } });
}
