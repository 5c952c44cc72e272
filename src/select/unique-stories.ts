import type { Story } from '../types.js';
import type { KnownStory } from './section-candidates.js';
import { readsOf, storyKeyOf } from './story-identity.js';

/**
 * The stories with their keys and reads, one per key, in a fixed order (by URL) whatever order they came in.
 * Content sources already merge duplicates; should two still share a key, the one that sorts first (by URL,
 * then by content) is kept, so the choice never depends on input order.
 */
export function uniqueStories(
  stories: readonly Story[],
  reads: ReadonlyMap<string, number>,
  siteUrl: string,
  identityParams?: readonly string[],
): KnownStory[] {
  const keyed = stories.map((story) => ({ story, key: storyKeyOf(story, siteUrl, identityParams), text: JSON.stringify(story) }));
  keyed.sort((a, b) => cmp(a.key, b.key) || cmp(a.story.url, b.story.url) || cmp(a.text, b.text));
  const out: KnownStory[] = [];
  for (const k of keyed) {
    if (out.at(-1)?.key === k.key) continue;
    out.push({ story: k.story, key: k.key, reads: readsOf(k.story, reads, identityParams) });
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
