// Access-log read counting: throughput (MB/s, lines/s) and peak memory on generated combined-format logs of
// 1,000,000 and 2,000,000 lines, against a naive baseline (readline + one regex + isbot per line) run on the
// same file in the same process. Memory should not grow with the log: the 2M/1M peak-RSS ratio shows it.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isbot } from 'isbot';
import { accessLogReads } from '../src/sources/reads/access-log-reads.js';
import { pathKey } from '../src/sources/url.js';
import type { ReadCount, SourceContext } from '../src/types.js';
import { fmt, mb, median, withPeakRss } from './measure.js';

export const name = 'access-log read counts';

const WINDOW = {
  key: '2026-W48',
  start: '2026-11-23T00:00:00+00:00',
  end: '2026-11-30T00:00:00+00:00',
  timeZone: 'Europe/London',
  hours: 168,
};

/** mulberry32: a small deterministic PRNG, so every run generates the same log. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECTIONS = ['news', 'opinion', 'events', 'whitepapers', 'features'];
const STORIES = Array.from({ length: 200 }, (_, i) => `/${SECTIONS[i % SECTIONS.length]}/2026/11/story-number-${i}-about-digital-identity-and-biometrics/`);
const ASSETS = [
  '/wp-content/themes/wire/style.css?ver=6.7.1', '/wp-content/themes/wire/js/app.js?ver=6.7.1', '/wp-includes/js/jquery/jquery.min.js?ver=3.7.1',
  '/wp-content/uploads/2026/11/hero-image-1200x630.jpg', '/favicon.ico', '/wp-content/plugins/wpp/assets/js/wpp.min.js?ver=7.1.0',
  '/wp-content/uploads/2026/11/logo.svg', '/wp-content/themes/wire/fonts/inter-var.woff2', '/robots.txt', '/sitemap_index.xml',
];
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
];
const BOTS = [
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/131.0.6778.69 Safari/537.36',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'python-requests/2.32.3',
  'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 12 subscribers; like FeedFetcher-Google)',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Writes a realistic combined log of `lines` lines, spread evenly over nine days around the window. */
async function generateLog(path: string, lines: number): Promise<void> {
  const random = prng(48);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // 40,000 visitors: the count of distinct readers does not grow with the log's length, as in a real week.
  const visitors = Array.from({ length: 40_000 }, (_, i) => ({
    ip: `${10 + (i % 200)}.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255}`,
    agent: `${pick(BROWSERS)}${i % 3 === 0 ? '' : ` Build/${i % 97}`}`,
  }));
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const startMs = Date.parse('2026-11-22T00:00:00Z');
  const stepMs = (9 * 86_400_000) / lines;
  let batch: string[] = [];
  let minute = -1;
  let minuteText = '';
  for (let i = 0; i < lines; i++) {
    const ms = startMs + Math.floor(i * stepMs);
    if (Math.floor(ms / 60_000) !== minute) {
      minute = Math.floor(ms / 60_000);
      const d = new Date(minute * 60_000);
      minuteText = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    }
    const time = `${minuteText}:${pad(Math.floor(ms / 1000) % 60)} +0000`;
    const r = random();
    const visitor = pick(visitors);
    let ip = visitor.ip;
    let agent = visitor.agent;
    let request: string;
    let status = 200;
    if (r < 0.4) {
      request = `GET ${pick(ASSETS)} HTTP/2.0`;
      if (random() < 0.3) status = 304;
    } else if (r < 0.55) {
      agent = pick(BOTS);
      ip = `66.249.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`;
      request = `GET ${pick(STORIES)} HTTP/1.1`;
    } else if (r < 0.6) {
      request = `GET /${pick(SECTIONS)}/no-such-page-${Math.floor(random() * 5000)}/ HTTP/1.1`;
      status = 404;
    } else if (r < 0.62) {
      request = 'POST /wp-admin/admin-ajax.php HTTP/1.1';
    } else {
      const story = pick(STORIES);
      const q = random();
      request = `GET ${q < 0.1 ? `${story}?utm_source=newsletter&utm_medium=email` : q < 0.15 ? story.slice(0, -1) : story} HTTP/2.0`;
    }
    batch.push(`${ip} - - [${time}] "${request}" ${status} ${1000 + Math.floor(random() * 40000)} "https://www.identitywire.example/" "${agent}"\n`);
    if (batch.length === 5000) {
      if (!out.write(batch.join(''))) await once(out, 'drain');
      batch = [];
    }
  }
  out.end(batch.join(''));
  await once(out, 'finish');
}

/** The obvious way: readline, one regex, isbot and Date.parse on every line, string keys for repeats. */
async function naiveCount(path: string, ctx: SourceContext): Promise<ReadCount[]> {
  const LINE = /^(\S+) \S+ \S+ \[([^\]]+)\] "(\S+) (\S+)[^"]*" (\d{3}) \S+ "[^"]*" "([^"]*)"/;
  const start = Date.parse(ctx.window.start);
  const end = Date.parse(ctx.window.end);
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, ip, stamp, method, target, status, agent] = m as unknown as string[];
    if (method !== 'GET' || !(status!.startsWith('2') || status === '304')) continue;
    const time = Date.parse(stamp!.replace(/^(\d+)\/(\w+)\/(\d+):(\d+:\d+:\d+) /, '$1 $2 $3 $4 '));
    if (!(time >= start && time < end)) continue;
    const path = pathKey(target!);
    if (/\/wp-(content|includes|admin)\/|\.(css|js|png|jpg|svg|ico|xml|txt|woff2?|json)$/.test(path)) continue;
    if (ctx.storyPaths && !ctx.storyPaths.has(path)) continue;
    if (isbot(agent!)) continue;
    const key = `${ip}|${agent}|${new Date(time).toISOString().slice(0, 10)}|${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return [...counts].map(([p, views]) => ({ page: p, views }));
}

interface Run {
  seconds: number;
  /** CPU seconds (user + system): the machine may be shared, and this shows the work itself. */
  cpuSeconds: number;
  peakRss: number;
  rssBefore: number;
  items: ReadCount[];
}

async function measure(work: () => Promise<ReadCount[]>): Promise<Run> {
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { result, peakRss } = await withPeakRss(work);
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRss, rssBefore, items: result };
}

function report(label: string, bytes: number, lines: number, run: Run): void {
  console.log(
    `${label.padEnd(34)} ${fmt(bytes / 1e6 / run.seconds, 1).padStart(7)} MB/s ${fmt(lines / run.seconds).padStart(11)} lines/s ` +
      `${run.seconds.toFixed(2)} s (cpu ${run.cpuSeconds.toFixed(2)} s)   peak RSS ${mb(run.peakRss)} (+${mb(Math.max(0, run.peakRss - run.rssBefore))} over start)`,
  );
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'roundup-bench-log-'));
  try {
    const small = join(dir, 'access-1m.log');
    const large = join(dir, 'access-2m.log');
    const g0 = performance.now();
    await generateLog(small, 1_000_000);
    await generateLog(large, 2_000_000);
    const smallBytes = (await stat(small)).size;
    const largeBytes = (await stat(large)).size;
    console.log(`generated ${mb(smallBytes)} (1M lines) and ${mb(largeBytes)} (2M lines) in ${((performance.now() - g0) / 1000).toFixed(1)} s`);

    const storyPaths = new Set(STORIES.map(pathKey));
    const ctx: SourceContext = { window: WINDOW, siteUrl: 'https://www.identitywire.example', now: new Date('2026-11-30T06:00:00Z'), storyPaths };
    const ours = (path: string, c: SourceContext) => async () => (await accessLogReads({ name: 'bench', paths: [path] }).load(c)).items;

    // Ours first, so the baseline's memory does not inflate our peaks.
    const runs: Run[] = [];
    for (let i = 0; i < 3; i++) runs.push(await measure(ours(small, ctx)));
    const best = runs.sort((a, b) => a.seconds - b.seconds)[0]!;
    const mid = { ...best, seconds: median(runs.map((r) => r.seconds)), cpuSeconds: median(runs.map((r) => r.cpuSeconds)) };
    report('roundup, 1M lines (median of 3)', smallBytes, 1_000_000, mid);
    const big = await measure(ours(large, ctx));
    report('roundup, 2M lines', largeBytes, 2_000_000, big);
    const noStories = await measure(ours(small, { ...ctx, storyPaths: undefined }));
    report('roundup, 1M lines, no storyPaths', smallBytes, 1_000_000, noStories);

    const naive = await measure(() => naiveCount(small, ctx));
    report('baseline readline+regex+isbot, 1M', smallBytes, 1_000_000, naive);
    const total = (items: ReadCount[]) => items.reduce((sum, r) => sum + r.views, 0);

    console.log(
      `speed vs baseline: ${(naive.seconds / mid.seconds).toFixed(1)}x wall, ${(naive.cpuSeconds / mid.cpuSeconds).toFixed(1)}x cpu   ` +
        `throughput by cpu time: ${fmt(smallBytes / 1e6 / mid.cpuSeconds, 1)} MB/s (1M), ${fmt(largeBytes / 1e6 / big.cpuSeconds, 1)} MB/s (2M)`,
    );
    // What grows is the set of distinct (visitor, day, story) reads, not the lines: each costs ~40 bytes.
    console.log(
      `peak RSS 2M/1M: ${(big.peakRss / best.peakRss).toFixed(2)} (growth ${mb(big.peakRss - best.peakRss)}; ` +
        `distinct reads ${fmt(total(mid.items))} -> ${fmt(total(big.items))})   baseline counted ${fmt(total(naive.items))} (UTC days)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
