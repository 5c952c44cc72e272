import { describe, expect, it } from 'vitest';
import { isAssetPath } from '../../../src/sources/reads/is-asset-path.js';

describe('isAssetPath', () => {
  it('knows WordPress machinery and static files', () => {
    for (const path of ['/wp-content/uploads/a.jpg', '/wp-includes/x', '/wp-admin', '/wp-admin/', '/wp-json/wp/v2/posts',
      '/style.CSS', '/app.js', '/a/b/logo.svg', '/favicon.ico', '/sitemap.xml', '/robots.txt', '/f.woff2', '/x.json', '/xmlrpc.php']) {
      expect({ path, asset: isAssetPath(path) }).toEqual({ path, asset: true });
    }
  });

  it('keeps pages, dots in slugs included', () => {
    for (const path of ['/', '/news/2026/11/a-story', '/news/v2.0-released', '/about.us-and-them', '/.hidden', '/news/a.b/c']) {
      expect({ path, asset: isAssetPath(path) }).toEqual({ path, asset: false });
    }
  });
});
