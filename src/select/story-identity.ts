import { DEFAULT_IDENTITY_PARAMS } from '../config/site-schema.js';
import { canonicalUrl, pageKey, storyKey } from '../sources/url.js';
import type { Story } from '../types.js';

/**
 * The key that tells stories apart (host + path + the query parameters that name a page), for a story's URL
 * or a URL an editor typed (relative URLs resolve against the site's URL). Undefined when it is not an
 * http(s) URL.
 */
export function urlKey(url: string, siteUrl: string, identityParams: readonly string[] = DEFAULT_IDENTITY_PARAMS): string | undefined {
  const canonical = canonicalUrl(url, siteUrl);
  return canonical === undefined ? undefined : storyKey(canonical, identityParams);
}

/** A story's key; falls back to the raw URL so a malformed URL still names one story. */
export function storyKeyOf(story: Story, siteUrl: string, identityParams: readonly string[] = DEFAULT_IDENTITY_PARAMS): string {
  return urlKey(story.url, siteUrl, identityParams) ?? story.url;
}

/** A story's reads in the window: `reads` is keyed by page key (see matchReads). */
export function readsOf(
  story: Story,
  reads: ReadonlyMap<string, number>,
  identityParams: readonly string[] = DEFAULT_IDENTITY_PARAMS,
): number {
  return reads.get(pageKey(story.url, identityParams)) ?? 0;
}
