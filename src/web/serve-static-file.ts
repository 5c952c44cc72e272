import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * Serves one file under `root`. `encodedPath` is the part of the URL path after the mount point, still
 * percent-encoded (e.g. `preview.css`). Bad percent-encoding or a NUL gives 400; any `..` segment (also one
 * hidden as `..%2F`) or a backslash gives 403; anything that is not a file under `root` gives 404.
 */
export async function serveStaticFile(root: string, encodedPath: string): Promise<Response> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return text(400, 'Bad request: the path is not valid percent-encoding.\n');
  }
  if (decoded.includes('\0')) return text(400, 'Bad request: the path contains a NUL character.\n');
  if (decoded.includes('\\') || decoded.split('/').some((segment) => segment === '..')) {
    return text(403, 'Forbidden: paths may not leave the folder.\n');
  }
  const base = resolve(root);
  const file = resolve(base, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  if (!file.startsWith(base + sep)) return text(403, 'Forbidden: paths may not leave the folder.\n');
  try {
    if (!(await stat(file)).isFile()) return text(404, 'Not found.\n');
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return text(404, 'Not found.\n');
  }
}
