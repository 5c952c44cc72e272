// What came back after the send, on PostgreSQL: the same rules as SQLite's (src/store/feedback-store.ts). Many web
// servers and mailbox readers may record at once, so `record` locks the subscriber's row first: everything said
// about one subscriber (the same bounce twice, soft bounces of two issues) is judged one after the other, each
// seeing what the one before committed.
import type pg from 'pg';
import { feedbackDetail, ledgerMessageId, statusAfterFeedback, type FeedbackInput, type FeedbackKind } from '../feedback-store.js';
import type { SubscriberStatus } from '../subscriber-queries.js';
import type { FeedbackRepo } from '../store.js';
import { inTransaction, type Queryable } from './pg-pool.js';

const hasLedgerRow = async (q: Queryable, issue: string, subscriberId: number) =>
  (await q.query('SELECT 1 FROM deliveries WHERE issue = $1 AND subscriber_id = $2', [issue, subscriberId])).rows.length > 0;

/** One row per (issue, subscriber, kind): false when it was there already (or another server's just committed). */
async function insertFeedback(q: Queryable, input: FeedbackInput, detail: string): Promise<boolean> {
  const result = await q.query(
    `INSERT INTO feedback (issue, subscriber_id, kind, via, detail, received_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (issue, subscriber_id, kind) DO NOTHING`,
    [input.issue, input.subscriberId, input.kind, input.via, detail, input.now.toISOString()],
  );
  return result.rowCount === 1;
}

/** Issues (of the last `issues` that went out, by their week) in which the subscriber's mail soft-bounced. */
async function softBouncesInLastIssues(q: Queryable, subscriberId: number, issues: number): Promise<number> {
  const { rows } = await q.query<{ count: number }>(
    `SELECT count(*) AS count FROM feedback f
     WHERE f.subscriber_id = $1 AND f.kind = 'soft-bounce' AND f.issue IN (
       SELECT i.key FROM issues i LEFT JOIN snapshots s ON s.issue = i.key
       WHERE i.status IN ('sending', 'sent')
       ORDER BY coalesce(s.window_start, i.sent_at, i.key) COLLATE "C" DESC LIMIT $2)`,
    [subscriberId, issues],
  );
  return rows[0]!.count;
}

/** Moves the (locked) subscriber to the status the feedback calls for; undefined when it changed nothing. */
async function leave(q: Queryable, current: SubscriberStatus, input: FeedbackInput): Promise<SubscriberStatus | undefined> {
  const next = statusAfterFeedback(current, input);
  if (!next) return undefined;
  const now = input.now.toISOString();
  await q.query('UPDATE subscribers SET status = $2, left_at = $3, left_via = $4, updated_at = $3 WHERE id = $1', [input.subscriberId, next.status, now, next.via]);
  return next.status;
}

export function pgFeedback(pool: pg.Pool): FeedbackRepo {
  return {
    record: (input, rule) =>
      inTransaction(pool, async (c) => {
        // the row lock first: two servers given the same bounce queue here, and the second finds the first's row
        const subscriber = (await c.query<{ status: SubscriberStatus }>('SELECT status FROM subscribers WHERE id = $1 FOR UPDATE', [input.subscriberId])).rows[0];
        if (!subscriber || !(await hasLedgerRow(c, input.issue, input.subscriberId))) return { result: 'not-sent' };
        const detail = feedbackDetail(input.detail);
        if (!(await insertFeedback(c, input, detail))) return { result: 'duplicate' };
        if (input.kind === 'soft-bounce' && (await softBouncesInLastIssues(c, input.subscriberId, rule.issues)) < rule.count) return { result: 'recorded' };
        const status = await leave(c, subscriber.status, input);
        return status ? { result: 'recorded', status } : { result: 'recorded' };
      }),

    async noteUnsubscribe(input) {
      // one statement: the row only when the issue's ledger has one for them, and only once
      await pool.query(
        `INSERT INTO feedback (issue, subscriber_id, kind, via, detail, received_at)
         SELECT d.issue, d.subscriber_id, 'unsubscribe', $3, '', $4 FROM deliveries d WHERE d.issue = $1 AND d.subscriber_id = $2
         ON CONFLICT (issue, subscriber_id, kind) DO NOTHING`,
        [input.issue, input.subscriberId, input.via, input.now.toISOString()],
      );
    },

    async deliveryByMessageId(messageId) {
      const id = ledgerMessageId(messageId);
      if (id === undefined) return undefined;
      const { rows } = await pool.query<{ issue: string; subscriber_id: number }>('SELECT issue, subscriber_id FROM deliveries WHERE message_id = $1 LIMIT 1', [id]);
      const row = rows[0];
      return row && { issue: row.issue, subscriberId: row.subscriber_id };
    },

    async webhookSeen(provider, id, now, keepMs) {
      const { rowCount } = await pool.query('SELECT 1 FROM webhook_messages WHERE provider = $1 AND id = $2 AND received_at >= $3', [
        provider,
        id,
        new Date(now.getTime() - keepMs).toISOString(),
      ]);
      return (rowCount ?? 0) > 0;
    },

    rememberWebhook: (provider, id, now, keepMs) =>
      inTransaction(pool, async (c) => {
        await c.query('DELETE FROM webhook_messages WHERE received_at < $1', [new Date(now.getTime() - keepMs).toISOString()]);
        const result = await c.query('INSERT INTO webhook_messages (provider, id, received_at) VALUES ($1, $2, $3) ON CONFLICT (provider, id) DO NOTHING', [
          provider,
          id,
          now.toISOString(),
        ]);
        return result.rowCount === 1;
      }),

    async counts(issue) {
      // byte order, as SQLite sorts: the same report whatever the database's collation
      const { rows } = await pool.query<{ kind: FeedbackKind; via: string; count: number }>(
        'SELECT kind, via, count(*) AS count FROM feedback WHERE issue = $1 GROUP BY kind, via ORDER BY kind COLLATE "C", via COLLATE "C"',
        [issue],
      );
      return rows;
    },
  };
}
