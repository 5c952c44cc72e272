const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The preview listens on 127.0.0.1 only, but a web page open in the editor's browser could still reach it: a
 * site whose DNS name points at 127.0.0.1 (DNS rebinding) or a form on another site (or another port of
 * localhost) posting to `/approve`. Returns why a request is refused, or undefined when it comes from the
 * preview's own pages or a local tool like curl (which sends neither Origin nor Sec-Fetch-Site).
 *
 * Browsers tell where a request comes from with `Sec-Fetch-Site`: only `same-origin` (or `none`, typed by
 * the user) may post. Without it, `Origin` must be the preview's own. The pages send `Referrer-Policy:
 * no-referrer`, under which a browser's own same-origin POST carries `Origin: null`: Sec-Fetch-Site decides.
 */
export function isLocalRequest(req: Request): string | undefined {
  const url = new URL(req.url);
  if (!LOCAL_HOSTS.has(url.hostname)) return `Refused: the preview answers only to 127.0.0.1 or localhost, not \`${url.hostname}\`.`;
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const site = req.headers.get('sec-fetch-site');
  const origin = req.headers.get('origin');
  const fromHere = site !== null ? site === 'same-origin' || site === 'none' : origin === null || origin === url.origin;
  return fromHere ? undefined : 'Refused: a form on another site tried to post to the preview.';
}
