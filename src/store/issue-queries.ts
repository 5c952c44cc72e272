// Every SQL statement on the `issues` table, prepared once per connection.
import { cachedStatements } from './cached-statements.js';

export type IssueStatus = 'built' | 'approved' | 'sending' | 'sent';

export interface IssueRow {
  key: string;
  status: IssueStatus;
  subject: string;
  built_at: string | null;
  approved_at: string | null;
  sent_at: string | null;
  counts: string | null;
}

export const issueQueries = cachedStatements((db) => ({
  get: db.prepare<[string], IssueRow>('SELECT * FROM issues WHERE key = ?'),
  list: db.prepare<[], IssueRow>('SELECT * FROM issues ORDER BY key'),
  /** A build: a new issue starts `built`; a known one keeps its status and gets the new subject and time. */
  upsertBuilt: db.prepare<{ key: string; subject: string; now: string }>(
    `INSERT INTO issues (key, status, subject, built_at) VALUES (@key, 'built', @subject, @now)
     ON CONFLICT (key) DO UPDATE SET subject = excluded.subject, built_at = excluded.built_at`,
  ),
  /** Sets the status; `approved` and `sent` also record when; counts are replaced when given. */
  mark: db.prepare<{ key: string; status: IssueStatus; now: string; counts: string | null }>(
    `UPDATE issues SET
       status = @status,
       approved_at = CASE WHEN @status = 'approved' THEN @now ELSE approved_at END,
       sent_at = CASE WHEN @status = 'sent' THEN @now ELSE sent_at END,
       counts = coalesce(@counts, counts)
     WHERE key = @key`,
  ),
}));
