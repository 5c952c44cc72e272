import type { CheckResult } from '../../types.js';
import { findElements } from './html-elements.js';

/**
 * `img-alt` (error): an image without alt text, which images-off readers and screen readers get instead.
 * `img-size` (warning): an image without width and height attributes, which jumps the layout when it loads
 * and leaves no box for its alt text when images are off (give the source's image sizes, or
 * `email.brand.logo.height`).
 */
export function checkImages(html: string): CheckResult[] {
  const checks: CheckResult[] = [];
  const images = findElements(html, 'img', 'void');
  const noAlt = images.filter((img) => (img.attrs.alt ?? '').trim() === '');
  if (noAlt.length > 0) {
    checks.push({
      level: 'error',
      code: 'img-alt',
      message: `${noAlt.length} image(s) have no alt text, e.g. ${describe(noAlt[0]!.attrs)}. Give every image an alt.`,
    });
  }
  const noSize = images.filter((img) => !/^\d+$/.test(img.attrs.width ?? '') || !/^\d+$/.test(img.attrs.height ?? ''));
  if (noSize.length > 0) {
    checks.push({
      level: 'warning',
      code: 'img-size',
      message:
        `${noSize.length} image(s) have no width and height, e.g. ${describe(noSize[0]!.attrs)}: the layout jumps as they load and ` +
        'images-off readers see no box for the alt text. Give the sizes in the source (RSS media:content width/height, ' +
        'JSON image.width/height, `selection.featuredCompany.logo.width`/`height`, `email.brand.logo.height`).',
    });
  }
  return checks;
}

function describe(attrs: Record<string, string>): string {
  return `<img src="${(attrs.src ?? '').slice(0, 100)}">`;
}
