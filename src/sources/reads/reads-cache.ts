// What each read source answered for a week, kept in the data folder (beside the SQLite database):
//   <data>/cache/reads/<source>/<week>.json
// Two uses:
// - the analytics APIs' answers are reused, so rebuilding a week (preview reloads, `roundup run` retries) does
//   not ask the API again. An answer fetched once the week had settled (the week over, plus the time the tool
//   takes to finish counting: GA4 48 h, Matomo 24 h, Plausible 1 h) is kept until `--refresh-reads`; one fetched
//   earlier (the week in progress, or just over) is reused for an hour only, then fetched again.
// - every read source's total is there for the next week's build to compare with (see readsWarnings).
// A record is only reused for the same query (type, property or site, dimension, metric ...): change the config
// and the week is fetched again. Records hold no secrets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadCount, ReadSource, SourceContext, SourceResult } from '../../types.js';
import { writeFileAtomic } from '../../write-file-atomic.js';

const VERSION = 1;
const HOUR_MS = 3_600_000;
/** How long an answer fetched before its week settled is reused. */
export const UNSETTLED_REUSE_MS = HOUR_MS;

export interface ReadsRecord {
  version: typeof VERSION;
  source: string;
  week: string;
  /** The source's query, as config describes it: a record for another query is not reused. */
  query: string;
  fetchedAt: string;
  /** Fetched after the week ended: its totals describe the whole week. */
  complete: boolean;
  /** Fetched after the week settled: reused until `--refresh-reads`. */
  settled: boolean;
  pages: number;
  views: number;
  result: SourceResult<ReadCount>;
}

export interface RecordOptions {
  /** `<data>/cache/reads`. */
  dir: string;
  /** The source's config without `name` and `optional`, as JSON. */
  query: string;
  /** Reuse a recorded answer (the analytics APIs) or always load (files, logs, Popular Posts). */
  reuse: boolean;
  /** Hours after the week's end until the tool's counts are final. */
  settleHours: number;
}

/** The record file of a source's week; the source name is made safe for a file name. */
export function recordFile(dir: string, source: string, week: string): string {
  const safe = source.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[.-]+|-+$/g, '') || 'source';
  return join(dir, safe, `${week}.json`);
}

/** A record, or undefined when there is none or it cannot be read (it is then simply made again). */
export function readRecord(file: string): ReadsRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as ReadsRecord;
    return record.version === VERSION && Array.isArray(record.result?.items) ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `source`, recording every answer; with `reuse`, a recorded answer for the same query is returned instead of
 * loading while it is valid (see the top of this file), unless `ctx.refresh`. A reused answer says when it was
 * fetched (`fetchedAt`).
 */
export function recordedReads(source: ReadSource, o: RecordOptions): ReadSource {
  return {
    name: source.name,
    location: source.location,
    async load(ctx: SourceContext): Promise<SourceResult<ReadCount>> {
      const file = recordFile(o.dir, source.name, ctx.window.key);
      const now = ctx.now.getTime();
      const kept = readRecord(file);
      if (o.reuse && !ctx.refresh) {
        const fresh = kept !== undefined && (kept.settled || now - Date.parse(kept.fetchedAt) < UNSETTLED_REUSE_MS);
        if (kept && kept.query === o.query && fresh) return { ...kept.result, fetchedAt: kept.fetchedAt };
      }
      const result = await source.load(ctx);
      const end = Date.parse(ctx.window.end);
      const record: ReadsRecord = {
        version: VERSION,
        source: source.name,
        week: ctx.window.key,
        query: o.query,
        fetchedAt: ctx.now.toISOString(),
        complete: now >= end,
        settled: now >= end + o.settleHours * HOUR_MS,
        pages: result.items.length,
        views: result.items.reduce((n, r) => n + r.views, 0),
        result,
      };
      // A file or log read again to the same answer leaves its record alone (fewer writes, nothing for a file
      // watcher to see). An API's record is always rewritten: its fetch time decides how long it is reused.
      const same = !o.reuse && kept?.query === o.query && kept.complete === record.complete &&
        JSON.stringify(kept.result) === JSON.stringify(result);
      if (same) return result;
      try {
        writeFileAtomic(file, `${JSON.stringify(record)}\n`);
      } catch (error) {
        // Not keeping an answer costs a request next time; it must not cost the build.
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        const note = `could not keep this answer in ${file} (${code}): the next build asks again. Check that the data folder (beside ROUNDUP_DB) is writable.`;
        return { ...result, warnings: [...(result.warnings ?? []), note] };
      }
      return result;
    },
  };
}
