import type { Story } from '../types.js';
import { isoInstant } from './iso-date.js';
import { storyKey } from './url.js';

// Several content sources may list the same story (the site feed and a JSON file of events, say). They meet
// by `storyKey(url, identityParams)`: host, path and the query parameters that name a page. The first source's
// story wins, field by field, and later ones only fill what it lacks: image, excerpt, updatedAt, authors,
// event; categories and tags are united; sticky if any says so.

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function fill(first: Story, later: Story): Story {
  const merged: Story = {
    ...first,
    excerpt: first.excerpt !== '' ? first.excerpt : later.excerpt,
    authors: first.authors.length > 0 ? first.authors : later.authors,
    categories: union(first.categories, later.categories),
    tags: union(first.tags, later.tags),
    sticky: first.sticky || later.sticky,
  };
  const updatedAt = first.updatedAt ?? later.updatedAt;
  if (updatedAt !== undefined) merged.updatedAt = updatedAt;
  const image = first.image ?? later.image;
  if (image !== undefined) merged.image = image;
  const event = first.event ?? later.event;
  if (event !== undefined) merged.event = event;
  return merged;
}

/** Newest first, then by URL: the same input always gives the same order. */
export function compareStories(a: Story, b: Story): number {
  const byDate = isoInstant(b.publishedAt) - isoInstant(a.publishedAt);
  if (byDate !== 0) return byDate;
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

/** Merges the lists of several content sources (in config order) into one list, each story once. */
export function mergeStories(lists: readonly (readonly Story[])[], identityParams?: readonly string[]): Story[] {
  const byKey = new Map<string, Story>();
  for (const list of lists) {
    for (const story of list) {
      const key = storyKey(story.url, identityParams);
      const seen = byKey.get(key);
      byKey.set(key, seen ? fill(seen, story) : story);
    }
  }
  return [...byKey.values()].sort(compareStories);
}
