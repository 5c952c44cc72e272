import { canonicalUrl, pathKey, storyKey } from '../sources/url.js';
import type { Story } from '../types.js';

/**
 * The key that tells stories apart (host + path + remaining query), for a story's URL or a URL an editor
 * typed (relative URLs resolve against the site's URL). Undefined when it is not an http(s) URL.
 */
export function urlKey(url: string, siteUrl: string): string | undefined {
  const canonical = canonicalUrl(url, siteUrl);
  return canonical === undefined ? undefined : storyKey(canonical);
}

/** A story's key; falls back to the raw URL so a malformed URL still names one story. */
export function storyKeyOf(story: Story, siteUrl: string): string {
  return urlKey(story.url, siteUrl) ?? story.url;
}

/** A story's reads in the window: read counts meet stories by path key. */
export function readsOf(story: Story, reads: ReadonlyMap<string, number>): number {
  return reads.get(pathKey(story.url)) ?? 0;
}
