// Every SQL statement on the `feedback` table (what came back after the send), prepared once per connection.
import { cachedStatements } from './cached-statements.js';

export type FeedbackKind = 'hard-bounce' | 'soft-bounce' | 'complaint' | 'unsubscribe';

export interface FeedbackRow {
  issue: string;
  subscriber_id: number;
  kind: FeedbackKind;
  via: string;
  detail: string;
  received_at: string;
}

export const feedbackQueries = cachedStatements((db) => ({
  /** One row per (issue, subscriber, kind): `changes` is 0 when it was there already. */
  insert: db.prepare<FeedbackRow>(
    `INSERT OR IGNORE INTO feedback (issue, subscriber_id, kind, via, detail, received_at)
     VALUES (@issue, @subscriber_id, @kind, @via, @detail, @received_at)`,
  ),
  /** Issues (of the last `issues` that went out) in which a subscriber's mail soft-bounced. */
  softBouncesInLastIssues: db.prepare<{ id: number; issues: number }, { count: number }>(
    `SELECT count(*) AS count FROM feedback f
     WHERE f.subscriber_id = @id AND f.kind = 'soft-bounce' AND f.issue IN (
       SELECT i.key FROM issues i LEFT JOIN snapshots s ON s.issue = i.key
       WHERE i.status IN ('sending', 'sent')
       ORDER BY coalesce(s.window_start, i.sent_at, i.key) DESC LIMIT @issues)`,
  ),
  /** An issue's feedback by kind and way. */
  countsByKindAndVia: db.prepare<[string], { kind: FeedbackKind; via: string; count: number }>(
    'SELECT kind, via, count(*) AS count FROM feedback WHERE issue = ? GROUP BY kind, via ORDER BY kind, via',
  ),
  forSubscriber: db.prepare<[number], FeedbackRow>('SELECT * FROM feedback WHERE subscriber_id = ? ORDER BY received_at, issue'),
}));
