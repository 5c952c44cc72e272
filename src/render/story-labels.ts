import type { SelectionConfig } from '../config/selection-schema.js';

/** `editors-pick`, `homepage-hero`: a slug, a term's machine name rather than the name readers are shown. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;

const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The labels shown above a story: its categories by their display names, without the editorial markers.
 * - A tag the selection uses as a marker (`selection.featured.tag`, a section's `tags`) is never a label: it says
 *   why the story was picked, not what it is about. Plain RSS cannot tell tags from categories, so it comes as a
 *   category there.
 * - A category given as a slug (`digital-id`, `opinion`) shows under the display name the config spells for it (a
 *   section's `categories: [Digital ID]`); a hyphenated slug the config does not name is a machine name, not a
 *   label, and is left out.
 * Compared case-insensitively; each label once, in the story's order.
 */
export function storyLabeler(selection: Pick<SelectionConfig, 'featured' | 'sections'>): (categories: readonly string[]) => string[] {
  const markers = new Set([selection.featured.tag, ...selection.sections.flatMap((s) => s.tags)].filter((t): t is string => !!t).map((t) => t.toLowerCase()));
  const display = new Map<string, string>();
  for (const name of selection.sections.flatMap((s) => s.categories)) if (!display.has(slugOf(name))) display.set(slugOf(name), name);
  return (categories) => {
    const labels: string[] = [];
    const seen = new Set<string>();
    for (const raw of categories) {
      const name = raw.trim();
      if (name === '' || markers.has(name.toLowerCase())) continue;
      // a lower-case name the config spells otherwise (`opinion`, `digital-id`) shows as the config spells it
      const shown = /^[a-z0-9-]+$/.test(name) ? (display.get(name) ?? (SLUG.test(name) ? undefined : name)) : name;
      if (shown === undefined || seen.has(shown.toLowerCase())) continue;
      seen.add(shown.toLowerCase());
      labels.push(shown);
    }
    return labels;
  };
}
