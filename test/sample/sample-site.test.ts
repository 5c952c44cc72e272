// The bundled sample site: the committed files are exactly what config/sample/generate.ts writes (so data
// and generator never drift), and the data has the shape the rest of Roundup and its tests rely on.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync, inflateSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample, type GeneratedFile } from '../../config/sample/generate.js';
import { crc32 } from '../../config/sample/generator/png.js';

const SAMPLE = join(import.meta.dirname, '../../config/sample');
const WEEKS = ['2026-W45', '2026-W46', '2026-W47', '2026-W48'];
/** Files in config/sample that are not generator output. */
const NOT_OUTPUT = new Set(['generate.ts', 'README.md']);

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generator' && dir === root ? [] : listFiles(full, root);
    return [relative(root, full).split('\\').join('/')];
  });
}

interface Png {
  width: number;
  height: number;
  ihdr: Buffer;
  pixels: Buffer;
}

/** Reads a PNG, checking the signature and every chunk's CRC; returns IHDR and the inflated image data. */
function readPng(bytes: Buffer): Png {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let at = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)));
    if (type === 'IHDR') ihdr = Buffer.from(body);
    if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  if (!ihdr) throw new Error('PNG without IHDR');
  return { width: ihdr.readUInt32BE(0), height: ihdr.readUInt32BE(4), ihdr, pixels: inflateSync(Buffer.concat(idat)) };
}

/** ISO week key of a date in UTC (= Europe/London in November). */
function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const read = (path: string): Buffer => readFileSync(join(SAMPLE, path));
const text = (path: string): string => read(path).toString('utf8');

describe('sample site (config/sample)', () => {
  let out: string;
  let generated: GeneratedFile[];

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'roundup-sample-'));
    generated = generateSample(out);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('committed files are exactly what the generator writes', () => {
    const committed = listFiles(SAMPLE).filter((f) => !NOT_OUTPUT.has(f)).sort();
    expect(generated.map((f) => f.path).sort()).toEqual(committed);
    for (const file of committed) {
      const mine = readFileSync(join(out, file));
      const theirs = read(file);
      // gzip and deflate output depends on the zlib build (Node version, CPU): compare what they hold.
      if (file.endsWith('.gz')) expect(gunzipSync(mine).equals(gunzipSync(theirs)), file).toBe(true);
      else if (file.endsWith('.png')) {
        const [a, b] = [readPng(mine), readPng(theirs)];
        expect(a.ihdr.equals(b.ihdr) && a.pixels.equals(b.pixels), file).toBe(true);
      } else expect(mine.equals(theirs), `${file} differs: run npx tsx config/sample/generate.ts`).toBe(true);
    }
  });

  it('stays under 3 MB in all', () => {
    const total = generated.reduce((s, f) => s + f.bytes, 0);
    expect(total).toBeLessThan(3 * 1024 * 1024);
  });

  it('feed.xml: >= 60 articles over the four weeks, newest first, with the categories the sections need', () => {
    const xml = new XMLParser({ ignoreAttributes: false, cdataPropName: '#cdata' }).parse(text('feed.xml'));
    const items = xml.rss.channel.item as Record<string, unknown>[];
    expect(items.length).toBeGreaterThanOrEqual(60);
    const dates = items.map((i) => new Date(String(i.pubDate)));
    expect(dates.every((d, k) => k === 0 || d <= (dates[k - 1] as Date))).toBe(true);
    const byWeek = new Map<string, { n: number; categories: string[] }>();
    items.forEach((item, k) => {
      const week = isoWeek(dates[k] as Date);
      const categories = ([] as { '#cdata': string }[]).concat(item.category as never).map((c) => c['#cdata']);
      const entry = byWeek.get(week) ?? { n: 0, categories: [] };
      entry.n += 1;
      entry.categories.push(...categories);
      byWeek.set(week, entry);
      expect(String(item.link)).toMatch(/^https:\/\/www\.identitywire\.example\/2026\/11\/\d\d\/[a-z0-9-]+\/$/);
      expect((item.guid as Record<string, string>)['#text']).toMatch(/^https:\/\/www\.identitywire\.example\/\?p=\d+$/);
      expect((item.description as { '#cdata': string })['#cdata']).toMatch(/ \[&#8230;\]$/);
    });
    expect([...byWeek.keys()].sort()).toEqual(WEEKS);
    for (const [week, { n, categories }] of byWeek) {
      const count = (c: string): number => categories.filter((x) => x === c).length;
      expect(n, week).toBeGreaterThanOrEqual(15);
      expect(n, week).toBeLessThanOrEqual(22);
      expect(count('Opinion'), week).toBeGreaterThanOrEqual(3);
      expect(count('Digital ID'), week).toBeGreaterThanOrEqual(3);
      expect(count('editors-pick'), week).toBeGreaterThanOrEqual(1);
      expect(count('editors-pick'), week).toBeLessThanOrEqual(2);
    }
  });

  it('stories.json: 7 events (5 upcoming after 30 Nov 2026) and 5 white papers', () => {
    const { stories } = JSON.parse(text('stories.json')) as { stories: { categories: string[]; publishedAt: string; event?: { startsAt: string } }[] };
    const events = stories.filter((s) => s.categories.includes('Events'));
    const papers = stories.filter((s) => s.categories.includes('White Papers'));
    expect(events).toHaveLength(7);
    expect(papers).toHaveLength(5);
    const end = new Date('2026-11-30T00:00:00Z');
    const upcoming = events.filter((e) => new Date(e.event?.startsAt ?? 0) > end);
    expect(upcoming).toHaveLength(5);
    for (const s of stories) expect(s.publishedAt).toMatch(/^2026-11-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  });

  it('has every read-count format for every week, GA4 with its comment header and totals row', () => {
    for (const week of WEEKS) {
      const ga4 = text(`reads/ga4-${week}.csv`).split('\n');
      expect(ga4[0]).toBe('# ----------------------------------------');
      const header = ga4.indexOf('Page path and screen class,Views,Active users,Views per active user,Average engagement time per active user,Event count,Key events,Total revenue');
      expect(header).toBeGreaterThan(0);
      expect(ga4[header - 1]).toBe('');
      expect(ga4[header + 1]).toMatch(/^,"\d{1,3}(,\d{3})+",/);
      expect(text(`reads/plausible-${week}.csv`).split('\n')[0]).toBe('name,visitors,pageviews,bounce_rate,time_on_page');
      expect(text(`reads/matomo-${week}.csv`).split('\n')[0]).toBe('label,nb_visits,nb_hits,sum_time_spent,url');
      expect(text(`reads/plain-${week}.csv`).split('\n')[0]).toBe('url,views');
      const wpp = JSON.parse(text(`reads/wpp-${week}.json`)) as { pageviews: number; link: string }[];
      // Top 20 posts by views; the first week has only 17 posts in the feed.
      expect(wpp.length).toBeGreaterThanOrEqual(17);
      expect(wpp.length).toBeLessThanOrEqual(20);
      expect(wpp.every((p, k) => typeof p.pageviews === 'number' && (k === 0 || p.pageviews <= (wpp[k - 1] as { pageviews: number }).pageviews))).toBe(true);
      expect(read(`logs/access-${week}.log.gz`).length).toBeLessThan(600 * 1024);
    }
  });

  it('access logs: 15k-40k lines, bots, IPv6, broken lines, and the same top story as GA4', () => {
    for (const week of WEEKS) {
      const lines = gunzipSync(read(`logs/access-${week}.log.gz`)).toString('utf8').trimEnd().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(15_000);
      expect(lines.length).toBeLessThanOrEqual(40_000);
      const combined = /^(\S+) - - \[([^\]]+)\] "(\S+) (\S+) (\S+)" (\d{3}) (\d+) "([^"]*)" "([^"]*)"$/;
      const bad = lines.filter((l) => !combined.test(l));
      expect(bad.length).toBeGreaterThanOrEqual(2);
      expect(bad.length).toBeLessThanOrEqual(3);
      for (const bot of ['Googlebot', 'bingbot', 'AhrefsBot', 'GPTBot']) expect(lines.some((l) => l.includes(bot)), bot).toBe(true);
      expect(lines.some((l) => l.startsWith('2001:db8:'))).toBe(true);
      expect(lines.some((l) => l.includes('?utm_source='))).toBe(true);
      const reads = new Map<string, Set<string>>();
      for (const line of lines) {
        const m = combined.exec(line);
        if (!m || m[3] !== 'GET' || m[6] !== '200' || /bot/i.test(m[9] ?? '')) continue;
        const path = (m[4] ?? '').split('?')[0] ?? '';
        if (!/^\/2026\/11\/\d\d\/[^/]+\/$/.test(path)) continue;
        const seen = reads.get(path) ?? new Set();
        seen.add(`${m[1]} ${m[9]} ${m[2]?.slice(0, 11)}`);
        reads.set(path, seen);
      }
      const logTop = [...reads].sort((a, b) => b[1].size - a[1].size).map(([p]) => p);
      const ga4Rows = parseCsv(text(`reads/ga4-${week}.csv`), { comment: '#', columns: true, skip_empty_lines: true }) as Record<string, string>[];
      const ga4Top = ga4Rows.map((r) => r['Page path and screen class'] ?? '').find((p) => p.startsWith('/2026/11/'));
      expect(logTop.slice(0, 3), week).toContain(ga4Top);
    }
  });

  it('media: real PNGs of the right size, each under 15 KB', () => {
    const files = listFiles(join(SAMPLE, 'media'));
    expect(files.length).toBeGreaterThanOrEqual(17);
    for (const file of files) {
      const bytes = read(`media/${file}`);
      expect(bytes.length, file).toBeLessThan(15 * 1024);
      const png = readPng(bytes);
      const [w, h] = file.startsWith('companies/') ? [200, 60] : [600, 338];
      expect([png.width, png.height], file).toEqual([w, h]);
      expect(png.pixels.length).toBe(h * (w * 3 + 1));
    }
    expect(files).toContain('companies/veridex-labs.png');
  });

  it('subscribers.csv: 12 rows with the awkward cases', () => {
    const rows = parseCsv(text('subscribers.csv'), { columns: true }) as { email: string; name: string; topics: string }[];
    expect(rows).toHaveLength(12);
    expect(rows.some((r) => /@Example\.COM$/.test(r.email))).toBe(true);
    expect(rows.some((r) => r.name.includes(','))).toBe(true);
    expect(rows.some((r) => /[^\x00-\x7f]/.test(r.name))).toBe(true);
    expect(rows.some((r) => r.topics === '')).toBe(true);
    expect(rows.every((r) => /@example\.(com|org|net)$/i.test(r.email))).toBe(true);
  });
});
