import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecord, recordedReads, recordFile, type RecordOptions } from '../../../src/sources/reads/reads-cache.js';
import type { ReadSource } from '../../../src/types.js';
import { WEEK, context, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let calls: number;
beforeEach(async () => {
  tmp = await tempDir();
  calls = 0;
});
afterEach(() => tmp.cleanup());

/** A source that answers `calls` views of one page: each load gives a new answer. */
const counting: ReadSource = {
  name: 'GA4 main',
  location: 'https://analyticsdata.googleapis.com/v1beta/properties/1:runReport',
  load: async () => ({ items: [{ page: '/a', views: ++calls }], problems: [] }),
};

const options = (over: Partial<RecordOptions> = {}): RecordOptions => ({ dir: tmp.dir, query: '{"type":"ga4","property":"1"}', reuse: true, settleHours: 48, ...over });
const at = (iso: string, over = {}) => context({ now: new Date(iso), ...over });
const views = async (source: ReadSource, iso: string, over = {}) => (await source.load(at(iso, over))).items[0]!.views;

describe('recordedReads', () => {
  it('keeps a settled week\'s answer until asked to refresh', async () => {
    const source = recordedReads(counting, options());
    expect(await views(source, '2026-12-03T00:00:00Z')).toBe(1); // 72 h after the week: settled
    expect(await views(source, '2027-02-01T00:00:00Z')).toBe(1);
    expect((await source.load(at('2027-02-01T00:00:00Z'))).fetchedAt).toBe('2026-12-03T00:00:00.000Z');
    expect(await views(source, '2027-02-01T00:00:00Z', { refresh: true })).toBe(2);
    expect(await views(source, '2027-02-02T00:00:00Z')).toBe(2);
    const record = readRecord(recordFile(tmp.dir, 'GA4 main', WEEK.key))!;
    expect(record).toMatchObject({ week: WEEK.key, complete: true, settled: true, pages: 1, views: 2 });
    expect(recordFile(tmp.dir, 'GA4 main', WEEK.key)).toBe(join(tmp.dir, 'ga4-main', `${WEEK.key}.json`));
  });

  it('reuses an answer fetched before the week settled for an hour only (the week in progress, or just over)', async () => {
    const source = recordedReads(counting, options());
    expect(await views(source, '2026-11-27T12:00:00Z')).toBe(1); // the week in progress
    expect(await views(source, '2026-11-27T12:59:00Z')).toBe(1);
    expect(await views(source, '2026-11-27T13:00:00Z')).toBe(2);
    expect(await views(source, '2026-11-30T07:00:00Z')).toBe(3); // over, not settled: GA4 may still be counting
    expect(readRecord(recordFile(tmp.dir, 'GA4 main', WEEK.key))).toMatchObject({ complete: true, settled: false });
    expect(await views(source, '2026-11-30T07:30:00Z')).toBe(3);
    expect(await views(source, '2026-11-30T08:30:00Z')).toBe(4);
  });

  it('asks again when the query changed, and never reuses for files and logs', async () => {
    const source = recordedReads(counting, options());
    expect(await views(source, '2026-12-03T00:00:00Z')).toBe(1);
    expect(await views(recordedReads(counting, options({ query: '{"type":"ga4","property":"2"}' })), '2026-12-04T00:00:00Z')).toBe(2);
    const file = recordedReads(counting, options({ reuse: false, settleHours: 0 }));
    expect(await views(file, '2026-12-05T00:00:00Z')).toBe(3);
    expect(await views(file, '2026-12-05T00:00:00Z')).toBe(4);
  });

  it('still answers, with a warning, when the data folder cannot be written', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: make the folder's place a file instead.
      const blocked = join(tmp.dir, 'blocked');
      await writeFile(blocked, '');
      const result = await recordedReads(counting, options({ dir: blocked })).load(at('2026-12-03T00:00:00Z'));
      expect(result.items).toEqual([{ page: '/a', views: 1 }]);
      expect(result.warnings).toEqual([expect.stringContaining('could not keep this answer')]);
      return;
    }
    const ro = join(tmp.dir, 'ro');
    await mkdir(ro);
    await chmod(ro, 0o500);
    const result = await recordedReads(counting, options({ dir: ro })).load(at('2026-12-03T00:00:00Z'));
    expect(result.warnings).toEqual([expect.stringContaining('could not keep this answer')]);
  });
});

describe('recordedReads on files and logs', () => {
  it('leaves the record alone when the answer did not change, and rewrites it when it did', async () => {
    const { stat } = await import('node:fs/promises');
    const steady: ReadSource = { ...counting, load: async () => ({ items: [{ page: '/a', views: 7 }], problems: [] }) };
    const source = recordedReads(steady, options({ reuse: false, settleHours: 0 }));
    await source.load(at('2026-12-03T00:00:00Z'));
    const file = recordFile(tmp.dir, 'GA4 main', WEEK.key);
    const written = (await stat(file)).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await source.load(at('2026-12-04T00:00:00Z'));
    expect((await stat(file)).mtimeMs).toBe(written);
    await recordedReads(counting, options({ reuse: false, settleHours: 0 })).load(at('2026-12-05T00:00:00Z'));
    expect(readRecord(file)?.views).toBe(1);
  });
});
