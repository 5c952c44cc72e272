// Every SQL statement on the `deliveries` table (the ledger), prepared once per connection.
import type { DeliveryState } from '../deliver/ledger.js';
import { cachedStatements } from './cached-statements.js';

export interface BatchRow {
  subscriberId: number;
  email: string;
  name: string;
  /** JSON array. */
  topics: string;
  attempts: number;
  status: string;
}

export const deliveryQueries = cachedStatements((db) => ({
  /** One statement: a pending row for every active subscriber without one for this issue. */
  enqueue: db.prepare<{ issue: string; now: string }>(
    `INSERT INTO deliveries (issue, subscriber_id, state, attempts, updated_at)
     SELECT @issue, s.id, 'pending', 0, @now FROM subscribers s
     WHERE s.status = 'active'
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.issue = @issue AND d.subscriber_id = s.id)`,
  ),
  /**
   * The first open rows no live lease holds, with their subscriber. INDEXED BY: the planner would otherwise walk
   * the primary key from the issue's first row past every settled one, on each lease of a long send.
   */
  free: db.prepare<{ issue: string; now: number; limit: number }, BatchRow>(
    `SELECT d.subscriber_id AS subscriberId, s.email, s.name, s.topics, d.attempts, s.status
     FROM deliveries d INDEXED BY deliveries_open JOIN subscribers s ON s.id = d.subscriber_id
     WHERE d.issue = @issue AND d.state IN ('pending', 'submitting') AND (d.lease_until IS NULL OR d.lease_until < @now)
     ORDER BY d.subscriber_id LIMIT @limit`,
  ),
  /** Holds the free rows with ids from..to (what `free` just returned, read in the same transaction). */
  holdRange: db.prepare<{ issue: string; from: number; to: number; worker: string; now: number; until: number }>(
    `UPDATE deliveries SET lease_owner = @worker, lease_until = @until
     WHERE issue = @issue AND subscriber_id BETWEEN @from AND @to AND state IN ('pending', 'submitting')
       AND (lease_until IS NULL OR lease_until < @now)`,
  ),
  renew: db.prepare<{ issue: string; worker: string; until: number }>(
    `UPDATE deliveries SET lease_until = @until
     WHERE issue = @issue AND lease_owner = @worker AND state IN ('pending', 'submitting')`,
  ),
  release: db.prepare<{ issue: string; worker: string }>(
    'UPDATE deliveries SET lease_owner = NULL, lease_until = NULL WHERE issue = @issue AND lease_owner = @worker',
  ),
  /** INDEXED BY (here and in `owners`): only the open rows, not every row of the issue. */
  held: db.prepare<{ issue: string; now: number }, { n: number }>(
    `SELECT count(*) AS n FROM deliveries INDEXED BY deliveries_open
     WHERE issue = @issue AND state IN ('pending', 'submitting') AND lease_until >= @now`,
  ),
  owners: db.prepare<{ issue: string; now: number }, { owner: string }>(
    `SELECT DISTINCT lease_owner AS owner FROM deliveries INDEXED BY deliveries_open
     WHERE issue = @issue AND state IN ('pending', 'submitting') AND lease_until >= @now`,
  ),
  submitting: db.prepare<{ issue: string; id: number; messageId: string; now: string }>(
    `UPDATE deliveries SET state = 'submitting', attempts = attempts + 1, message_id = @messageId, updated_at = @now
     WHERE issue = @issue AND subscriber_id = @id`,
  ),
  /** Moves a row to a state and keeps the server's reply. */
  settle: db.prepare<{ issue: string; id: number; state: DeliveryState; reply: string; now: string }>(
    `UPDATE deliveries SET state = @state, last_reply = @reply, updated_at = @now
     WHERE issue = @issue AND subscriber_id = @id`,
  ),
  /** A broken connection: pending again, the attempt `submitting` counted taken back. */
  interrupted: db.prepare<{ issue: string; id: number; reply: string; now: string }>(
    `UPDATE deliveries SET state = 'pending', attempts = max(attempts - 1, 0), last_reply = @reply, updated_at = @now
     WHERE issue = @issue AND subscriber_id = @id`,
  ),
  /** The subscriber of a bounced row (unless they already left for another reason). */
  bounceSubscriber: db.prepare<{ id: number; now: string }>(
    `UPDATE subscribers SET status = 'bounced', left_at = @now, left_via = 'bounce', updated_at = @now
     WHERE id = @id AND status NOT IN ('unsubscribed', 'bounced', 'complained')`,
  ),
  /** `--retry-failed`: attempts start again, so the retry limit applies afresh. */
  requeueFailed: db.prepare<{ issue: string; now: string }>(
    `UPDATE deliveries SET state = 'pending', attempts = 0, updated_at = @now
     WHERE issue = @issue AND state = 'failed'`,
  ),
  counts: db.prepare<[string], { state: DeliveryState; count: number }>(
    'SELECT state, count(*) AS count FROM deliveries WHERE issue = ? GROUP BY state',
  ),
  topErrors: db.prepare<[string, number], { reply: string; count: number }>(
    `SELECT coalesce(last_reply, '') AS reply, count(*) AS count FROM deliveries
     WHERE issue = ? AND (state IN ('failed', 'bounced') OR (state = 'pending' AND last_reply IS NOT NULL))
     GROUP BY 1 ORDER BY count DESC, reply LIMIT ?`,
  ),
  /** The row a Message-ID (without brackets) was recorded for: the last attempt's. */
  byMessageId: db.prepare<[string], { issue: string; subscriberId: number; state: DeliveryState; updatedAt: string }>(
    `SELECT issue, subscriber_id AS subscriberId, state, updated_at AS updatedAt FROM deliveries WHERE message_id = ?`,
  ),
  /** One row's state and when it last changed (for a submitted row: when the server accepted it). */
  stateOf: db.prepare<[string, number], { state: DeliveryState; updatedAt: string }>(
    'SELECT state, updated_at AS updatedAt FROM deliveries WHERE issue = ? AND subscriber_id = ?',
  ),
  get: db.prepare<
    [string, number],
    { state: DeliveryState; attempts: number; lastReply: string | null; messageId: string | null }
  >(
    `SELECT state, attempts, last_reply AS lastReply, message_id AS messageId FROM deliveries
     WHERE issue = ? AND subscriber_id = ?`,
  ),
}));
