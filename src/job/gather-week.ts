import { join } from 'node:path';
import { dataDir, type LoadedConfig, type RoundupEnv } from '../config/index.js';
import type { ReadSourceConfig } from '../config/sources-schema.js';
import { isRoundupError, errorMessage } from '../errors.js';
import type { SourceReads } from '../select/match-reads.js';
import { weekWindow } from '../select/week-window.js';
import { createContentSource } from '../sources/create-content-source.js';
import type { RetryOptions } from '../sources/reads/api-client.js';
import { createReadSource } from '../sources/reads/create-read-source.js';
import { readRecord, recordedReads, recordFile } from '../sources/reads/reads-cache.js';
import { mergeStories } from '../sources/merge-stories.js';
import { pageKey } from '../sources/url.js';
import type { ContentSource, ReadCount, ReadSource, SourceContext, SourceResult, SourceSummary, Story } from '../types.js';
import { readsWarnings, type ReadReport } from './reads-warnings.js';

/** Everything the sources said about one week. */
export interface GatheredWeek {
  stories: Story[];
  /** What each read source that could be read counted, in config order. */
  reads: SourceReads[];
  sources: SourceSummary[];
  /** What looks wrong with the week's reads (none, far below last week's) and the sources' own warnings. */
  warnings: string[];
}

export interface GatherOptions {
  /** The environment: the analytics APIs' secrets, and ROUNDUP_DB, beside which answers are kept. */
  env?: Pick<RoundupEnv, 'db' | 'analytics'> | undefined;
  /** Ask the analytics APIs again instead of using kept answers (`roundup build --refresh-reads`). */
  refreshReads?: boolean | undefined;
  /** How the analytics APIs retry (tests make the waits instant). */
  retry?: Partial<RetryOptions> | undefined;
}

interface Runnable<T> {
  source: ContentSource | ReadSource;
  type: string;
  optional: boolean;
  load(ctx: SourceContext): Promise<SourceResult<T>>;
}

/** How long after a week ends each analytics tool's counts are final (see reads-cache.ts). */
const SETTLE_HOURS: Record<ReadSourceConfig['type'], number> = {
  ga4: 48,
  matomo: 24,
  plausible: 1,
  csv: 0,
  'access-log': 0,
  'wordpress-popular-posts': 0,
};
const APIS = new Set<ReadSourceConfig['type']>(['ga4', 'plausible', 'matomo']);

/**
 * Runs every configured content source, then every read source (they may use the stories' page keys), and
 * summarises how each did. A source that cannot be read fails the build unless config marks it optional;
 * bad items inside a source are skipped by the source and counted here. With a data folder (a database file in
 * ROUNDUP_DB), read answers are kept there: the APIs' are reused, and last week's totals are compared with.
 */
export async function gatherWeek(
  loaded: LoadedConfig,
  ctx: Omit<SourceContext, 'storyPaths'>,
  options: GatherOptions = {},
): Promise<GatheredWeek> {
  const { config, dir } = loaded;
  const factoryCtx = { configDir: dir, issueKey: ctx.window.key, secrets: options.env?.analytics, retry: options.retry };
  const sources: SourceSummary[] = [];

  const contentRuns: Runnable<Story>[] = config.content.map((cfg) => {
    const source = createContentSource(cfg, factoryCtx);
    return { source, type: cfg.type, optional: cfg.optional, load: (c) => source.load(c) };
  });
  const storyLists = await runAll('content', contentRuns, ctx, sources);
  const identityParams = config.site.identityParams;
  const stories = mergeStories(storyLists.map((l) => l.items), identityParams);

  const data = options.env ? dataDir(options.env) : undefined;
  const cacheDir = data === undefined ? undefined : join(data, 'cache', 'reads');
  const storyPaths = new Set(stories.map((s) => pageKey(s.url, identityParams)));
  const readRuns: Runnable<ReadCount>[] = config.reads.map((cfg) => {
    const made = createReadSource(cfg, factoryCtx);
    const { name: _name, optional: _optional, ...query } = cfg;
    const source =
      cacheDir === undefined
        ? made
        : recordedReads(made, { dir: cacheDir, query: JSON.stringify(query), reuse: APIS.has(cfg.type), settleHours: SETTLE_HOURS[cfg.type] });
    return { source, type: cfg.type, optional: cfg.optional, load: (c) => source.load(c) };
  });
  const readCtx = { ...ctx, storyPaths, identityParams, refresh: options.refreshReads === true };
  const reads = (await runAll('reads', readRuns, readCtx, sources)).map((l) => ({ source: l.name, items: l.items }));

  const reports = sources.filter((s) => s.kind === 'reads').map((s) => readReport(s, cacheDir, ctx, config.site));
  const weekOver = ctx.now.getTime() >= Date.parse(ctx.window.end);
  const own = sources.flatMap((s) => (s.warnings ?? []).map((w) => `${s.name}: ${w}`));
  return { stories, reads, sources, warnings: [...readsWarnings(ctx.window.key, reports, weekOver), ...own] };
}

/** A read source's summary as readsWarnings wants it, with last week's totals when a record of them was kept. */
function readReport(
  s: SourceSummary,
  cacheDir: string | undefined,
  ctx: Omit<SourceContext, 'storyPaths'>,
  site: LoadedConfig['config']['site'],
): ReadReport {
  const report: ReadReport = { name: s.name, type: s.type, pages: s.items, views: s.views ?? 0, failed: s.failed };
  if (cacheDir === undefined) return report;
  const lastWeek = weekWindow(new Date(Date.parse(ctx.window.start) - 1), site).key;
  const kept = readRecord(recordFile(cacheDir, s.name, lastWeek));
  if (kept?.complete) report.previous = { week: lastWeek, pages: kept.pages, views: kept.views };
  return report;
}

async function runAll<T>(
  kind: SourceSummary['kind'],
  runs: Runnable<T>[],
  ctx: SourceContext,
  summaries: SourceSummary[],
): Promise<{ name: string; items: T[] }[]> {
  // Sources are independent: read them concurrently, report them in config order.
  const settled = await Promise.allSettled(runs.map((run) => run.load(ctx)));
  const lists: { name: string; items: T[] }[] = [];
  settled.forEach((outcome, i) => {
    const run = runs[i]!;
    const base = { name: run.source.name, kind, type: run.type, location: run.source.location };
    if (outcome.status === 'fulfilled') {
      const { items, problems, skipped, warnings, fetchedAt, notes, replacedBytes } = outcome.value;
      lists.push({ name: run.source.name, items });
      const summary: SourceSummary = { ...base, items: items.length, skipped: skipped ?? problems.length, problems };
      if (kind === 'reads') summary.views = (items as ReadCount[]).reduce((n, r) => n + r.views, 0);
      if (fetchedAt !== undefined) summary.cached = fetchedAt;
      if (warnings?.length) summary.warnings = warnings;
      if (notes && notes.length > 0) summary.notes = notes;
      if (replacedBytes) summary.replacedBytes = replacedBytes;
      summaries.push(summary);
      return;
    }
    if (!run.optional || !isRoundupError(outcome.reason)) throw outcome.reason;
    summaries.push({ ...base, items: 0, skipped: 0, failed: errorMessage(outcome.reason), problems: [], ...(kind === 'reads' ? { views: 0 } : {}) });
  });
  return lists;
}
