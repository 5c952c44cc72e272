// Feed reading: a generated 50 MB RSS feed (WordPress-like items with content:encoded, Media RSS, dc:creator)
// read into stories by parseFeed, against the bare parse of the XML parser it is built on (saxes, with
// namespaces and positions, counting items and nothing else) on the same bytes in the same run. The ratio is
// what turning items into stories costs. Goals from issue 11: >= 10 MB/s, peak RSS <= 300 MB for the process.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { parseFeed } from '../src/sources/parse-feed.js';
import { fmt, mb, median, withPeakRss } from './measure.js';

export const name = 'feed reading';

const TARGET_BYTES = 50 * 1024 * 1024;
const PARAGRAPH =
  '<p>Regulators in Brussels said on Tuesday that the wallet would be accepted by every public service from ' +
  'December &amp; banks get another year. “It is the first of many,” said a spokesperson in Zürich.</p>';

/** Writes a feed of about `bytes` bytes; items are alike but not equal (links, dates, numbers differ). */
async function generateFeed(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let size = 0;
  const write = async (text: string) => {
    size += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">\n<channel><title>Bench</title>' +
      '<link>https://www.example.com/</link>\n',
  );
  const start = Date.UTC(2026, 10, 30);
  let items = 0;
  while (size < bytes) {
    const date = new Date(start - items * 60_000).toUTCString().replace('GMT', '+0000');
    await write(
      `<item><title>Story ${items} about &lt;identity&gt; &amp; wallets</title><link>https://www.example.com/2026/11/story-${items}/?utm_source=rss</link>` +
        `<guid isPermaLink="false">https://www.example.com/?p=${items}</guid><pubDate>${date}</pubDate><dc:creator><![CDATA[Jane Doe]]></dc:creator>` +
        `<category><![CDATA[News]]></category><category><![CDATA[Wallets]]></category><description><![CDATA[${PARAGRAPH}]]></description>` +
        `<content:encoded><![CDATA[${PARAGRAPH.repeat(6)}]]></content:encoded>` +
        `<media:content url="https://www.example.com/i/${items}.jpg" medium="image" width="1200" height="630"><media:description>Alt ${items}</media:description></media:content></item>\n`,
    );
    items++;
  }
  out.end('</channel></rss>\n');
  await once(out, 'finish');
  return items;
}

/** The bare parse: saxes over the same bytes, decoded in the same 1 MB pieces, counting items. */
function bareParse(body: Buffer): number {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let items = 0;
  parser.on('opentag', (tag) => {
    if (tag.local === 'item') items++;
  });
  const decoder = new TextDecoder();
  for (let i = 0; i < body.length; i += 1 << 20) parser.write(decoder.decode(body.subarray(i, i + (1 << 20)), { stream: true }));
  parser.close();
  return items;
}

interface Run {
  seconds: number;
  cpuSeconds: number;
  peakRss: number;
  items: number;
}

async function measure(work: () => number): Promise<Run> {
  global.gc?.();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { result, peakRss } = await withPeakRss(async () => work());
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRss, items: result };
}

function report(label: string, bytes: number, run: Run): void {
  console.log(
    `${label.padEnd(40)} ${fmt(bytes / 1e6 / run.seconds, 1).padStart(6)} MB/s ${fmt(run.items / run.seconds).padStart(8)} items/s ` +
      `${run.seconds.toFixed(2)} s (cpu ${run.cpuSeconds.toFixed(2)} s)   peak RSS ${mb(run.peakRss)}`,
  );
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'roundup-bench-feed-'));
  try {
    const path = join(dir, 'feed-50mb.xml');
    const count = await generateFeed(path, TARGET_BYTES);
    global.gc?.();
    const body = await readFile(path);
    console.log(`generated ${mb(body.length)} with ${fmt(count)} items; RSS with the feed in memory: ${mb(process.memoryUsage.rss())}`);

    // Ours first, so the baseline's garbage does not inflate our peak.
    const options = { source: 'bench', where: path, siteUrl: 'https://www.example.com/' };
    const runs: Run[] = [];
    for (let i = 0; i < 3; i++) {
      runs.push(
        await measure(() => {
          const result = parseFeed(body, options);
          if (result.items.length !== count) throw new Error(`read ${result.items.length} of ${count} items`);
          return result.items.length;
        }),
      );
    }
    const ours = { ...runs[0]!, seconds: median(runs.map((r) => r.seconds)), cpuSeconds: median(runs.map((r) => r.cpuSeconds)), peakRss: Math.max(...runs.map((r) => r.peakRss)) };
    report('roundup parseFeed -> stories (median of 3)', body.length, ours);

    const bare = await measure(() => bareParse(body));
    report('baseline: saxes bare parse', body.length, bare);
    console.log(
      `roundup / bare parse: ${(ours.seconds / bare.seconds).toFixed(2)}x the time, ${(ours.cpuSeconds / bare.cpuSeconds).toFixed(2)}x the cpu   ` +
        `goals: >= 10 MB/s (${fmt(body.length / 1e6 / ours.seconds, 1)}), peak RSS <= 300 MB (${mb(ours.peakRss)})`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
