// Streaming CSV: whatever the chunks, the same records and start lines as parsing the whole text at once.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords, streamCsvRecords } from '../../src/csv-records.js';
import { isRoundupError } from '../../src/errors.js';
import { countSubscribers, importSubscribers, MAX_LISTED } from '../../src/store/index.js';
import { sqliteStore } from '../../src/store/sqlite-store.js';
import { openTempDb, tempDir } from './temp-db.js';

const OPTIONS = { bom: true, trim: true, relax_column_count: true, skip_empty_lines: true } as const;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function chunked(text: string, cuts: number[]): AsyncIterable<string> {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  return (async function* () {
    let at = 0;
    for (const p of [...points, text.length]) {
      yield text.slice(at, p);
      at = p;
    }
  })();
}

describe('streamCsvRecords', () => {
  it('cut anywhere (inside quotes, between \\r and \\n), gives what parsing the whole text gives', async () => {
    const cell = fc.oneof(
      fc.constantFrom('ann@example.com', 'Ann', '', 'a;b', ' padded '),
      fc.constantFrom('"quoted, with comma"', '"two\r\nlines"', '"old\rmac"', '"say ""hi"""'),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
    const text = fc
      .tuple(fc.array(row, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'))
      .map(([rows, eol]) => `email,name,topics${eol}${rows.join(eol)}${eol}`);
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 8 }), async (csv, cuts) => {
        const whole = parseCsvRecords(csv, OPTIONS);
        expect(await collect(streamCsvRecords(chunked(csv, cuts), OPTIONS))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('an unclosed quote is the parser error, with the line it reached', async () => {
    const error = await collect(streamCsvRecords(chunked('email\na@example.com\n"b@example.com\n', [3, 9]), OPTIONS)).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('CSV_QUOTE_NOT_CLOSED');
  });
});

describe('importSubscribers from a file', () => {
  it('keeps the first problems and counts them all, calling onProblem for each as it is found', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.csv');
    const bad = MAX_LISTED + 250;
    const lines = ['email,name'];
    for (let i = 0; i < bad; i++) lines.push(`not-an-address-${i},X`, `p${i}@example.com,P ${i}`);
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const db = openTempDb();
    const seen: number[] = [];
    const report = await importSubscribers(sqliteStore(db).subscribers, { path: file }, { file, batchSize: 100, onProblem: (p) => seen.push(p.line) });
    expect(report).toMatchObject({ added: bad, invalidCount: bad });
    expect(report.invalid).toHaveLength(MAX_LISTED);
    expect(report.invalid[0]).toMatchObject({ line: 2, value: 'not-an-address-0' });
    expect(seen).toHaveLength(bad);
    expect(seen.at(-1)).toBe(2 * bad);
    expect(countSubscribers(db).active).toBe(bad);
  });

  it('a file that is not readable CSV near its end changes nothing (the first pass reads it all first)', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.csv');
    const rows = Array.from({ length: 5000 }, (_, i) => `p${i}@example.com`);
    writeFileSync(file, `email\n${rows.join('\n')}\n"unclosed@example.com\n`);
    const db = openTempDb();
    const error = await importSubscribers(sqliteStore(db).subscribers, { path: file }, { file: 'broken.csv', batchSize: 100 }).catch((e: unknown) => e);
    expect(isRoundupError(error, 'SUBSCRIBER_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/^broken\.csv:5002: not readable as CSV/);
    expect(countSubscribers(db).active).toBe(0);
  });

  it('a path that cannot be read is SUBSCRIBER_INVALID naming it and the reason', async () => {
    const db = openTempDb();
    const error = await importSubscribers(sqliteStore(db).subscribers, { path: '/nonexistent/people.csv' }, { file: '/nonexistent/people.csv' }).catch((e: unknown) => e);
    expect(isRoundupError(error, 'SUBSCRIBER_INVALID')).toBe(true);
    expect((error as Error).message).toContain('`/nonexistent/people.csv` could not be read (ENOENT)');
  });
});
