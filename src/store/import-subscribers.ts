// `roundup subscribers import FILE.csv`: merging a CSV of subscribers into the database, in one transaction.
//
// The file: a header row is required; columns `email` (required), `name`, `topics` and `status` (optional),
// in any order, any case; other columns are ignored. Topics are separated by `;` (or `|`). The exports of
// Mailchimp, Substack, Ghost and listmonk are read as they are (subscriber-columns.ts).
// Rules, row by row (a row's line is where it starts in the file, quoted multi-line fields counted):
// - a bad address (see email-address.ts) or an unknown status: reported in `invalid` with its line, skipped;
// - a new address: added with the row's status (`status` column, default active) via `import`. The column
//   lets an export be imported again without turning people who left back into subscribers;
// - a known address (same local part, domain in any case; also a repeat earlier in the same file): merged,
//   a non-empty name replaces the stored one, topics are united; its status is never changed by an import;
// - a known address that unsubscribed, bounced or complained: left untouched and counted in `keptInactive`.
// Each valid row counts once in added/updated/unchanged/keptInactive.
import { parseCsvRecords, type CsvRecord } from '../csv-records.js';
import { RoundupError, errorMessage } from '../errors.js';
import { escapeForMessage } from '../text/show-text.js';
import { checkEmail, emailKey } from './email-address.js';
import { unescapeFormula } from './export-subscribers.js';
import type { Database } from './open-database.js';
import { writeTransaction } from './write-transaction.js';
import { cleanName, mergeTopics, parseTopics } from './subscriber-fields.js';
import { EMAIL_COLUMN_NAMES, subscriberColumns } from './subscriber-columns.js';
import {
  LEFT_STATUSES,
  SUBSCRIBER_STATUSES,
  subscriberQueries,
  toSubscriber,
  type SubscriberStatus,
} from './subscriber-queries.js';

export interface ImportProblem {
  /** 1-based line where the row starts. */
  line: number;
  value: string;
  reason: string;
}

export interface ImportReport {
  /** Whose export the header looks like (`Mailchimp`, `Substack`, `Ghost`, `listmonk`, `Roundup`): see subscriber-columns.ts. */
  readAs: string;
  added: number;
  updated: number;
  unchanged: number;
  keptInactive: number;
  invalid: ImportProblem[];
}

/** Parses `csvText` (named `file` in messages) and merges it into the database. */
export function importSubscribers(
  db: Database,
  csvText: string,
  options: { file: string; now?: Date; via?: string },
): ImportReport {
  const { file } = options;
  let rows: CsvRecord[];
  try {
    rows = parseCsvRecords(csvText, { bom: true, trim: true, relax_column_count: true, skip_empty_lines: true });
  } catch (cause) {
    throw new RoundupError(
      'SUBSCRIBER_INVALID',
      `${file}:${(cause as { lines?: number }).lines ?? 1}: not readable as CSV (${escapeForMessage(errorMessage(cause))}). ` +
        'Check the quotes around fields on that line.',
      { cause },
    );
  }
  const header = rows.shift();
  const columns = header ? subscriberColumns(header.record, SUBSCRIBER_STATUSES) : undefined;
  if (header === undefined || columns === undefined) {
    const found = header ? header.record.map((h) => `\`${escapeForMessage(h)}\``).join(', ') || 'an empty line' : 'an empty file';
    throw new RoundupError(
      'SUBSCRIBER_INVALID',
      `${file}:${header?.line ?? 1}: no email column in the header (found: ${found}; accepted: ${EMAIL_COLUMN_NAMES.map((n) => `\`${n}\``).join(', ')}). ` +
        'The first row must name the columns, e.g. `email,name,topics`, or be the header of a Mailchimp, Substack, Ghost or listmonk export.',
    );
  }
  // a cell our export protected from spreadsheets (`'=...`) reads back as it was
  const cell = (record: string[], index: number) => (index < 0 ? '' : unescapeFormula(record[index] ?? ''));

  const q = subscriberQueries(db);
  const now = (options.now ?? new Date()).toISOString();
  const via = options.via ?? 'import';
  const report: ImportReport = { readAs: columns.readAs, added: 0, updated: 0, unchanged: 0, keptInactive: 0, invalid: [] };

  writeTransaction(db, () => {
    for (const { record, line } of rows) {
      if (record.every((field) => field === '')) continue;
      const value = cell(record, columns.email);
      const checked = checkEmail(value);
      if (!checked.ok) {
        report.invalid.push({ line, value, reason: checked.reason });
        continue;
      }
      const asked = columns.status(record.map((c) => unescapeFormula(c)));
      if (typeof asked === 'object') {
        report.invalid.push({ line, value, reason: asked.error });
        continue;
      }
      const name = cleanName(unescapeFormula(columns.name(record)));
      const topics = parseTopics(cell(record, columns.topics));
      const key = emailKey(checked.email);
      const existing = q.byKey.get(key);
      if (existing === undefined) {
        const status: SubscriberStatus = asked ?? 'active';
        q.insert.get({ email: checked.email, key, name, topics: JSON.stringify(topics), status, now, via });
        report.added++;
        continue;
      }
      if (LEFT_STATUSES.includes(existing.status)) {
        report.keptInactive++;
        continue;
      }
      const current = toSubscriber(existing);
      const newName = name !== '' ? name : current.name;
      const newTopics = mergeTopics(current.topics, topics);
      if (newName === current.name && newTopics.length === current.topics.length) {
        report.unchanged++;
        continue;
      }
      q.updateProfile.run({ id: existing.id, name: newName, topics: JSON.stringify(newTopics), now });
      report.updated++;
    }
  });
  return report;
}
