// Fuzzing the file sources with mutations of the sample site's own files: analytics CSV exports, gzipped
// access logs, the subscriber list, the config and a per-issue override (the one config/issues/README.md shows).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { IssueOverride } from '../../src/config/issue-override-schema.js';
import { parseConfigText, parseYamlWith } from '../../src/config/load-config.js';
import { accessLogReads } from '../../src/sources/reads/access-log-reads.js';
import { csvReads } from '../../src/sources/reads/csv-reads.js';
import type { CsvFormat } from '../../src/sources/reads/csv-columns.js';
import { importSubscribers } from '../../src/store/import-subscribers.js';
import { openDatabase } from '../../src/store/index.js';
import type { SourceContext } from '../../src/types.js';
import { TIMEOUT_MS, expectOwnOutcome, expectValidProblems, expectValidReads, mutated, params, sample } from './fuzz-kit.js';
import { sqliteStore } from '../../src/store/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'roundup-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context: SourceContext = {
  window: { key: '2026-W48', start: '2026-11-23T00:00:00+00:00', end: '2026-11-30T00:00:00+00:00', timeZone: 'Europe/London', hours: 168 },
  siteUrl: 'https://www.identitywire.example/',
  now: new Date('2026-11-30T06:00:00Z'),
};

const CSV_TOKENS = [',', ';', '\t', '"', '""', '\n', '\r\n', '#', '1.000', '1,000', '1 000', '1.234,0', '-3', '7e+32', 'Grand total', 'url,views\n', '/?p=1', 'https://x.example/a%2Cb'];

describe('fuzz: files', () => {
  it('analytics CSV: valid read counts or SOURCE_INVALID naming the file and line', async () => {
    const formats: CsvFormat[] = ['ga4', 'matomo', 'plain', 'plausible'];
    const seeds = formats.map((f) => sample('config', 'sample', 'reads', `${f}-2026-W48.csv`));
    await fc.assert(
      fc.asyncProperty(mutated(seeds, CSV_TOKENS), fc.constantFrom(...formats), fc.constantFrom('en', 'de', 'fr', 'auto') as fc.Arbitrary<'en' | 'de' | 'fr' | 'auto'>, async (bytes, format, numberFormat) => {
        const path = join(dir, 'reads.csv');
        writeFileSync(path, bytes);
        const result = await expectOwnOutcome(() => csvReads({ name: 'fuzz', path, format, numberFormat }).load(context), { source: 'fuzz', file: path });
        if (!result) return;
        expectValidReads(result.items);
        expectValidProblems(result.problems);
        expect(result.items.length).toBeLessThanOrEqual(bytes.length);
      }),
      params(80),
    );
  }, TIMEOUT_MS);

  it('access logs, plain and gzipped, damaged or not: valid read counts or SOURCE_INVALID naming the file and line', async () => {
    const lines = gunzipSync(sample('config', 'sample', 'logs', 'access-2026-W48.log.gz')).toString('utf8').split('\n').slice(0, 40).join('\n');
    const tokens = ['"', ' ', '[', ']', '\n', '24/Nov/2026:09:30:00 +0000', '29/Feb/2026:10:00:00 +0000', '24/Nov/0026:10:00:00 -1126', '24/Nov/2026:10:60:00 +0575', 'GET ', ' 200 ', ' 304 ', '/news/a%2Cb/', 'Googlebot'];
    await fc.assert(
      fc.asyncProperty(mutated([Buffer.from(lines)], tokens), fc.constantFrom('plain', 'gzip', 'damaged gzip'), fc.nat(), async (bytes, kind, cut) => {
        const path = join(dir, `access-${kind.replace(' ', '-')}.log`);
        let body = kind === 'plain' ? bytes : gzipSync(bytes);
        if (kind === 'damaged gzip') body = body.subarray(0, 10 + (cut % Math.max(1, body.length - 10)));
        writeFileSync(path, body);
        const other = join(dir, 'access-good.log');
        writeFileSync(other, `${lines.split('\n')[0]}\n`);
        const source = accessLogReads({ name: 'fuzz', paths: [path, other], highWaterMark: 1024 });
        const result = await expectOwnOutcome(() => source.load(context), { source: 'fuzz', file: path });
        // The good file always counts, whatever happened to the other one.
        expect(result).toBeDefined();
        expectValidReads(result!.items);
        expectValidProblems(result!.problems);
      }),
      params(60),
    );
  }, TIMEOUT_MS);

  it('subscriber import: a report with real line numbers, or SUBSCRIBER_INVALID naming the file and line', async () => {
    const db = openDatabase(join(dir, 'subscribers.db'));
    const seed = sample('config', 'sample', 'subscribers.csv');
    const tokens = [...CSV_TOKENS, '@', 'a@b.example', 'unsubscribed', 'complained', 'ÄÖ', '😀'.repeat(120), ';;;', '|'];
    try {
      await fc.assert(
        fc.asyncProperty(mutated([seed], tokens), async (bytes) => {
          const text = bytes.toString('utf8');
          const report = await expectOwnOutcome(() => importSubscribers(sqliteStore(db).subscribers, { text: text }, { file: 'subscribers.csv' }), { file: 'subscribers.csv' });
          if (!report) return;
          const lines = text.split(/\r\n|\r|\n/).length;
          for (const problem of report.invalid) {
            expect(Number.isInteger(problem.line) && problem.line >= 2 && problem.line <= lines, `line ${problem.line} of ${lines}`).toBe(true);
          }
          for (const n of [report.added, report.updated, report.unchanged, report.keptInactive]) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
        }),
        params(60),
      );
      // Nothing stored holds half a character.
      const names = db.prepare('SELECT name FROM subscribers').all() as { name: string }[];
      for (const { name } of names) expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    } finally {
      db.close();
    }
  }, TIMEOUT_MS);

  const YAML_TOKENS = [':', ': ', '- ', '\n', '\n  ', '  ', '"', "'", '*Breaking*', '&a ', '*a', '<<: *a', '!!binary ', '!!js/function ', '? ', '|', '>', '#', '{', '}', '[', ']', '%YAML 1.1\n', '---\n', '...\n', '\t'];

  it('config: a config or CONFIG_INVALID naming the file and line', async () => {
    const seed = sample('config', 'roundup.yaml');
    await fc.assert(
      fc.asyncProperty(mutated([seed], YAML_TOKENS), async (bytes) => {
        await expectOwnOutcome(() => parseConfigText(bytes.toString('utf8'), 'roundup.yaml'), { file: 'roundup.yaml' });
      }),
      params(100),
    );
  }, TIMEOUT_MS);

  it('issue overrides: an override or OVERRIDE_INVALID naming the file and line', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'config', 'issues', 'README.md'), 'utf8');
    const seed = Buffer.from(/```yaml\n([\s\S]*?)```/.exec(readme)![1]!);
    expect(IssueOverride.safeParse((await import('yaml')).parse(seed.toString('utf8'))).success).toBe(true);
    await fc.assert(
      fc.asyncProperty(mutated([seed], YAML_TOKENS), async (bytes) => {
        await expectOwnOutcome(() => parseYamlWith(IssueOverride, bytes.toString('utf8'), '2026-W48.yaml', 'OVERRIDE_INVALID'), { file: '2026-W48.yaml' });
      }),
      params(100),
    );
  }, TIMEOUT_MS);
});
