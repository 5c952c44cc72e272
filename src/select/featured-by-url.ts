import type { WeekWindow } from '../types.js';
import { time } from './compare-stories.js';
import type { KnownStory } from './section-candidates.js';
import { urlKey } from './story-identity.js';

const KEY = 'config `selection.featured.urls`';

/**
 * Config `selection.featured.urls` matched to stories, in config order. A pick may be older than the window,
 * but not an event (events only go to events sections), not published after the window, and not excluded.
 * What cannot be used is listed in `warnings`.
 */
export function featuredByUrl(
  urls: readonly string[],
  byKey: ReadonlyMap<string, KnownStory>,
  excluded: ReadonlySet<string>,
  context: { siteUrl: string; window: WeekWindow; warnings: string[]; identityParams?: readonly string[] | undefined },
): KnownStory[] {
  const { window, warnings } = context;
  const picks: KnownStory[] = [];
  for (const url of urls) {
    const key = urlKey(url, context.siteUrl, context.identityParams);
    const found = key === undefined ? undefined : byKey.get(key);
    if (!found) warnings.push(`${KEY}: ${url} matches no story of this week's sources; ignored.`);
    else if (excluded.has(found.key) || picks.includes(found)) continue;
    else if (found.story.event) warnings.push(`${KEY}: ${url} is an event; only an events section shows it.`);
    else if (time(found.story.publishedAt) >= time(window.end)) {
      warnings.push(`${KEY}: ${url} was published after ${window.key} ended; ignored.`);
    } else picks.push(found);
  }
  return picks;
}
