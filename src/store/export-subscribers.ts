// `roundup subscribers export`: every subscriber as CSV (header email,name,topics,status,joined_at), written
// a page at a time so memory does not grow with the list. The file imports back as it is: the status column
// keeps people who left from becoming subscribers again.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RoundupError } from '../errors.js';
import type { Subscriber } from '../types.js';
import { eachSubscriber } from './iterate-subscribers.js';
import type { SubscriberRepo } from './store.js';
import type { SubscriberStatus } from './subscriber-queries.js';

export const EXPORT_COLUMNS = ['email', 'name', 'topics', 'status', 'joined_at'] as const;

/** First characters that make a spreadsheet program run a cell as a formula (`=HYPERLINK(...)`, `@SUM(...)`). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet shows as text: one that would start a formula gets a leading `'` (OWASP's CSV injection
 * advice; spreadsheets hide the quote). `unescapeFormula` undoes it, so an export imports back unchanged.
 */
export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The value behind a cell written by escapeFormula. */
export function unescapeFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** One CSV field: formula starts neutralised, quoted when it holds a comma, quote, line break or surrounding space (RFC 4180). */
export function csvField(value: string): string {
  const safe = escapeFormula(value);
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line, CRLF-terminated as RFC 4180 has it. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function subscriberCsvLine(s: Subscriber): string {
  return csvLine([s.email, s.name, s.topics.join(';'), s.status, s.joinedAt]);
}

/** Writes the header and every subscriber (of one status, when given); returns how many rows. */
export async function exportSubscribers(
  repo: Pick<SubscriberRepo, 'page'>,
  write: (chunk: string) => void,
  options: { status?: SubscriberStatus; pageSize?: number } = {},
): Promise<number> {
  write(csvLine(EXPORT_COLUMNS));
  let count = 0;
  let chunk = '';
  for await (const subscriber of eachSubscriber(repo, options)) {
    chunk += subscriberCsvLine(subscriber);
    count++;
    if (chunk.length > 64 * 1024) {
      write(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') write(chunk);
  return count;
}

/**
 * Exports to `file` whole or not at all: written to a temporary file beside it, then renamed over it (a reader
 * never sees half a file). The folder must exist. Returns how many rows.
 */
export async function exportSubscribersToFile(repo: Pick<SubscriberRepo, 'page'>, file: string): Promise<number> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'w');
  } catch (cause) {
    throw new RoundupError(
      'USAGE',
      `Cannot write \`${file}\` (${(cause as NodeJS.ErrnoException).code ?? 'error'}). ` +
        'Check that its folder exists and is writable.',
      { cause },
    );
  }
  try {
    const count = await exportSubscribers(repo, (chunk) => void writeSync(fd, chunk));
    closeSync(fd);
    renameSync(temp, file);
    return count;
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw error;
  }
}
