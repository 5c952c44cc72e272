// Read counts from an analytics CSV export (GA4, Plausible, Matomo, or a plain `url,views` file). The file
// is a few thousand rows at most, so it is read whole. Lines starting with `#` (GA4's preamble) and blank
// lines are skipped; the first remaining line is the header.
import { parse } from 'csv-parse/sync';
import { RoundupError, errorMessage } from '../../errors.js';
import type { ReadCount, ReadSource, SourceResult } from '../../types.js';
import { readSourceFile } from '../read-file.js';
import { findColumns, type CsvFormat } from './csv-columns.js';
import { parseViews } from './parse-views.js';
import { ProblemList } from './problem-list.js';
import { sumReads } from './sum-reads.js';

export interface CsvReadsOptions {
  name: string;
  path: string;
  format: CsvFormat;
  columns?: { url?: string | undefined; views?: string | undefined } | undefined;
}

/** A totals row (GA4 writes one with an empty first cell or `Grand total`): not a page. */
const TOTALS = /^(grand )?totals?$/i;

export function csvReads(options: CsvReadsOptions): ReadSource {
  const { name, path, format, columns } = options;
  return {
    name,
    location: path,
    async load(): Promise<SourceResult<ReadCount>> {
      const text = decodeCsv(await readSourceFile(path, name));
      let rows: { record: string[]; info: { lines: number } }[];
      try {
        rows = parse(text, {
          bom: true,
          delimiter: guessDelimiter(text),
          comment: '#',
          comment_no_infix: true,
          skip_empty_lines: true,
          skip_records_with_empty_values: true,
          relax_column_count: true,
          info: true,
        }) as unknown as typeof rows; // csv-parse's types do not model `info: true`
      } catch (cause) {
        throw new RoundupError('SOURCE_INVALID', `[${name}] ${path} is not valid CSV: ${errorMessage(cause)}`, { cause });
      }
      const header = rows[0]?.record ?? [];
      const found = findColumns(header, format, columns);
      if ('expected' in found) {
        throw new RoundupError(
          'SOURCE_INVALID',
          `[${name}] ${path}: expected columns ${found.expected.join(' and ')} (format \`${format}\`), ` +
            `found ${header.length > 0 ? header.map((h) => `"${h}"`).join(', ') : 'no header at all'}. ` +
            'Set `columns: { url: ..., views: ... }` on this source in the config to name the columns, ' +
            'or pick the right `format`.',
        );
      }
      const problems = new ProblemList(name);
      const counts: ReadCount[] = [];
      for (const { record, info } of rows.slice(1)) {
        const page = (record[found.url] ?? '').trim() || (record[found.urlFallback] ?? '').trim();
        if (page === '' || TOTALS.test(page)) continue;
        const cell = record[found.views] ?? '';
        const views = parseViews(cell);
        if (views === undefined) {
          problems.add(`${path}:${info.lines}`, `views ${JSON.stringify(cell)} for ${page} is not a whole number; row skipped`);
          continue;
        }
        counts.push({ page, views });
      }
      return { items: sumReads(counts), problems: problems.list('bad rows'), skipped: problems.count };
    },
  };
}

/** UTF-8 (with or without BOM) or UTF-16 with BOM (Matomo's default export encoding). */
function decodeCsv(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le').replace(/^\uFEFF/, '');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const even = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return even.swap16().toString('utf16le');
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** `,` unless the header line has tabs or semicolons and no comma (Matomo's TSV, spreadsheet exports). */
function guessDelimiter(text: string): string {
  const header = text.split(/\r?\n/).find((line) => line.trim() !== '' && !line.startsWith('#')) ?? '';
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}
