import type { SectionConfig } from '../config/selection-schema.js';
import type { WeekWindow } from '../types.js';
import { time } from './compare-stories.js';
import { isUpcomingEvent } from './eligibility.js';
import type { Candidate, KnownStory } from './section-candidates.js';

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
    placed.set(index, [...(placed.get(index) ?? []), { ...pin, why: 'pinned by the editor' }]);
  }
  return placed;
}
