import type { SelectionConfig } from '../../config/index.js';

/**
 * The topics a subscriber can pick: the categories and tags the config's topical sections (category, white
 * papers, events) are made of, or a section's title when it names none; then any topic the subscriber already
 * has that the config does not offer (imported lists carry their own), so saving the page never drops one
 * silently. Compared case-insensitively, first spelling kept.
 */
export function topicChoices(selection: Pick<SelectionConfig, 'sections'>, current: readonly string[] = []): string[] {
  const choices: string[] = [];
  const seen = new Set<string>();
  const add = (topic: string) => {
    const t = topic.trim();
    if (t === '' || seen.has(t.toLowerCase())) return;
    seen.add(t.toLowerCase());
    choices.push(t);
  };
  for (const section of selection.sections) {
    if (section.kind !== 'category' && section.kind !== 'whitepapers' && section.kind !== 'events') continue;
    const named = [...section.categories, ...section.tags];
    if (named.length === 0) add(section.title);
    else named.forEach(add);
  }
  current.forEach(add);
  return choices;
}
