import type { SelectionConfig } from '../../config/index.js';

/** The section kinds a subscriber can pick as topics (as variantKey reads them, select/variant-key.ts). */
const TOPICAL = new Set<SelectionConfig['sections'][number]['kind']>(['category', 'whitepapers', 'events']);

/**
 * The topics the preferences page offers: only those that change something. A topic moves the topical sections
 * (category, white papers, events) that name it up, right after the first section, which stays first; so the
 * topics offered are the categories and tags of the topical sections after the first one (a section's title when
 * it names none). The first section's own topics, and topics no section names, would change nothing and are not
 * offered. Compared case-insensitively, first spelling kept.
 */
export function topicChoices(selection: Pick<SelectionConfig, 'sections'>): string[] {
  const choices: string[] = [];
  const seen = new Set<string>();
  for (const section of selection.sections.slice(1)) {
    if (!TOPICAL.has(section.kind)) continue;
    const named = [...section.categories, ...section.tags];
    for (const topic of named.length > 0 ? named : [section.title]) {
      const t = topic.trim();
      if (t === '' || seen.has(t.toLowerCase())) continue;
      seen.add(t.toLowerCase());
      choices.push(t);
    }
  }
  return choices;
}

/** The subscriber's topics the page does not offer (an imported list's own, or a section since removed): kept on save. */
export function topicsNotOffered(topics: readonly string[], choices: readonly string[]): string[] {
  const offered = new Set(choices.map((c) => c.toLowerCase()));
  return topics.filter((t) => !offered.has(t.trim().toLowerCase()));
}
