import type { LoadedConfig } from '../config/index.js';
import { RoundupError } from '../errors.js';
import { latestCompleteWeek } from '../select/latest-complete-week.js';
import { weekWindow } from '../select/week-window.js';
import { createContentSource } from '../sources/create-content-source.js';
import type { WeekWindow } from '../types.js';

/**
 * The newest week the configured content covers: the week of the newest story that is not an event. The
 * demo uses it so that the bundled sample (whose stories end on a fixed date) always builds the same issue,
 * whatever today's date.
 */
export async function latestContentWeek(loaded: LoadedConfig, now: Date): Promise<WeekWindow> {
  const { config } = loaded;
  const window = latestCompleteWeek(now, config.site);
  let newest = Number.NEGATIVE_INFINITY;
  for (const cfg of config.content) {
    const source = createContentSource(cfg, { configDir: loaded.dir, issueKey: window.key });
    const { items } = await source.load({ window, siteUrl: config.site.url, now });
    for (const story of items) if (!story.event) newest = Math.max(newest, Date.parse(story.publishedAt));
  }
  if (!Number.isFinite(newest)) {
    throw new RoundupError('SOURCE_INVALID', `The content sources in ${loaded.file} hold no stories: nothing to build.`);
  }
  return weekWindow(new Date(newest), config.site);
}
