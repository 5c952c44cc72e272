// Images asked for at the size they are shown: `email.images.resize` is a resizing service's URL pattern (a CDN,
// WordPress Photon, imgproxy), e.g. `https://i0.wp.com/{hostAndPath}?w={width}`. Off, the source's URL is used.

/** The image at `width` px through the pattern, or the URL itself when no pattern is configured. */
export function resizedImageUrl(pattern: string | undefined, url: string, width: number): string {
  if (pattern === undefined) return url;
  const parsed = new URL(url);
  const hostAndPath = `${parsed.host}${parsed.pathname}${parsed.search}`;
  return pattern
    .replaceAll('{width}', String(Math.round(width)))
    .replaceAll('{url}', encodeURIComponent(url))
    .replaceAll('{rawUrl}', url)
    .replaceAll('{hostAndPath}', hostAndPath);
}

/** The shown height for a shown width, from the image's own size; undefined when the source did not give it. */
export function shownHeight(image: { width?: number | undefined; height?: number | undefined }, width: number): number | undefined {
  if (!image.width || !image.height) return undefined;
  return Math.max(1, Math.round((width * image.height) / image.width));
}

/** An image as a template places it: the URL to request, and the width and height to show it at. */
export interface ShownImage {
  src: string;
  width: number;
  /** Absent when the source did not say how big the image is (a check warns). */
  height?: number;
}

/**
 * `image` shown `width` px wide and requested at `density` times that through `pattern` (the lead image at 2x
 * for high-density screens; thumbnails at 1x).
 */
export function shownImage(
  pattern: string | undefined,
  image: { url: string; width?: number | undefined; height?: number | undefined },
  width: number,
  density = 1,
): ShownImage {
  const shown: ShownImage = { src: resizedImageUrl(pattern, image.url, width * density), width };
  const height = shownHeight(image, width);
  if (height !== undefined) shown.height = height;
  return shown;
}
