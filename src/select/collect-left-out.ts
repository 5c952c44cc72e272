import type { LeftOut, WeekWindow } from '../types.js';
import { time } from './compare-stories.js';
import { isEligible, publishedIn, type EligibleRange } from './eligibility.js';
import type { FillResult } from './fill-sections.js';
import type { KnownStory } from './section-candidates.js';

export interface LeftOutInput {
  /** Every known story (excluded ones included). */
  stories: readonly KnownStory[];
  excluded: ReadonlySet<string>;
  /** Keys of stories an earlier issue sent (not pinned again) -> that issue. */
  sentIn?: ReadonlyMap<string, string>;
  fill: Pick<FillResult, 'shown' | 'overCount' | 'alreadyShown'>;
  /** Keys of every story some section would take (its candidates and pins). */
  claimed: ReadonlySet<string>;
  window: WeekWindow;
  range: EligibleRange;
}

const REASONS: readonly LeftOut['reason'][] = [
  'already-shown',
  'excluded',
  'sent-before',
  'no-section',
  'outside-window',
  'over-count',
  'past-event',
];

/**
 * What the editor may wonder about, at most one entry per story:
 * - excluded: named in the override's `exclude`;
 * - sent-before: an earlier issue sent it (that issue named), and it is eligible or read this week;
 * - already-shown: shown, and a later section would have taken it too (that section named);
 * - over-count: a section wanted it but was full (the first such section named), and it is shown nowhere;
 * - past-event: an event that started before the send date, published or started in the range;
 * - no-section: eligible (or an upcoming event published in the range) but no section takes it;
 * - outside-window: read this week but published before the eligible range.
 * Sorted by reason, then reads (most first), then URL, then section.
 */
export function collectLeftOut(input: LeftOutInput): LeftOut[] {
  const { fill, window, range } = input;
  const end = time(window.end);
  const out: LeftOut[] = [];
  for (const k of input.stories) {
    const entry = (reason: LeftOut['reason'], section?: string): void => {
      out.push({ url: k.story.url, title: k.story.title, reads: k.reads, reason, ...(section ? { section } : {}) });
    };
    const event = k.story.event;
    const shownSection = fill.alreadyShown.get(k.key);
    const fullSection = fill.overCount.get(k.key);
    const sentIn = input.sentIn?.get(k.key);
    if (input.excluded.has(k.key)) entry('excluded');
    else if (sentIn !== undefined) {
      if (isEligible(k.story, range) || k.reads > 0) out.push({ url: k.story.url, title: k.story.title, reads: k.reads, reason: 'sent-before', sentIn });
    } else if (fill.shown.has(k.key)) {
      if (shownSection) entry('already-shown', shownSection);
    } else if (fullSection) entry('over-count', fullSection);
    else if (event) {
      const start = time(event.startsAt);
      const recent = publishedIn(k.story, range) || (start >= time(window.start) && start < end);
      if (start < end && recent) entry('past-event');
      else if (start >= end && publishedIn(k.story, range) && !input.claimed.has(k.key)) entry('no-section');
    } else if (isEligible(k.story, range)) {
      if (!input.claimed.has(k.key)) entry('no-section');
    } else if (k.reads > 0 && time(k.story.publishedAt) < range.from) entry('outside-window');
  }
  return out.sort(compareLeftOut);
}

function compareLeftOut(a: LeftOut, b: LeftOut): number {
  return (
    REASONS.indexOf(a.reason) - REASONS.indexOf(b.reason) ||
    b.reads - a.reads ||
    cmp(a.url, b.url) ||
    cmp(a.section ?? '', b.section ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

