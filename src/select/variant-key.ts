import type { SectionConfig } from '../config/selection-schema.js';
import type { Digest } from '../types.js';

/** The section kinds a subscriber can pick as topics (the same as the preferences page offers, topic-choices.ts). */
const TOPICAL = new Set<SectionConfig['kind']>(['category', 'whitepapers', 'events']);

/**
 * Which of the digest's sections a subscriber's topics pick: the sorted ids of the topical sections (category,
 * white papers, events) whose configured categories or tags (or title, when the section names none, as the
 * preferences page offers it) equal one of the topics, case-insensitively. The digest's first section is never
 * part of it: it stays first whatever the topics. An empty list means the default order; subscribers with the
 * same list get the same message (one render per distinct list).
 */
export function variantKey(
  topics: readonly string[],
  digest: Pick<Digest, 'sections'>,
  sections: readonly Pick<SectionConfig, 'id' | 'kind' | 'title' | 'categories' | 'tags'>[],
): string[] {
  if (topics.length === 0) return [];
  const wanted = new Set(topics.map((t) => t.trim().toLowerCase()));
  const present = new Set(digest.sections.slice(1).map((s) => s.id));
  const ids: string[] = [];
  for (const section of sections) {
    if (!TOPICAL.has(section.kind) || !present.has(section.id)) continue;
    const named = [...section.categories, ...section.tags];
    const names = named.length > 0 ? named : [section.title];
    if (names.some((n) => wanted.has(n.trim().toLowerCase()))) ids.push(section.id);
  }
  return ids.sort();
}
