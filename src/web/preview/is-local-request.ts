const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The preview listens on 127.0.0.1 only, but a web page open in the editor's browser could still reach it: a
 * site whose DNS name points at 127.0.0.1 (DNS rebinding) or a cross-site form posting to `/approve`. Returns
 * why a request is refused, or undefined when it comes from the preview's own pages (or a local tool like curl,
 * which sends no Origin).
 */
export function isLocalRequest(req: Request): string | undefined {
  const url = new URL(req.url);
  if (!LOCAL_HOSTS.has(url.hostname)) return `Refused: the preview answers only to 127.0.0.1 or localhost, not \`${url.hostname}\`.`;
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const origin = req.headers.get('origin');
  if (req.headers.get('sec-fetch-site') === 'cross-site' || (origin !== null && origin !== url.origin)) {
    return 'Refused: a form on another site tried to post to the preview.';
  }
  return undefined;
}
