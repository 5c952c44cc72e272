// Counts reads from access-log lines: the pure middle of the access-log source (no I/O; lines come in,
// ReadCounts go out), so every rule can be tested line by line.
//
// A read is a line that parses as "combined" format and is
//   - a GET (not HEAD, POST, ...) answered 2xx or 304,
//   - timed inside the window [start, end) (the line's own offset is honoured),
//   - for a page, not an asset (see isAssetPath), and one of ctx.storyPaths when given,
//   - from a browser (isbot says no; an empty user agent is a bot),
//   - the first by that visitor (address + user agent) for that page on that day. A day is a calendar day in
//     the window's time zone (the digest's readers think in local days; see windowDays).
// Query strings and trailing slashes do not split a page, except the parameters that name one
// (`site.identityParams`, e.g. WordPress `?p=123`); percent-encoding is normalised (pageKey).
//
// Memory: the counter keeps, per counted page, the set of (visitor, day) hashes; with storyPaths that is at
// most stories x visitors x days numbers, whatever the log's length. Caches (path keys, bot verdicts) are
// bounded.
import type { ReadCount, SourceResult, WeekWindow } from '../../types.js';
import { DEFAULT_IDENTITY_PARAMS } from '../../config/site-schema.js';
import { pageKey } from '../url.js';
import { showText } from '../../text/show-text.js';
import { cachedIsBot } from './cached-is-bot.js';
import { MAX_LINE_BYTES } from './for-each-line.js';
import { copyString } from './copy-string.js';
import { isAssetPath } from './is-asset-path.js';
import { LogTimeParser } from './log-time.js';
import { emptyLogLine, parseLogLine } from './parse-log-line.js';
import { ProblemList } from './problem-list.js';
import { sortReads } from './sum-reads.js';
import { hashRange, visitorHash } from './visitor-hash.js';
import { dayIndex, windowDays, type WindowDays } from './window-days.js';

export interface AccessLogCounterOptions {
  /** Source name, for problems. */
  source: string;
  window: WeekWindow;
  /** Page keys of the stories: other pages are not counted. */
  storyPaths?: ReadonlySet<string> | undefined;
  /** Query parameters that name a page (config `site.identityParams`). */
  identityParams?: readonly string[] | undefined;
  /** Unparseable lines kept as problems with their line number (default 20); the rest are counted. */
  maxProblems?: number;
}

const PATH_CACHE_SIZE = 50_000;

export class AccessLogCounter {
  private readonly days: WindowDays;
  private readonly storyPaths: ReadonlySet<string> | undefined;
  private readonly problems: ProblemList;
  private readonly times = new LogTimeParser();
  private readonly line = emptyLogLine();
  private readonly isBot = cachedIsBot();
  private readonly identityParams: readonly string[];
  /** Finds a query that holds an identity parameter (`?p=` or `&p=`), so other queries can be cut off cheaply. */
  private readonly identityQuery: RegExp | undefined;
  /** Raw request target (path, and the query when it names the page) -> page key, or '' for an asset. */
  private readonly keys = new Map<string, string>();
  /** Path key -> hashes of the (visitor, day) pairs that read it. */
  private readonly seen = new Map<string, Set<number>>();
  /** Lines looked at, parseable or not (blank lines aside). */
  lines = 0;

  constructor(options: AccessLogCounterOptions) {
    this.days = windowDays(options.window);
    this.storyPaths = options.storyPaths;
    this.identityParams = options.identityParams ?? DEFAULT_IDENTITY_PARAMS;
    const names = this.identityParams.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.identityQuery = names.length > 0 ? new RegExp(`[?&](?:${names.join('|')})=`) : undefined;
    this.problems = new ProblemList(options.source, options.maxProblems ?? 20);
  }

  /**
   * Looks at one line; `file` and `lineNumber` say where it was, for problems. `bytes` is the line's whole
   * length when the reader had to cut it (see forEachLine).
   */
  add(text: string, file: string, lineNumber: number, bytes = 0): void {
    if (text.length === 0) return;
    this.lines++;
    if (bytes > MAX_LINE_BYTES) {
      this.problems.add(`${file}:${lineNumber}`, `line is ${bytes.toLocaleString('en-US')} bytes long, over the ${MAX_LINE_BYTES / 1024} KiB a log line may have; skipped`);
      return;
    }
    const p = this.line;
    if (!parseLogLine(text, p, this.times)) {
      this.problems.add(`${file}:${lineNumber}`, `not a combined-format log line: ${showText(text.slice(0, 200), 80)}`);
      return;
    }
    if (p.methodEnd - p.requestStart !== 3 || !text.startsWith('GET', p.requestStart)) return;
    if (p.status !== 304 && (p.status < 200 || p.status > 299)) return;
    if (p.time < this.days.start || p.time >= this.days.end) return;

    const query = text.indexOf('?', p.targetStart);
    let rawEnd = p.targetEnd;
    if (query >= 0 && query < p.targetEnd) {
      // Most queries only track a click: cut them off, unless one names the page.
      const named = this.identityQuery?.test(text.slice(query, p.targetEnd)) ?? false;
      if (!named) rawEnd = query;
    }
    const path = this.pageKey(text.slice(p.targetStart, rawEnd));
    if (path === '' || (this.storyPaths !== undefined && !this.storyPaths.has(path))) return;
    const agentHash = hashRange(text, p.agentStart, p.agentEnd);
    if (this.isBot(agentHash, () => text.slice(p.agentStart, p.agentEnd))) return;

    const visitor = visitorHash(text, p.ipEnd, agentHash, dayIndex(this.days, p.time));
    let visitors = this.seen.get(path);
    if (visitors === undefined) {
      visitors = new Set();
      this.seen.set(path, visitors);
    }
    visitors.add(visitor);
  }

  /** The reads counted so far, most read first, with the unparseable lines as problems. */
  result(): SourceResult<ReadCount> & { skipped: number } {
    const totals = new Map<string, number>();
    for (const [path, visitors] of this.seen) totals.set(path, visitors.size);
    return { items: sortReads(totals), problems: this.problems.list('unparseable lines'), skipped: this.problems.count };
  }

  /** Page key of a raw request target, '' for assets; cached, because a week repeats the same paths. */
  private pageKey(raw: string): string {
    let key = this.keys.get(raw);
    if (key === undefined) {
      key = raw === '' ? '' : pageKey(raw, this.identityParams);
      if (isAssetKey(key)) key = '';
      if (this.keys.size >= PATH_CACHE_SIZE) this.keys.clear();
      this.keys.set(copyString(raw), copyString(key));
    }
    return key;
  }
}

/** An asset by its path; `/index.php?p=123` (WordPress plain permalinks written out) stays a page. */
function isAssetKey(key: string): boolean {
  const query = key.indexOf('?');
  if (query < 0) return isAssetPath(key);
  const path = key.slice(0, query);
  return isAssetPath(path) && path.toLowerCase() !== '/index.php';
}
