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
