// Requests that are never a read of a story: WordPress internals and static files. Used on path keys.

const ASSET_PREFIXES = ['/wp-content/', '/wp-includes/', '/wp-admin/', '/wp-json/', '/.well-known/'];

/** Extensions of files that are not pages (lower case, without the dot). */
const ASSET_EXTENSIONS = new Set([
  'css', 'js', 'mjs', 'map', 'json', 'xml', 'txt', 'rss', 'atom',
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'svg', 'ico', 'bmp', 'tif', 'tiff',
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  'mp4', 'webm', 'mp3', 'ogg', 'wav', 'm4a', 'mov',
  'pdf', 'zip', 'gz', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx',
  'php', 'asp', 'aspx', 'cgi', 'env', 'ini', 'sql', 'bak', 'log', 'yml', 'yaml',
]);

/**
 * True for a path that is a static file or WordPress machinery rather than a page: `/wp-content/...`,
 * `/wp-includes/...`, `/wp-admin/...`, `/wp-json/...`, or a last segment ending in a file extension such as
 * `.css`, `.js`, `.png`, `.xml`, `.php`. A dot that is not followed by a known extension (`/news/v2.0-released`)
 * keeps the path a page.
 */
export function isAssetPath(path: string): boolean {
  for (const prefix of ASSET_PREFIXES) {
    // Path keys have no trailing slash: `/wp-admin/` arrives as `/wp-admin`.
    if (path.startsWith(prefix) || path === prefix.slice(0, -1)) return true;
  }
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return false;
  return ASSET_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}
