// The delivery ledger (src/deliver/ledger.ts) on PostgreSQL, shared by any number of senders on any number of
// machines. Leasing takes the first open rows nobody holds with FOR UPDATE SKIP LOCKED, so two senders asking at
// once get different rows without waiting for each other; lease times are the database's clock.
import type pg from 'pg';
import type { DeliveryState, LedgerOp, Recipient } from '../../deliver/ledger.js';
import type { StoreLedger } from '../store.js';
import { DB_NOW_MS, inTransaction } from './pg-pool.js';

const STATES: readonly DeliveryState[] = ['pending', 'submitting', 'submitted', 'failed', 'bounced'];
const OPEN = "state IN ('pending', 'submitting')";

export function pgLedger(pool: pg.Pool): StoreLedger {
  return {
    async enqueue(issue) {
      const result = await pool.query(
        `INSERT INTO deliveries (issue, subscriber_id, state, attempts, updated_at)
         SELECT $1, s.id, 'pending', 0, $2 FROM subscribers s WHERE s.status = 'active'
         ON CONFLICT (issue, subscriber_id) DO NOTHING`,
        [issue, new Date().toISOString()],
      );
      return result.rowCount ?? 0;
    },

    async lease(issue, worker, limit, leaseMs) {
      return inTransaction(pool, async (c) => {
        const batch: Recipient[] = [];
        while (batch.length < limit) {
          const want = limit - batch.length;
          const { rows } = await c.query<{ subscriber_id: number; attempts: number; email: string; name: string; topics: string; status: string }>(
            `WITH picked AS (
               SELECT d.subscriber_id FROM deliveries d
               WHERE d.issue = $1 AND d.${OPEN} AND (d.lease_until IS NULL OR d.lease_until < ${DB_NOW_MS})
               ORDER BY d.subscriber_id LIMIT $2 FOR UPDATE SKIP LOCKED
             ), held AS (
               UPDATE deliveries d SET lease_owner = $3, lease_until = ${DB_NOW_MS} + $4
               FROM picked WHERE d.issue = $1 AND d.subscriber_id = picked.subscriber_id
               RETURNING d.subscriber_id, d.attempts
             )
             SELECT held.subscriber_id, held.attempts, s.email, s.name, s.topics, s.status
             FROM held JOIN subscribers s ON s.id = held.subscriber_id ORDER BY held.subscriber_id`,
            [issue, want, worker, leaseMs],
          );
          for (const row of rows) {
            if (row.status === 'active') {
              batch.push({ subscriberId: row.subscriber_id, email: row.email, name: row.name, topics: JSON.parse(row.topics) as string[], attempts: row.attempts });
            } else {
              await c.query(
                `UPDATE deliveries SET state = 'failed', last_reply = $3, updated_at = $4, lease_owner = NULL, lease_until = NULL
                 WHERE issue = $1 AND subscriber_id = $2`,
                [issue, row.subscriber_id, `not sent: subscriber is ${row.status}`, new Date().toISOString()],
              );
            }
          }
          if (rows.length < want) break;
        }
        return batch;
      });
    },

    async renew(issue, worker, leaseMs) {
      await pool.query(`UPDATE deliveries SET lease_until = ${DB_NOW_MS} + $3 WHERE issue = $1 AND lease_owner = $2 AND ${OPEN}`, [issue, worker, leaseMs]);
    },

    async release(issue, worker) {
      await pool.query('UPDATE deliveries SET lease_owner = NULL, lease_until = NULL WHERE issue = $1 AND lease_owner = $2', [issue, worker]);
    },

    async held(issue) {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*) AS n FROM deliveries WHERE issue = $1 AND ${OPEN} AND lease_until >= ${DB_NOW_MS}`, [issue]);
      return rows[0]!.n;
    },

    async owners(issue) {
      const { rows } = await pool.query<{ owner: string }>(
        `SELECT DISTINCT lease_owner AS owner FROM deliveries WHERE issue = $1 AND ${OPEN} AND lease_until >= ${DB_NOW_MS}`,
        [issue],
      );
      return rows.map((r) => r.owner);
    },

    async apply(issue, ops) {
      if (ops.length === 0) return;
      await inTransaction(pool, async (c) => {
        const now = new Date().toISOString();
        for (const op of ops) await applyOne(c, issue, op, now);
      });
    },

    async requeueFailed(issue) {
      const result = await pool.query(`UPDATE deliveries SET state = 'pending', attempts = 0, updated_at = $2 WHERE issue = $1 AND state = 'failed'`, [
        issue,
        new Date().toISOString(),
      ]);
      return result.rowCount ?? 0;
    },

    async counts(issue) {
      const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
      const { rows } = await pool.query<{ state: DeliveryState; count: number }>('SELECT state, count(*) AS count FROM deliveries WHERE issue = $1 GROUP BY state', [issue]);
      for (const { state, count } of rows) counts[state] = count;
      return counts;
    },

    async topErrors(issue, limit) {
      const { rows } = await pool.query<{ reply: string; count: number }>(
        `SELECT coalesce(last_reply, '') AS reply, count(*) AS count FROM deliveries
         WHERE issue = $1 AND (state IN ('failed', 'bounced') OR (state = 'pending' AND last_reply IS NOT NULL))
         GROUP BY 1 ORDER BY count DESC, reply LIMIT $2`,
        [issue, limit],
      );
      return rows;
    },
  };
}

async function applyOne(c: pg.PoolClient, issue: string, op: LedgerOp, now: string): Promise<void> {
  const id = op.subscriberId;
  switch (op.kind) {
    case 'submitting':
      await c.query(
        `UPDATE deliveries SET state = 'submitting', attempts = attempts + 1, message_id = $3, updated_at = $4 WHERE issue = $1 AND subscriber_id = $2`,
        [issue, id, op.messageId, now],
      );
      return;
    case 'submitted':
    case 'deferred':
      await c.query('UPDATE deliveries SET state = $3, last_reply = $4, updated_at = $5 WHERE issue = $1 AND subscriber_id = $2', [
        issue,
        id,
        op.kind === 'submitted' ? 'submitted' : 'pending',
        op.reply,
        now,
      ]);
      return;
    case 'interrupted':
      await c.query(
        `UPDATE deliveries SET state = 'pending', attempts = greatest(attempts - 1, 0), last_reply = $3, updated_at = $4 WHERE issue = $1 AND subscriber_id = $2`,
        [issue, id, op.reply, now],
      );
      return;
    case 'failed':
      await c.query('UPDATE deliveries SET state = $3, last_reply = $4, updated_at = $5 WHERE issue = $1 AND subscriber_id = $2', [
        issue,
        id,
        op.bounced ? 'bounced' : 'failed',
        op.reply,
        now,
      ]);
      if (op.bounced) {
        await c.query(
          `UPDATE subscribers SET status = 'bounced', left_at = $2, left_via = 'bounce', updated_at = $2
           WHERE id = $1 AND status NOT IN ('unsubscribed', 'bounced', 'complained')`,
          [id, now],
        );
      }
      return;
  }
}
