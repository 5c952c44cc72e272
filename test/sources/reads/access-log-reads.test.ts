import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { accessLogReads } from '../../../src/sources/reads/access-log-reads.js';
import { FIXTURES, context, logLine, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir();
});
afterEach(async () => {
  await tmp.cleanup();
});

async function fixtureText(): Promise<string> {
  return readFile(join(FIXTURES, 'access.log'), 'utf8');
}

describe('accessLogReads', () => {
  it('reads the same counts and line numbers when lines are split across chunks', async () => {
    const path = join(FIXTURES, 'access.log');
    const whole = await accessLogReads({ name: 'log', paths: [path] }).load(context());
    for (const highWaterMark of [1, 7, 64, 250]) {
      const split = await accessLogReads({ name: 'log', paths: [path], highWaterMark }).load(context());
      expect(split).toEqual(whole);
    }
    expect(whole.problems.map((p) => p.where)).toEqual([`${path}:14`]);
    expect(whole.items.length).toBeGreaterThan(0);
  });

  it('detects gzip by its magic bytes, whatever the name says', async () => {
    const text = await fixtureText();
    const compressedAsLog = join(tmp.dir, 'access.log.1');
    const plainAsGz = join(tmp.dir, 'access.log.gz');
    await writeFile(compressedAsLog, gzipSync(text));
    await writeFile(plainAsGz, text);
    const expected = await accessLogReads({ name: 'log', paths: [join(FIXTURES, 'access.log')] }).load(context());
    for (const path of [compressedAsLog, plainAsGz]) {
      const result = await accessLogReads({ name: 'log', paths: [path], highWaterMark: 16 }).load(context());
      expect(result.items).toEqual(expected.items);
      expect(result.problems.map((p) => p.where)).toEqual([`${path}:14`]);
    }
  });

  it('reads concatenated gzip members (logs appended after compression)', async () => {
    const lines = [
      logLine({ ip: '192.0.2.1', time: '24/Nov/2026:09:30:00 +0000', target: '/a' }),
      logLine({ ip: '192.0.2.2', time: '24/Nov/2026:09:31:00 +0000', target: '/a' }),
    ];
    const path = join(tmp.dir, 'two-members.gz');
    await writeFile(path, Buffer.concat([gzipSync(`${lines[0]}\n`), gzipSync(`${lines[1]}\n`)]));
    const { items } = await accessLogReads({ name: 'log', paths: [path] }).load(context());
    expect(items).toEqual([{ page: '/a', views: 2 }]);
  });

  it('handles CRLF line ends and a last line without a newline', async () => {
    const lines = [
      logLine({ ip: '192.0.2.1', time: '24/Nov/2026:09:30:00 +0000', target: '/a' }),
      logLine({ ip: '192.0.2.2', time: '24/Nov/2026:09:31:00 +0000', target: '/a' }),
    ];
    const path = join(tmp.dir, 'crlf.log');
    await writeFile(path, lines.join('\r\n'));
    const result = await accessLogReads({ name: 'log', paths: [path], highWaterMark: 5 }).load(context());
    expect(result).toEqual({ items: [{ page: '/a', views: 2 }], problems: [], skipped: 0 });
  });

  it('counts a visitor once a day across several files', async () => {
    const a = join(tmp.dir, 'a.log');
    const b = join(tmp.dir, 'b.log');
    await writeFile(a, `${logLine({ time: '24/Nov/2026:09:30:00 +0000', target: '/a' })}\n`);
    await writeFile(b, `${logLine({ time: '24/Nov/2026:19:30:00 +0000', target: '/a/' })}\n`);
    const { items } = await accessLogReads({ name: 'log', paths: [a, b] }).load(context());
    expect(items).toEqual([{ page: '/a', views: 1 }]);
  });

  it('fails with SOURCE_UNREADABLE before counting when one of several files is missing', async () => {
    const a = join(tmp.dir, 'a.log');
    await writeFile(a, `${logLine({ time: '24/Nov/2026:09:30:00 +0000', target: '/a' })}\n`);
    const missing = join(tmp.dir, 'b.log');
    const error = await accessLogReads({ name: 'log', paths: [a, missing] }).load(context()).catch((e: unknown) => e);
    expect(isRoundupError(error, 'SOURCE_UNREADABLE')).toBe(true);
    expect((error as Error).message).toContain(missing);
  });

  it('fails with SOURCE_INVALID naming the file when gzip data is cut short', async () => {
    const path = join(tmp.dir, 'cut.log.gz');
    const gz = gzipSync((await fixtureText()).repeat(20));
    await writeFile(path, gz.subarray(0, Math.floor(gz.length / 2)));
    const error = await accessLogReads({ name: 'log', paths: [path] }).load(context()).catch((e: unknown) => e);
    expect(isRoundupError(error, 'SOURCE_INVALID')).toBe(true);
    expect((error as Error).message).toContain(path);
  });

  it('counts the other files when one .gz among several is damaged, and says at which byte it broke', async () => {
    const good = join(tmp.dir, 'access.log.1');
    const damaged = join(tmp.dir, 'access.log.2.gz');
    const lines = Array.from({ length: 2000 }, (_, i) =>
      logLine({ time: '24/Nov/2026:09:30:00 +0000', target: `/news/story-${i % 50}/`, ip: `192.0.2.${i % 250}` }),
    ).join('\n');
    await writeFile(good, `${logLine({ time: '25/Nov/2026:10:00:00 +0000', target: '/only-in-the-good-file/' })}\n`);
    const gz = Buffer.from(gzipSync(lines));
    // Flip bytes in the middle of the deflate data: the first blocks still inflate.
    for (let i = Math.floor(gz.length * 0.6); i < Math.floor(gz.length * 0.6) + 16; i++) gz[i] = gz[i]! ^ 0xff;
    await writeFile(damaged, gz);
    const result = await accessLogReads({ name: 'log', paths: [damaged, good] }).load(context());
    expect(result.items.find((r) => r.page === '/only-in-the-good-file')?.views).toBe(1);
    const problem = result.problems.find((p) => p.where.startsWith(damaged));
    expect(problem?.message).toMatch(/breaks off at byte [\d,]+ of its gzip data .*lines before it counted/);
    expect(result.skipped).toBeGreaterThanOrEqual(1);
  });

  it('calls an over-long line what it is, not "not a combined-format log line"', async () => {
    const path = join(tmp.dir, 'long.log');
    await writeFile(path, `${logLine({ time: '24/Nov/2026:09:30:00 +0000', target: `/a?${'x'.repeat(100_000)}` })}\n`);
    const result = await accessLogReads({ name: 'log', paths: [path] }).load(context());
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.where).toBe(`${path}:1`);
    expect(result.problems[0]!.message).toMatch(/line is 100,\d{3} bytes long, over the 64 KiB a log line may have; skipped/);
  });
});
