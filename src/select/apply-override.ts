import type { IssueOverride, StoryEdit } from '../config/issue-override-schema.js';
import type { KnownStory } from './section-candidates.js';
import type { FilledSection } from './fill-sections.js';
import { urlKey } from './story-identity.js';

/** An override's URLs, matched to stories. */
export interface ResolvedOverride {
  /** Keys of the stories never to show. */
  excluded: Set<string>;
  /** Pinned stories in the editor's order (excluded ones and repeats dropped). */
  pins: KnownStory[];
  /** Section id -> story keys wanted first, in order. */
  order: Map<string, string[]>;
  /** Story key -> the editor's headline and blurb for this issue. */
  edits: Map<string, Pick<StoryEdit, 'title' | 'excerpt'>>;
  /** Stories the editor moved into another section, in the file's order (excluded ones dropped). */
  moves: { story: KnownStory; section: string }[];
  /** What could not be applied, in words for the editor. */
  warnings: string[];
}

/**
 * Matches the override's `exclude`, `pin`, `order` and `stories` URLs to stories (by storyKey of the canonical URL,
 * relative URLs resolved against the site). URLs that match no story are ignored and listed in `warnings`.
 */
export function resolveOverride(
  override: Partial<Pick<IssueOverride, 'pin' | 'exclude' | 'order' | 'stories'>> | undefined,
  byKey: ReadonlyMap<string, KnownStory>,
  siteUrl: string,
  identityParams?: readonly string[],
): ResolvedOverride {
  const warnings: string[] = [];
  const match = (url: string, field: string): KnownStory | undefined => {
    const key = urlKey(url, siteUrl, identityParams);
    const found = key === undefined ? undefined : byKey.get(key);
    if (!found) warnings.push(`override \`${field}\`: ${url} matches no story of this week's sources; ignored.`);
    return found;
  };

  const excluded = new Set<string>();
  for (const url of override?.exclude ?? []) {
    const found = match(url, 'exclude');
    if (found) excluded.add(found.key);
  }

  const pins: KnownStory[] = [];
  for (const url of override?.pin ?? []) {
    const found = match(url, 'pin');
    if (!found || pins.some((p) => p.key === found.key)) continue;
    if (excluded.has(found.key)) {
      warnings.push(`override \`pin\`: ${url} is also in \`exclude\`; exclude wins.`);
      continue;
    }
    pins.push(found);
  }

  const order = new Map<string, string[]>();
  for (const id of Object.keys(override?.order ?? {}).sort()) {
    const keys: string[] = [];
    for (const url of override?.order?.[id] ?? []) {
      const found = match(url, `order.${id}`);
      if (found && !keys.includes(found.key)) keys.push(found.key);
    }
    order.set(id, keys);
  }

  const edits = new Map<string, Pick<StoryEdit, 'title' | 'excerpt'>>();
  const moves: ResolvedOverride['moves'] = [];
  for (const [url, edit] of Object.entries(override?.stories ?? {})) {
    const found = match(url, 'stories');
    if (!found) continue;
    const text = { ...(edit.title !== undefined ? { title: edit.title } : {}), ...(edit.excerpt !== undefined ? { excerpt: edit.excerpt } : {}) };
    if (Object.keys(text).length > 0) edits.set(found.key, { ...edits.get(found.key), ...text });
    if (edit.section !== undefined && !excluded.has(found.key) && !moves.some((m) => m.story.key === found.key)) {
      moves.push({ story: found, section: edit.section });
    }
  }
  return { excluded, pins, order, edits, moves, warnings };
}

/**
 * Puts the stories named in `order` first, in that order; the others keep their place after them. Keys not
 * in a section, and sections not in the digest, are reported in `warnings`.
 */
export function applyOrder(
  sections: readonly FilledSection[],
  order: ReadonlyMap<string, string[]>,
  warnings: string[],
): FilledSection[] {
  for (const id of order.keys()) {
    if (!sections.some((s) => s.id === id)) {
      warnings.push(`override \`order.${id}\`: no section \`${id}\` in config \`selection.sections\`; ignored.`);
    }
  }
  return sections.map((section) => {
    const keys = order.get(section.id);
    if (!keys || keys.length === 0) return section;
    const first = keys.flatMap((key) => {
      const story = section.stories.find((c) => c.key === key);
      if (!story) warnings.push(`override \`order.${section.id}\`: ${key} is not in that section; ignored.`);
      return story ? [story] : [];
    });
    const rest = section.stories.filter((c) => !keys.includes(c.key));
    return { ...section, stories: [...first, ...rest] };
  });
}
