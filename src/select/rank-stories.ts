import type { Story } from '../types.js';
import { compareByReads } from './compare-stories.js';
import { readsOf } from './story-identity.js';

/**
 * Stories by reads (descending), then publication time (newest first), then URL (ascending), so that ties
 * never depend on the order the sources returned them in. `reads` is keyed by page key (see matchReads).
 * Returns a new array.
 */
export function rankStories(stories: readonly Story[], reads: ReadonlyMap<string, number>, identityParams?: readonly string[]): Story[] {
  return [...stories].sort(compareByReads((s) => readsOf(s, reads, identityParams)));
}
