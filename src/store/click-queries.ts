// Every SQL statement on the `clicks` and `opens` tables, prepared once per connection.
import { cachedStatements } from './cached-statements.js';

export type ScannerReason = 'head' | 'agent' | 'early';

export interface LinkClickRow {
  link: number;
  people: number;
  scanners: number;
  /** Distinct subscribers among the people (0 without per-subscriber links). */
  unique_people: number;
}

export const clickQueries = cachedStatements((db) => ({
  /** A subscriber the token names who is no longer in the table (deleted) is recorded as nobody, not refused. */
  addClick: db.prepare<{ issue: string; link: number; subscriber: number | null; scanner: ScannerReason | null; at: string }>(
    `INSERT INTO clicks (issue, link, subscriber_id, scanner, at)
     VALUES (@issue, @link, (SELECT id FROM subscribers WHERE id = @subscriber), @scanner, @at)`,
  ),
  addOpen: db.prepare<{ issue: string; subscriber: number | null; scanner: ScannerReason | null; at: string }>(
    `INSERT INTO opens (issue, subscriber_id, scanner, at)
     VALUES (@issue, (SELECT id FROM subscribers WHERE id = @subscriber), @scanner, @at)`,
  ),
  /** An issue's clicks per link: people and scanners apart. */
  byLink: db.prepare<[string], LinkClickRow>(
    `SELECT link, sum(scanner IS NULL) AS people, sum(scanner IS NOT NULL) AS scanners,
       count(DISTINCT CASE WHEN scanner IS NULL THEN subscriber_id END) AS unique_people
     FROM clicks WHERE issue = ? GROUP BY link ORDER BY link`,
  ),
  /** Distinct subscribers who clicked anything (people only). */
  uniqueClickers: db.prepare<[string], { count: number }>(
    'SELECT count(DISTINCT subscriber_id) AS count FROM clicks WHERE issue = ? AND scanner IS NULL AND subscriber_id IS NOT NULL',
  ),
  opens: db.prepare<[string], { people: number; scanners: number; unique_people: number }>(
    `SELECT coalesce(sum(scanner IS NULL), 0) AS people, coalesce(sum(scanner IS NOT NULL), 0) AS scanners,
       count(DISTINCT CASE WHEN scanner IS NULL THEN subscriber_id END) AS unique_people
     FROM opens WHERE issue = ?`,
  ),
}));
