// `roundup subscribers import FILE.csv`: merging a CSV of subscribers into the store, streamed.
//
// The file: a header row is required; columns `email` (required), `name`, `topics` and `status` (optional),
// in any order, any case; other columns are ignored. Topics are separated by `;` (or `|`). The exports of
// Mailchimp, Substack, Ghost and listmonk are read as they are (subscriber-columns.ts).
// Rules, row by row (a row's line is where it starts in the file, quoted multi-line fields counted):
// - a bad address (see email-address.ts) or an unknown status: reported as a problem with its line, skipped;
// - a new address: added with the row's status (`status` column, default active) via `import`. The column
//   lets an export be imported again without turning people who left back into subscribers;
// - a known address (same local part, domain in any case; also a repeat earlier in the same file): merged,
//   a non-empty name replaces the stored one, topics are united; its status is never changed by an import;
// - a known address that unsubscribed, bounced or complained: left untouched and counted in `keptInactive`.
// Each valid row counts once in added/updated/unchanged/keptInactive.
//
// Any size: the file is read twice, a chunk at a time. The first pass only checks that it is readable CSV with an
// `email` column (so a file broken on its last line changes nothing); the second merges the rows in batches of
// `batchSize`, each batch one transaction, while the web servers go on writing between them. Memory is one chunk,
// one batch and the first MAX_LISTED problems, whatever the file's size. Stopped half-way (a crash, Ctrl-C), the
// batches merged so far stay; importing the file again finishes it (the rules above make a second import of the
// same rows change nothing).
import { createReadStream } from 'node:fs';
import { streamCsvRecords, type CsvRecord } from '../csv-records.js';
import { RoundupError, errorMessage } from '../errors.js';
import { escapeForMessage } from '../text/show-text.js';
import { checkEmail } from './email-address.js';
import { unescapeFormula } from './export-subscribers.js';
import type { ImportCounts, ImportRow, SubscriberRepo } from './store.js';
import { cleanName, parseTopics } from './subscriber-fields.js';
import { EMAIL_COLUMN_NAMES, subscriberColumns, type SubscriberColumns } from './subscriber-columns.js';
import { SUBSCRIBER_STATUSES } from './subscriber-queries.js';

export interface ImportProblem {
  /** 1-based line where the row starts. */
  line: number;
  value: string;
  reason: string;
}

export interface ImportReport extends ImportCounts {
  /** Whose export the header looks like (`Mailchimp`, `Substack`, `Ghost`, `listmonk`, `Roundup`): see subscriber-columns.ts. */
  readAs: string;
  /** The first MAX_LISTED problems (every one goes to `onProblem` as it is found). */
  invalid: ImportProblem[];
  /** How many rows were skipped as invalid in all. */
  invalidCount: number;
}

/** Problems kept for the report; the rest are counted (and were given to `onProblem`). */
export const MAX_LISTED = 1000;
const BATCH_SIZE = 2000;

/** The CSV to import: its text (small lists, tests) or a file path (read in chunks). */
export type ImportInput = { text: string } | { path: string };

export interface ImportOptions {
  /** The file's name in messages. */
  file: string;
  now?: Date | undefined;
  via?: string | undefined;
  batchSize?: number | undefined;
  /** Each skipped row, as it is found. */
  onProblem?: ((problem: ImportProblem) => void) | undefined;
  /** After each merged batch: the rows read so far. */
  onProgress?: ((rows: number) => void) | undefined;
}

/** Streams `input` into the subscriber list of a store: two passes (check, then merge in batches). */
export async function importSubscribers(
  target: Pick<SubscriberRepo, 'importBatch'>,
  input: ImportInput,
  options: ImportOptions,
): Promise<ImportReport> {
  const { file } = options;
  await readableCsv(input, file);
  const report: ImportReport = { readAs: '', added: 0, updated: 0, unchanged: 0, keptInactive: 0, invalid: [], invalidCount: 0 };
  const now = options.now ?? new Date();
  const via = options.via ?? 'import';
  const size = options.batchSize ?? BATCH_SIZE;
  let batch: ImportRow[] = [];
  let rowsRead = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const counts = await target.importBatch(batch, { via, now });
    report.added += counts.added;
    report.updated += counts.updated;
    report.unchanged += counts.unchanged;
    report.keptInactive += counts.keptInactive;
    batch = [];
    options.onProgress?.(rowsRead);
  };
  let columns: SubscriberColumns | undefined;
  for await (const row of records(input, file)) {
    if (!columns) {
      columns = importColumns(row, file);
      report.readAs = columns.readAs;
      continue;
    }
    rowsRead++;
    const read = importRow(row, columns);
    if (read === undefined) continue;
    if ('reason' in read) {
      report.invalidCount++;
      if (report.invalid.length < MAX_LISTED) report.invalid.push(read);
      options.onProblem?.(read);
      continue;
    }
    batch.push(read);
    if (batch.length >= size) await flush();
  }
  await flush();
  return report;
}

/** The first pass: readable CSV with an `email` column, else the error (naming the line) before anything is written. */
async function readableCsv(input: ImportInput, file: string): Promise<void> {
  let first = true;
  for await (const row of records(input, file)) {
    if (first) importColumns(row, file);
    first = false;
  }
  if (first) importColumns(undefined, file);
}

async function* records(input: ImportInput, file: string): AsyncGenerator<CsvRecord> {
  const chunks = 'text' in input ? [input.text] : createReadStream(input.path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const parsed = streamCsvRecords(toAsync(chunks), { bom: true, trim: true, relax_column_count: true, skip_empty_lines: true });
  try {
    yield* parsed;
  } catch (cause) {
    if (cause instanceof RoundupError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    if ('path' in input && code !== undefined && !code.startsWith('CSV_')) {
      throw new RoundupError('SUBSCRIBER_INVALID', `Subscriber file \`${file}\` could not be read (${code}). Check the path.`, { cause });
    }
    throw new RoundupError(
      'SUBSCRIBER_INVALID',
      `${file}:${(cause as { lines?: number }).lines ?? 1}: not readable as CSV (${escapeForMessage(errorMessage(cause))}). ` +
        'Check the quotes around fields on that line.',
      { cause },
    );
  }
}

async function* toAsync(chunks: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string> {
  yield* chunks;
}

/** The header row's columns; SUBSCRIBER_INVALID naming what was found when no column holds the addresses. */
function importColumns(header: CsvRecord | undefined, file: string): SubscriberColumns {
  const columns = header ? subscriberColumns(header.record, SUBSCRIBER_STATUSES) : undefined;
  if (header === undefined || columns === undefined) {
    const found = header ? header.record.map((h) => `\`${escapeForMessage(h)}\``).join(', ') || 'an empty line' : 'an empty file';
    throw new RoundupError(
      'SUBSCRIBER_INVALID',
      `${file}:${header?.line ?? 1}: no email column in the header (found: ${found}; accepted: ${EMAIL_COLUMN_NAMES.map((n) => `\`${n}\``).join(', ')}). ` +
        'The first row must name the columns, e.g. `email,name,topics`, or be the header of a Mailchimp, Substack, Ghost or listmonk export.',
    );
  }
  return columns;
}

/** One data row: the row to merge, a problem, or undefined for a row of empty cells. */
function importRow({ record, line }: CsvRecord, columns: SubscriberColumns): ImportRow | ImportProblem | undefined {
  if (record.every((field) => field === '')) return undefined;
  // a cell our export protected from spreadsheets (`'=...`) reads back as it was
  const cells = record.map((c) => unescapeFormula(c));
  const value = columns.email < 0 ? '' : (cells[columns.email] ?? '');
  const checked = checkEmail(value);
  if (!checked.ok) return { line, value, reason: checked.reason };
  const asked = columns.status(cells);
  if (typeof asked === 'object') return { line, value, reason: asked.error };
  return {
    line,
    email: checked.email,
    name: cleanName(columns.name(cells)),
    topics: parseTopics(columns.topics < 0 ? '' : (cells[columns.topics] ?? '')),
    status: asked,
  };
}
