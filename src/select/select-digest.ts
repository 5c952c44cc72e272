import type { IssueOverride } from '../config/issue-override-schema.js';
import type { Config } from '../config/schema.js';
import type { SelectionConfig } from '../config/selection-schema.js';
import { RoundupError } from '../errors.js';
import { pageKey } from '../sources/url.js';
import type { Digest, Section, SourceSummary, Story, WeekWindow } from '../types.js';
import { applyOrder, resolveOverride } from './apply-override.js';
import { collectLeftOut } from './collect-left-out.js';
import { countNewStories, eligibleRange } from './eligibility.js';
import { featuredByUrl } from './featured-by-url.js';
import { fillSections, type SectionPlan } from './fill-sections.js';
import { matchReads, type SourceReads } from './match-reads.js';
import { applyStoryEdits, editedFields } from './apply-story-edits.js';
import { placeMoves, placePins } from './place-pins.js';
import { sectionCandidates, type KnownStory } from './section-candidates.js';
import { sendDate } from './send-date.js';
import { urlKey } from './story-identity.js';
import { uniqueStories } from './unique-stories.js';

export interface SelectInput {
  stories: readonly Story[];
  /** What each read source counted; matched to the stories here (see matchReads). */
  reads: readonly SourceReads[];
  config: Pick<Config, 'site' | 'selection'>;
  window: WeekWindow;
  override?: IssueOverride | undefined;
  sources?: SourceSummary[] | undefined;
  /**
   * Stories that went out in an earlier issue: story URL -> that issue's key. They are not selected again
   * (left out as `sent-before`) unless the editor pins them; events are the exception (the events section is a
   * calendar: an event is listed each week until it starts).
   */
  sentBefore?: ReadonlyMap<string, string> | undefined;
}

/**
 * The week's digest: sections filled in config order from the stories and their reads, the editor's
 * override applied, with what was left out and why, the busiest pages that match no story, and `warnings` for
 * what could not be applied. Pure and
 * deterministic: the same input, with the stories in any order, gives a deep-equal digest.
 *
 * Throws ISSUE_TOO_THIN when fewer than `selection.minNewStories` non-event stories were published in the
 * window.
 */
export function selectDigest(input: SelectInput): Digest {
  const { config, window, override } = input;
  const { site, selection } = config;
  const params = site.identityParams;
  const matched = matchReads(input.stories, input.reads, site);
  const found = uniqueStories(input.stories, matched.reads, site.url, params);
  const newStories = countNewStories(
    found.map((k) => k.story),
    window,
  );
  assertEnoughStories(newStories, selection, window);

  const resolved = resolveOverride(override, new Map(found.map((k) => [k.key, k])), site.url, params);
  const { excluded, warnings } = resolved;
  // The editor's headlines and blurbs replace the source's from here on: sections, left out, subject.
  const all = applyStoryEdits(found, resolved.edits);
  const byKey = new Map(all.map((k) => [k.key, k]));
  const moves = resolved.moves.map((m) => ({ ...m, story: byKey.get(m.story.key)! }));
  const moved = new Set(moves.map((m) => m.story.key));
  // A moved story is placed where it was moved, even when it is also pinned.
  const pins = resolved.pins.filter((p) => !moved.has(p.key)).map((p) => byKey.get(p.key)!);
  const range = eligibleRange(window, selection.eligible);
  const sentIn = sentEarlier(all, input.sentBefore, [...pins, ...moves.map((m) => m.story)], site.url);
  const ctx = {
    stories: all.filter((k) => !excluded.has(k.key) && !sentIn.has(k.key)),
    window,
    range,
    featured: selection.featured,
    featuredByUrl: featuredByUrl(selection.featured.urls, byKey, excluded, { siteUrl: site.url, window, warnings, identityParams: params }),
  };
  const candidateLists = selection.sections.map((section) => {
    const filtered = section.kind === 'category' || section.kind === 'whitepapers';
    if (filtered && section.categories.length + section.tags.length === 0) {
      const where = `config \`selection.sections\` \`${section.id}\``;
      warnings.push(`${where}: a ${section.kind} section needs \`categories\` or \`tags\`; it takes nothing.`);
    }
    return sectionCandidates(section, ctx);
  });
  const pinnedTo = placePins(pins, selection.sections, candidateLists, window, warnings);
  placeMoves(pinnedTo, moves, selection.sections, window, warnings);
  const pinnedKeys = new Set([...pinnedTo.values()].flat().map((c) => c.key));

  const plans: SectionPlan[] = selection.sections.map((section, i) => ({
    id: section.id,
    title: section.title,
    kind: section.kind,
    count: section.count,
    pinned: pinnedTo.get(i) ?? [],
    // A pin is reserved for the section it was placed in.
    candidates: (candidateLists[i] ?? []).filter((c) => !pinnedKeys.has(c.key)),
  }));
  const fill = fillSections(plans);
  for (const [key, section] of fill.overCount) {
    if (!pinnedKeys.has(key) || fill.shown.has(key)) continue;
    const url = byKey.get(key)?.story.url ?? key;
    warnings.push(`override \`${moved.has(key) ? 'stories' : 'pin'}\`: ${url} did not fit in section \`${section}\` (its \`count\`); left out.`);
  }
  const sections: Section[] = applyOrder(fill.sections, resolved.order, warnings)
    .filter((s) => s.stories.length > 0)
    .map((s) => ({
      id: s.id,
      title: s.title,
      kind: s.kind,
      stories: s.stories.map((c) => {
        const edited = editedFields(resolved.edits.get(c.key));
        return { ...c.story, reads: c.reads, why: c.why, ...(edited.length > 0 ? { edited } : {}) };
      }),
    }));

  const claimed = new Set(plans.flatMap((p) => [...p.pinned, ...p.candidates]).map((c) => c.key));
  const leftOut = collectLeftOut({ stories: all, excluded, sentIn, fill, claimed, window, range });
  const featuredCompany = override?.featuredCompany ?? selection.featuredCompany;

  return {
    issue: window.key,
    window: { ...window },
    sendDate: sendDate(window),
    publication: { name: site.name, url: site.url },
    ...(override?.subject !== undefined ? { subject: override.subject } : {}),
    ...(override?.preheader !== undefined ? { preheader: override.preheader } : {}),
    ...(override?.intro !== undefined ? { intro: override.intro } : {}),
    sections,
    ...(featuredCompany !== undefined ? { featuredCompany } : {}),
    leftOut,
    stats: {
      newStories,
      selected: sections.reduce((n, s) => n + s.stories.length, 0),
      totalReads: totalReads(all, params),
    },
    sources: input.sources ?? [],
    unmatchedTopPages: matched.unmatched,
    warnings,
  };
}

/** Keys of the stories an earlier issue sent -> that issue, but for pinned stories and events. */
function sentEarlier(
  all: readonly KnownStory[],
  sentBefore: ReadonlyMap<string, string> | undefined,
  pins: readonly KnownStory[],
  siteUrl: string,
): Map<string, string> {
  const sentIn = new Map<string, string>();
  if (!sentBefore || sentBefore.size === 0) return sentIn;
  const byKey = new Map<string, string>();
  for (const [url, issue] of sentBefore) byKey.set(urlKey(url, siteUrl) ?? url, issue);
  const pinned = new Set(pins.map((p) => p.key));
  for (const k of all) {
    const issue = byKey.get(k.key);
    if (issue !== undefined && !k.story.event && !pinned.has(k.key)) sentIn.set(k.key, issue);
  }
  return sentIn;
}

function assertEnoughStories(newStories: number, selection: SelectionConfig, window: WeekWindow): void {
  if (newStories >= selection.minNewStories) return;
  const stories = newStories === 1 ? 'story' : 'stories';
  throw new RoundupError(
    'ISSUE_TOO_THIN',
    `Issue ${window.key} (${window.start} to ${window.end}) has ${newStories} new ${stories}, fewer than the ` +
      `minimum of ${selection.minNewStories} (config \`selection.minNewStories\`). Check that the content sources ` +
      'cover this week, pick another week with --week, or lower `selection.minNewStories`.',
  );
}

/** Reads of all known stories, each page counted once (two stories may share a path). */
function totalReads(stories: readonly KnownStory[], identityParams: readonly string[]): number {
  const byPath = new Map(stories.map((k) => [pageKey(k.story.url, identityParams), k.reads]));
  return [...byPath.values()].reduce((n, r) => n + r, 0);
}
