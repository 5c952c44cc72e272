import { isRoundupError, errorMessage } from '../errors.js';
import type { LoadedConfig } from '../config/index.js';
import type { ContentSource, ReadCount, ReadSource, SourceContext, SourceResult, SourceSummary, Story } from '../types.js';
import { createContentSource } from '../sources/create-content-source.js';
import { createReadSource } from '../sources/reads/create-read-source.js';
import { mergeStories } from '../sources/merge-stories.js';
import { pathKey } from '../sources/url.js';

/** Everything the sources said about one week. */
export interface GatheredWeek {
  stories: Story[];
  /** One list per read source that could be read, in config order. */
  reads: ReadCount[][];
  sources: SourceSummary[];
}

interface Runnable<T> {
  source: ContentSource | ReadSource;
  type: string;
  optional: boolean;
  load(ctx: SourceContext): Promise<SourceResult<T>>;
}

/**
 * Runs every configured content source, then every read source (they may use the stories' paths), and
 * summarises how each did. A source that cannot be read fails the build unless config marks it optional;
 * bad items inside a source are skipped by the source and counted here.
 */
export async function gatherWeek(loaded: LoadedConfig, ctx: Omit<SourceContext, 'storyPaths'>): Promise<GatheredWeek> {
  const { config, dir } = loaded;
  const factoryCtx = { configDir: dir, issueKey: ctx.window.key };
  const sources: SourceSummary[] = [];

  const contentRuns: Runnable<Story>[] = config.content.map((cfg) => {
    const source = createContentSource(cfg, factoryCtx);
    return { source, type: cfg.type, optional: cfg.optional, load: (c) => source.load(c) };
  });
  const storyLists = await runAll('content', contentRuns, ctx, sources);
  const stories = mergeStories(storyLists);

  const storyPaths = new Set(stories.map((s) => pathKey(s.url)));
  const readRuns: Runnable<ReadCount>[] = config.reads.map((cfg) => {
    const source = createReadSource(cfg, factoryCtx);
    return { source, type: cfg.type, optional: cfg.optional, load: (c) => source.load(c) };
  });
  const reads = await runAll('reads', readRuns, { ...ctx, storyPaths }, sources);

  return { stories, reads, sources };
}

async function runAll<T>(
  kind: SourceSummary['kind'],
  runs: Runnable<T>[],
  ctx: SourceContext,
  summaries: SourceSummary[],
): Promise<T[][]> {
  // Sources are independent: read them concurrently, report them in config order.
  const settled = await Promise.allSettled(runs.map((run) => run.load(ctx)));
  const lists: T[][] = [];
  settled.forEach((outcome, i) => {
    const run = runs[i]!;
    const base = { name: run.source.name, kind, type: run.type, location: run.source.location };
    if (outcome.status === 'fulfilled') {
      lists.push(outcome.value.items);
      const { items, problems, skipped, notes, replacedBytes } = outcome.value;
      summaries.push({
        ...base,
        items: items.length,
        skipped: skipped ?? problems.length,
        problems,
        ...(notes && notes.length > 0 ? { notes } : {}),
        ...(replacedBytes ? { replacedBytes } : {}),
      });
      return;
    }
    if (!run.optional || !isRoundupError(outcome.reason)) throw outcome.reason;
    summaries.push({ ...base, items: 0, skipped: 0, failed: errorMessage(outcome.reason), problems: [] });
  });
  return lists;
}
