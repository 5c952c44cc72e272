import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRoundupError, type RoundupError } from '../../../src/errors.js';
import { csvReads, type CsvReadsOptions } from '../../../src/sources/reads/csv-reads.js';
import { FIXTURES, byPage, context, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir();
});
afterEach(async () => {
  await tmp.cleanup();
});

async function load(options: Omit<CsvReadsOptions, 'name'>) {
  return csvReads({ name: 'csv', ...options }).load(context());
}

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(tmp.dir, name);
  await writeFile(path, content);
  return path;
}

async function failure(options: Omit<CsvReadsOptions, 'name'>): Promise<RoundupError> {
  const error = await load(options).catch((e: unknown) => e);
  if (!isRoundupError(error)) throw new Error(`expected a RoundupError, got ${String(error)}`);
  return error;
}

describe('csvReads', () => {
  it('reads a GA4 export: skips the # preamble and the totals row, sums a path listed twice', async () => {
    const path = join(FIXTURES, 'ga4-pages.csv');
    const { items, problems } = await load({ path, format: 'ga4' });
    const views = byPage(items);
    expect(views['/news/2026/11/eu-digital-identity-wallet-pilot']).toBe(2166);
    expect(views['/news/2026/11/veridex-liveness-detection-banks']).toBe(2873);
    // The totals row (empty path, "14,912") is not a page.
    expect(items.some((i) => i.views === 14912)).toBe(false);
    expect(items.reduce((sum, i) => sum + i.views, 0)).toBe(3410 + 2873 + 1954 + 212 + 988 + 431 + 1002);
    expect(problems).toEqual([
      { source: 'csv', where: `${path}:19`, message: expect.stringContaining('"n/a"') as string },
    ]);
  });

  it('skips a "Grand total" row however it is spelled', async () => {
    const path = await file('ga4.csv', 'Page path and screen class,Views\n/a,5\nGrand total,5\nTOTAL,5\n');
    expect((await load({ path, format: 'ga4' })).items).toEqual([{ page: '/a', views: 5 }]);
  });

  it('lists reads most first, then by path', async () => {
    const path = await file('plain.csv', 'url,views\n/b,5\n/c,9\n/a,5\n');
    expect((await load({ path, format: 'plain' })).items).toEqual([
      { page: '/c', views: 9 },
      { page: '/a', views: 5 },
      { page: '/b', views: 5 },
    ]);
  });

  it('reports a bad views cell with file:line and goes on', async () => {
    const path = join(FIXTURES, 'plausible-pages.csv');
    const { items, problems, skipped } = await load({ path, format: 'plausible' });
    expect(skipped).toBe(1);
    expect(problems[0]).toMatchObject({ where: `${path}:9`, message: expect.stringContaining('"-3"') as string });
    expect(byPage(items)['/whitepapers/biometric-border-control']).toBeUndefined();
  });

  it('uses Matomo\'s url column, and the label when the url is empty', async () => {
    const { items } = await load({ path: join(FIXTURES, 'matomo-pages.csv'), format: 'matomo' });
    expect(items.find((i) => i.page === '/events/identity-week-europe-2027')).toEqual({ page: '/events/identity-week-europe-2027', views: 350 });
    expect(items.find((i) => i.page === 'https://www.identitywire.example/')).toEqual({ page: 'https://www.identitywire.example/', views: 2804 });
  });

  it('reads Matomo\'s UTF-16 tab-separated export', async () => {
    const text = 'label\tnb_visits\tnb_hits\turl\n/caf\u00e9\t3\t4\thttps://www.identitywire.example/caf%C3%A9/\n';
    const path = await file('matomo-utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(byPage((await load({ path, format: 'matomo' })).items)).toEqual({ '/café': 4 });
  });

  it('reads a UTF-8 file with a BOM, CRLF lines and semicolons', async () => {
    const path = await file('plain.csv', '\uFEFFurl;views\r\n/a/;"1 234"\r\n');
    expect((await load({ path, format: 'plain' })).items).toEqual([{ page: '/a/', views: 1234 }]);
  });

  it('takes column names from `columns`, one or both', async () => {
    const path = await file('custom.csv', 'Page,Hits,url\n/a,3,/ignored\n');
    expect((await load({ path, format: 'plain', columns: { url: 'page', views: 'Hits' } })).items).toEqual([{ page: '/a', views: 3 }]);
    expect((await load({ path, format: 'plain', columns: { views: 'hits' } })).items).toEqual([{ page: '/ignored', views: 3 }]);
  });

  it('names the file, the columns found and expected, and `columns:` when the header does not fit', async () => {
    const path = join(FIXTURES, 'plausible-pages.csv');
    const error = await failure({ path, format: 'ga4' });
    expect(error.code).toBe('SOURCE_INVALID');
    expect(error.message).toContain(path);
    expect(error.message).toContain('"name", "visitors", "pageviews"');
    expect(error.message).toContain('"Page path and screen class"');
    expect(error.message).toContain('"Views"');
    expect(error.message).toContain('columns:');

    const override = await failure({ path, format: 'plausible', columns: { views: 'Hits' } });
    expect(override.code).toBe('SOURCE_INVALID');
    expect(override.message).toContain('"Hits"');
    expect(override.message).not.toContain('"name" or');
  });

  it('calls an empty file or only comments SOURCE_INVALID', async () => {
    for (const content of ['', '# nothing here\n\n']) {
      const path = await file('empty.csv', content);
      const error = await failure({ path, format: 'ga4' });
      expect(error.code).toBe('SOURCE_INVALID');
      expect(error.message).toContain('no header at all');
    }
  });

  it('calls broken CSV SOURCE_INVALID naming the file', async () => {
    const path = await file('broken.csv', 'url,views\n"/a,3\n');
    const error = await failure({ path, format: 'plain' });
    expect(error.code).toBe('SOURCE_INVALID');
    expect(error.message).toContain(path);
  });
});

describe('csvReads: number formats', () => {
  const rows = (cells: string[]) => `url,views\n${cells.map((c, i) => `/p${i},"${c}"`).join('\n')}\n`;

  it('reads each format the way its language writes counts', async () => {
    const cases: [CsvReadsOptions['numberFormat'], string[], number[]][] = [
      ['en', ['1,234', '1234.0', '12 345', '7'], [1234, 1234, 12345, 7]],
      ['de', ['1.234', '1234,0', '1.000', "12'345"], [1234, 1234, 1000, 12345]],
      ['fr', ['1 234', '1\u202f000', '1234,0', '7'], [1234, 1000, 1234, 7]],
    ];
    for (const [numberFormat, cells, expected] of cases) {
      const path = await file(`${numberFormat}.csv`, rows(cells));
      const { items, problems } = await load({ path, format: 'plain', numberFormat });
      expect(problems, numberFormat).toEqual([]);
      expect(Object.fromEntries(items.map((r) => [r.page, r.views])), numberFormat).toEqual(
        Object.fromEntries(expected.map((v, i) => [`/p${i}`, v])),
      );
    }
  });

  it('never reads "1.000" as 1 silently: auto refuses it, naming file, line, value and the fix', async () => {
    const path = await file('ambiguous.csv', rows(['12', '1.000', '40']));
    const error = await failure({ path, format: 'plain', numberFormat: 'auto' });
    expect(error.code).toBe('SOURCE_INVALID');
    expect(error.message).toContain(`${path}:3: column "views": "1.000" could be 1 or 1,000`);
    expect(error.message).toMatch(/numberFormat: en.*numberFormat: de/);
  });

  it('auto decides from a value only one format can read, for the whole file', async () => {
    const path = await file('german.csv', rows(['1.000', '2.345.678', '9']));
    const { items } = await load({ path, format: 'plain', numberFormat: 'auto' });
    expect(items.map((r) => r.views)).toEqual([2345678, 1000, 9]);
  });

  it('auto refuses a file that mixes formats', async () => {
    const path = await file('mixed.csv', rows(['1,234.0', '2.345.678']));
    const error = await failure({ path, format: 'plain', numberFormat: 'auto' });
    expect(error.message).toMatch(/mixes number formats/);
  });

  it('refuses separators that do not separate thousands', async () => {
    const path = await file('odd.csv', rows(['1,5', '12.34']));
    const { items, problems } = await load({ path, format: 'plain', numberFormat: 'en' });
    expect(items).toEqual([]);
    expect(problems.map((p) => p.where)).toEqual([`${path}:2`, `${path}:3`]);
  });
});

describe('csvReads: line numbers', () => {
  it('names the line a bad row starts on, in CRLF files and after quoted multi-line cells', async () => {
    const text = ['# preamble', 'url,views', '/a,1', '"/b', 'continued",2', '', '/c,nope', '/d,"4', 'x"', '/e,-1'].join('\r\n');
    const path = await file('crlf.csv', text);
    const { problems } = await load({ path, format: 'plain', numberFormat: 'en' });
    expect(problems.map((p) => p.where)).toEqual([`${path}:7`, `${path}:8`, `${path}:10`]);
  });
});
