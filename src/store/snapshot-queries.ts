// Every SQL statement on the `snapshots` and `snapshot_stories` tables, prepared once per connection.
import { cachedStatements } from './cached-statements.js';

export interface SnapshotRow {
  issue: string;
  hash: string;
  frozen_at: string;
  frozen_by: 'approval' | 'send';
  window_start: string;
  subject: string;
  public_html: string;
  public_text: string;
  body: string;
}

export interface PublishedRow {
  key: string;
  status: 'sending' | 'sent';
  subject: string;
  window_start: string;
  frozen_at: string;
  sent_at: string | null;
}

export const snapshotQueries = cachedStatements((db) => ({
  get: db.prepare<[string], SnapshotRow>('SELECT * FROM snapshots WHERE issue = ?'),
  put: db.prepare<Omit<SnapshotRow, 'issue'> & { issue: string }>(
    `INSERT INTO snapshots (issue, hash, frozen_at, frozen_by, window_start, subject, public_html, public_text, body)
     VALUES (@issue, @hash, @frozen_at, @frozen_by, @window_start, @subject, @public_html, @public_text, @body)
     ON CONFLICT (issue) DO UPDATE SET hash = excluded.hash, frozen_at = excluded.frozen_at, frozen_by = excluded.frozen_by,
       window_start = excluded.window_start, subject = excluded.subject, public_html = excluded.public_html,
       public_text = excluded.public_text, body = excluded.body`,
  ),
  remove: db.prepare<[string]>('DELETE FROM snapshots WHERE issue = ?'),
  clearStories: db.prepare<[string]>('DELETE FROM snapshot_stories WHERE issue = ?'),
  addStory: db.prepare<{ issue: string; url: string; is_event: number }>(
    'INSERT OR IGNORE INTO snapshot_stories (issue, url, is_event) VALUES (@issue, @url, @is_event)',
  ),
  /** Issues that went out (or are going out), newest week first: the archive. */
  published: db.prepare<[], PublishedRow>(
    `SELECT i.key, i.status, s.subject, s.window_start, s.frozen_at, i.sent_at FROM issues i JOIN snapshots s ON s.issue = i.key
     WHERE i.status IN ('sending', 'sent') ORDER BY s.window_start DESC, i.key DESC`,
  ),
  publicCopy: db.prepare<[string], PublishedRow & { public_html: string; public_text: string }>(
    `SELECT i.key, i.status, s.subject, s.window_start, s.frozen_at, i.sent_at, s.public_html, s.public_text
     FROM issues i JOIN snapshots s ON s.issue = i.key WHERE i.key = ? AND i.status IN ('sending', 'sent')`,
  ),
  /** The links of an issue whose send has started (JSON array), for click redirects. */
  sentLinks: db.prepare<[string], { links: string }>(
    `SELECT json_extract(s.body, '$.links') AS links FROM snapshots s JOIN issues i ON i.key = s.issue
     WHERE s.issue = ? AND i.status IN ('sending', 'sent')`,
  ),
  /** The newest issue that went out, by its week. */
  lastSent: db.prepare<[], { key: string }>(
    `SELECT i.key FROM issues i JOIN snapshots s ON s.issue = i.key WHERE i.status = 'sent'
     ORDER BY s.window_start DESC, i.key DESC LIMIT 1`,
  ),
  /** Stories (not events) of issues that went out for a week before `before` (UTC ISO), latest issue first. */
  sentBefore: db.prepare<[string], { url: string; issue: string }>(
    `SELECT ss.url, ss.issue FROM snapshot_stories ss JOIN snapshots s ON s.issue = ss.issue JOIN issues i ON i.key = s.issue
     WHERE i.status IN ('sending', 'sent') AND ss.is_event = 0 AND s.window_start < ?
     ORDER BY s.window_start DESC, ss.issue DESC`,
  ),
}));
