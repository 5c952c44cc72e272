import { parse as streamParse } from 'csv-parse';
import { parse, type Options } from 'csv-parse/sync';

// CSV records with the line each starts on, for messages that point at the right place. Shared by the reads
// CSV and the subscriber import. csv-parse counts a CRLF file's lines wrongly (it saw `\r` and `\n` as two
// breaks: the 5th line was reported as the 9th) and reports where a record ends, not where it starts; so
// line endings are made `\n` first, and a record's first line is its last line minus the line breaks
// inside its quoted cells (the only place a record can hold one).

export interface CsvRecord {
  record: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/** `\r\n` and lone `\r` (old Mac exports) as `\n`. */
export function unifyLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function newlines(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Parses CSV text into records with their start lines. `options` are csv-parse's, except those this
 * function owns (`info`, `raw`, `columns`). `trim` is safe: it never touches what is inside quotes, and only
 * quoted cells hold line breaks.
 * Throws what csv-parse throws; its message names the (fixed) line.
 */
export function parseCsvRecords(text: string, options: Omit<Options, 'info' | 'raw' | 'columns'> = {}): CsvRecord[] {
  const rows = parse(unifyLineEndings(text), { ...options, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  return rows.map(({ record, info }) => ({ record, line: info.lines - newlines(record) }));
}

/**
 * The same records from a stream of text (a file read in chunks), one at a time: memory stays that of one chunk
 * and one record whatever the file's size. Line endings are unified across chunk boundaries (a `\r` at the end of
 * a chunk waits for the next one's first character).
 */
export async function* streamCsvRecords(
  chunks: AsyncIterable<string>,
  options: Omit<Options, 'info' | 'raw' | 'columns'> = {},
): AsyncGenerator<CsvRecord> {
  const parser = streamParse({ ...options, info: true });
  const feed = (async () => {
    try {
      let carry = '';
      for await (const chunk of chunks) {
        let text = carry + chunk;
        carry = text.endsWith('\r') ? '\r' : '';
        if (carry) text = text.slice(0, -1);
        if (parser.destroyed) return; // the reader stopped, or the CSV was unreadable
        if (!parser.write(unifyLineEndings(text))) {
          await new Promise<void>((r) => {
            const done = () => (parser.off('drain', done), parser.off('close', done), r());
            parser.on('drain', done).on('close', done);
          });
        }
      }
      if (!parser.destroyed) parser.end(unifyLineEndings(carry));
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  try {
    for await (const row of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { record: row.record, line: row.info.lines - newlines(row.record) };
    }
  } finally {
    if (!parser.destroyed) parser.destroy();
    await feed;
  }
}
