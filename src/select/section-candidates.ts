import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { SectionConfig, SelectionConfig } from '../config/selection-schema.js';
import type { Story, WeekWindow } from '../types.js';
import { compareEventStart, compareNewest } from './compare-stories.js';
import { isEligible, isUpcomingEvent, type EligibleRange } from './eligibility.js';

/** A story with what selection needs to know about it: its identity key and its reads. */
export interface KnownStory {
  story: Story;
  key: string;
  reads: number;
}

/** A story a section would take, and why, in the section's order. */
export interface Candidate extends KnownStory {
  why: string;
}

export interface CandidateContext {
  /** Every story that may be shown (excluded ones already removed), in a fixed order. */
  stories: readonly KnownStory[];
  window: WeekWindow;
  range: EligibleRange;
  featured: SelectionConfig['featured'];
  /** Config `selection.featured.urls`, resolved to stories, in config order. */
  featuredByUrl: readonly KnownStory[];
}

const numberFormat = new Intl.NumberFormat('en-GB');

/**
 * The stories a section would take, best first, before de-duplication and `count`:
 * - most-read: eligible with reads > 0, by reads; restricted by `categories`/`tags` when given;
 * - featured: config URLs (in config order), then sticky posts and `featured.tag` stories by reads;
 * - latest: eligible, newest first (restricted by `categories`/`tags` when given);
 * - category, whitepapers: eligible stories in `categories`/`tags` (case-insensitive), by reads;
 * - events: upcoming events, soonest first (restricted by `categories`/`tags` when given).
 * Override pins are not here: they are placed by selectDigest.
 */
export function sectionCandidates(section: SectionConfig, ctx: CandidateContext): Candidate[] {
  const eligible = ctx.stories.filter((k) => isEligible(k.story, ctx.range));
  const sortBy = (list: KnownStory[], cmp: (a: Story, b: Story) => number) =>
    list.sort((a, b) => cmp(a.story, b.story));
  const filter = filterOf(section);

  switch (section.kind) {
    case 'most-read':
      return eligible.filter((k) => k.reads > 0 && (filter.none || filter.label(k.story))).sort(byReads).map(
        (k, i) => ({ ...k, why: `#${i + 1} by reads (${numberFormat.format(k.reads)})` }),
      );
    case 'latest':
      return sortBy(eligible.filter((k) => filter.none || filter.label(k.story)), compareNewest).map((k, i) => ({
        ...k,
        why: `#${i + 1} newest (published ${day(k.story.publishedAt, ctx.window)})`,
      }));
    case 'category':
    case 'whitepapers': {
      if (filter.none) return [];
      return eligible.filter((k) => filter.label(k.story)).sort(byReads).map((k, i) => {
        const label = filter.label(k.story) ?? section.title;
        return {
          ...k,
          why:
            k.reads > 0
              ? `#${i + 1} in ${label} by reads (${numberFormat.format(k.reads)})`
              : `in ${label}, published ${day(k.story.publishedAt, ctx.window)}`,
        };
      });
    }
    case 'events':
      return sortBy(
        ctx.stories.filter((k) => isUpcomingEvent(k.story, ctx.window) && (filter.none || filter.label(k.story))),
        compareEventStart,
      ).map((k) => ({ ...k, why: `upcoming event ${day(k.story.event?.startsAt ?? '', ctx.window)}` }));
    case 'featured':
      return featuredCandidates(ctx, eligible);
  }
}

/** Reads descending, then newest, then URL: the ranking of rankStories, on known stories. */
function byReads(a: KnownStory, b: KnownStory): number {
  return b.reads - a.reads || compareNewest(a.story, b.story);
}

function featuredCandidates(ctx: CandidateContext, eligible: KnownStory[]): Candidate[] {
  const byUrl: Candidate[] = ctx.featuredByUrl.map((k) => ({ ...k, why: "editor's pick" }));
  const tag = ctx.featured.tag?.toLowerCase();
  const picked = eligible
    .filter((k) => (ctx.featured.sticky && k.story.sticky) || (tag !== undefined && hasTag(k.story, tag)))
    .sort(byReads)
    .map((k) => ({
      ...k,
      why: ctx.featured.sticky && k.story.sticky ? 'sticky post' : `tagged ${ctx.featured.tag ?? ''}`,
    }));
  return [...byUrl, ...picked];
}

// RSS cannot tell tags from categories (WordPress writes both as <category>), so a tag rule also matches a
// category of the same name; sources that know the difference (WordPress REST, JSON) lose nothing by it.
function hasTag(story: Story, lowerTag: string): boolean {
  return [...story.tags, ...story.categories].some((t) => t.toLowerCase() === lowerTag);
}

/** A section's category/tag filter: `label` is the story's first matching category or tag, as the story spells it. */
function filterOf(section: SectionConfig): { none: boolean; label: (s: Story) => string | undefined } {
  const categories = new Set(section.categories.map((c) => c.toLowerCase()));
  const tags = new Set(section.tags.map((t) => t.toLowerCase()));
  return {
    none: categories.size === 0 && tags.size === 0,
    label: (s) =>
      s.categories.find((c) => categories.has(c.toLowerCase())) ??
      [...s.tags, ...s.categories].find((t) => tags.has(t.toLowerCase())),
  };
}

/** `24 Nov`, in the publication's zone. */
function day(iso: string, window: WeekWindow): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : format(new TZDate(t, window.timeZone), 'd MMM');
}
