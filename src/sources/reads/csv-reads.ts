// Read counts from an analytics CSV export (GA4, Plausible, Matomo, or a plain `url,views` file). The file
// is a few thousand rows at most, so it is read whole. Lines starting with `#` (GA4's preamble) and blank
// lines are skipped; the first remaining line is the header.
import { parseCsvRecords, type CsvRecord } from '../../csv-records.js';
import { RoundupError, errorMessage } from '../../errors.js';
import type { ReadCount, ReadSource, SourceResult } from '../../types.js';
import { readSourceFile } from '../read-file.js';
import { escapeForMessage, showText } from '../../text/show-text.js';
import { findColumns, type CsvFormat } from './csv-columns.js';
import { inferNumberFormat, parseViews, type NumberFormat } from './parse-views.js';
import { ProblemList } from './problem-list.js';
import { sumReads } from './sum-reads.js';

export interface CsvReadsOptions {
  name: string;
  path: string;
  format: CsvFormat;
  columns?: { url?: string | undefined; views?: string | undefined } | undefined;
  /** How the views column writes numbers (parse-views.ts); `auto` (the default) decides per file. */
  numberFormat?: NumberFormat | 'auto' | undefined;
}

/** A totals row (GA4 writes one with an empty first cell or `Grand total`): not a page. */
const TOTALS = /^(grand )?totals?$/i;

export function csvReads(options: CsvReadsOptions): ReadSource {
  const { name, path, format, columns, numberFormat = 'auto' } = options;
  return {
    name,
    location: path,
    async load(): Promise<SourceResult<ReadCount>> {
      const text = decodeCsv(await readSourceFile(path, name));
      let rows: CsvRecord[];
      try {
        rows = parseCsvRecords(text, {
          bom: true,
          delimiter: guessDelimiter(text),
          comment: '#',
          comment_no_infix: true,
          skip_empty_lines: true,
          skip_records_with_empty_values: true,
          relax_column_count: true,
        });
      } catch (cause) {
        const line = (cause as { lines?: number }).lines ?? 1;
        throw new RoundupError('SOURCE_INVALID', `[${name}] ${path}:${line}: not valid CSV: ${escapeForMessage(errorMessage(cause))}`, { cause });
      }
      const header = rows[0]?.record ?? [];
      const found = findColumns(header, format, columns);
      if ('expected' in found) {
        throw new RoundupError(
          'SOURCE_INVALID',
          `[${name}] ${path}:${rows[0]?.line ?? 1}: expected columns ${found.expected.join(' and ')} (format \`${format}\`), ` +
            `found ${header.length > 0 ? header.map((h) => showText(h, 40)).join(', ') : 'no header at all'}. ` +
            'Set `columns: { url: ..., views: ... }` on this source in the config to name the columns, ' +
            'or pick the right `format`.',
        );
      }
      const pages = rows.slice(1).flatMap(({ record, line }) => {
        const page = (record[found.url] ?? '').trim() || (record[found.urlFallback] ?? '').trim();
        return page === '' || TOTALS.test(page) ? [] : [{ page, cell: record[found.views] ?? '', line }];
      });
      const numbers = numberFormat === 'auto' ? decideFormat(pages, { name, path, column: header[found.views] ?? 'views' }) : numberFormat;
      const problems = new ProblemList(name);
      const counts: ReadCount[] = [];
      for (const { page, cell, line } of pages) {
        const views = parseViews(cell, numbers);
        if (views === undefined) {
          problems.add(`${path}:${line}`, `views ${showText(cell, 40)} for ${showText(page, 80)} is not a whole number (number format \`${numbers}\`); row skipped`);
          continue;
        }
        counts.push({ page, views });
      }
      return { items: sumReads(counts), problems: problems.list('bad rows'), skipped: problems.count };
    },
  };
}

/** The number format of a file under `numberFormat: auto`; a file that cannot tell throws SOURCE_INVALID. */
function decideFormat(cells: { cell: string; line: number }[], where: { name: string; path: string; column: string }): NumberFormat {
  const inferred = inferNumberFormat(cells);
  if ('format' in inferred) return inferred.format;
  const fix = 'Set `numberFormat: en` (1,234.0) or `numberFormat: de` (1.234,0) on this source to say which the export uses.';
  if ('ambiguous' in inferred) {
    const a = inferred.ambiguous;
    throw new RoundupError(
      'SOURCE_INVALID',
      `[${where.name}] ${where.path}:${a.line}: column ${showText(where.column, 40)}: ${showText(a.cell, 20)} could be ${a.en} or ` +
        `${a.de.toLocaleString('en-US')}, and no other value in the file tells whether "." or "," separates thousands. ${fix}`,
    );
  }
  const { en, de } = inferred.mixed;
  throw new RoundupError(
    'SOURCE_INVALID',
    `[${where.name}] ${where.path}:${en.line}: column ${showText(where.column, 40)} mixes number formats: ${showText(en.cell, 20)} ` +
      `(line ${en.line}) is written the English way, ${showText(de.cell, 20)} (line ${de.line}) the German way. ${fix}`,
  );
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
  const header = text.split(/\r\n?|\n/).find((line) => line.trim() !== '' && !line.startsWith('#')) ?? '';
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}
