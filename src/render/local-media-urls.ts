/**
 * The HTML with every picture under `mediaUrl` (an `src` attribute starting with it) pointing under `localBase`
 * instead, the rest of its path kept: `https://www.example.com/media/a.png` -> `/media/a.png` (the preview and
 * `roundup serve` serve `site.mediaDir` there) or `../../config/sample/media/a.png` (a file opened from disk).
 * Only `src` attributes: links to the site stay links to the site, whatever `mediaUrl` is.
 */
export function localMediaUrls(html: string, mediaUrl: string, localBase: string): string {
  const prefix = mediaUrl.endsWith('/') ? mediaUrl : `${mediaUrl}/`;
  const base = localBase.endsWith('/') ? localBase : `${localBase}/`;
  const pattern = new RegExp(`(\\ssrc\\s*=\\s*["']?)${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'gi');
  return html.replace(pattern, (_m, attribute: string) => `${attribute}${base}`);
}
