// Writes the bundled sample site "Identity Wire" (an invented biometrics and digital identity trade-news
// publication): feed, JSON stories, read counts in every supported format for 2026-W45..W48, gzipped nginx
// logs, PNG images and a subscriber list. Deterministic: a seeded PRNG, no clock, no network.
//
//   npx tsx config/sample/generate.ts            # rewrites config/sample/
//   npx tsx config/sample/generate.ts /tmp/out   # writes somewhere else
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { accessLog } from './generator/access-log.js';
import { weekReads } from './generator/audience.js';
import { SAMPLE_WEEKS } from './generator/calendar.js';
import { buildExtras } from './generator/extras.js';
import { feedXml } from './generator/feed-xml.js';
import { LOGO, STORY_IMAGES, renderPixels } from './generator/images.js';
import { encodePng } from './generator/png.js';
import { popularPostsJson } from './generator/popular-posts-json.js';
import { buildPosts } from './generator/posts.js';
import { ga4Csv, matomoCsv, plainCsv, plausibleCsv } from './generator/reads-files.js';
import { storiesJson } from './generator/stories-json.js';
import { subscribersCsv } from './generator/subscribers-csv.js';

/** The first WordPress post id of the sample's articles. */
const FIRST_POST_ID = 48_211;

/** One file the generator wrote: its path relative to the output folder, and its size. */
export interface GeneratedFile {
  path: string;
  bytes: number;
}

/** Generates every sample file into `outDir` (created if missing) and lists what it wrote, in write order. */
export function generateSample(outDir: string): GeneratedFile[] {
  const written: GeneratedFile[] = [];
  const sizes = new Map<string, number>();
  const write = (path: string, data: string | Uint8Array): void => {
    const full = join(outDir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    sizes.set(path, bytes);
    written.push({ path, bytes });
  };

  for (const spec of [...STORY_IMAGES, LOGO]) {
    write(`media/${spec.name}.png`, encodePng(renderPixels(spec), spec.width, spec.height));
  }
  const posts = buildPosts(FIRST_POST_ID);
  const extras = buildExtras((posts.at(-1)?.id ?? FIRST_POST_ID) + 1);
  const articles = [...posts, ...extras].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());

  write('feed.xml', feedXml(posts));
  write('stories.json', storiesJson(extras));
  for (const week of SAMPLE_WEEKS) {
    const reads = weekReads(articles, week);
    write(`reads/ga4-${week.key}.csv`, ga4Csv(reads, week));
    write(`reads/plausible-${week.key}.csv`, plausibleCsv(reads, week));
    write(`reads/matomo-${week.key}.csv`, matomoCsv(reads, week));
    write(`reads/plain-${week.key}.csv`, plainCsv(reads, week));
    write(`reads/wpp-${week.key}.json`, popularPostsJson(reads, week));
    const log = accessLog(articles, week, (file) => sizes.get(file) ?? 0);
    write(`logs/access-${week.key}.log.gz`, gzipSync(log, { level: 9 }));
  }
  write('subscribers.csv', subscribersCsv());
  return written;
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  const outDir = resolve(process.argv[2] ?? dirname(fileURLToPath(import.meta.url)));
  const files = generateSample(outDir);
  const total = files.reduce((s, f) => s + f.bytes, 0);
  console.log(`Wrote ${files.length} files (${(total / 1024).toFixed(0)} KiB) to ${outDir}`);
}
