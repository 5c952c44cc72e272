import type { SectionConfig } from '../config/selection-schema.js';
import type { WeekWindow } from '../types.js';
import { time } from './compare-stories.js';
import { isUpcomingEvent } from './eligibility.js';
import type { Candidate, KnownStory } from './section-candidates.js';

/** The `why` of a pinned story and of one the editor moved: the preview tells them by it. */
export const PINNED_WHY = 'pinned by the editor';
export const MOVED_WHY = 'moved here by the editor';

/**
 * Where each of the editor's pins goes, as section index -> pins in the editor's order: the first featured
 * section; with none, the first section that would take the story anyway, else the first section. An event
 * only goes to an events section that takes it; a story published after the week is never placed. What
 * cannot be placed is listed in `warnings`.
 */
export function placePins(
  pins: readonly KnownStory[],
  sections: readonly SectionConfig[],
  candidateLists: readonly Candidate[][],
  window: WeekWindow,
  warnings: string[],
): Map<number, Candidate[]> {
  const placed = new Map<number, Candidate[]>();
  const featured = sections.findIndex((s) => s.kind === 'featured');
  const wanting = (key: string) => candidateLists.findIndex((list) => list.some((c) => c.key === key));
  for (const pin of pins) {
    let index: number;
    if (pin.story.event) {
      index = isUpcomingEvent(pin.story, window) ? wanting(pin.key) : -1;
      if (index < 0) {
        const why = 'an event no events section takes (past, or filtered out)';
        warnings.push(`override \`pin\`: ${pin.story.url} is ${why}; left out.`);
        continue;
      }
    } else if (time(pin.story.publishedAt) >= time(window.end)) {
      warnings.push(`override \`pin\`: ${pin.story.url} was published after ${window.key} ended; left out.`);
      continue;
    } else {
      index = featured >= 0 ? featured : Math.max(0, wanting(pin.key));
    }
    placed.set(index, [...(placed.get(index) ?? []), { ...pin, why: PINNED_WHY }]);
  }
  return placed;
}

/**
 * Adds the stories the editor moved (`stories: { <url>: { section } }` in the override) to the sections they
 * were moved to, after that section's pins: reserved there like a pin, so no earlier section shows them. A
 * section id the config lacks, or a story published after the week, is listed in `warnings` and not placed.
 */
export function placeMoves(
  placed: Map<number, Candidate[]>,
  moves: readonly { story: KnownStory; section: string }[],
  sections: readonly SectionConfig[],
  window: WeekWindow,
  warnings: string[],
): void {
  for (const move of moves) {
    const index = sections.findIndex((s) => s.id === move.section);
    const url = move.story.story.url;
    if (index < 0) {
      warnings.push(`override \`stories\`: ${url} is moved to section \`${move.section}\`, which is not in config \`selection.sections\`; ignored.`);
      continue;
    }
    if (!move.story.story.event && time(move.story.story.publishedAt) >= time(window.end)) {
      warnings.push(`override \`stories\`: ${url} was published after ${window.key} ended; left out.`);
      continue;
    }
    placed.set(index, [...(placed.get(index) ?? []), { ...move.story, why: MOVED_WHY }]);
  }
}
