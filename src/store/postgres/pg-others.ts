// Confirmations, locks, the senders of an issue, and shared limits on PostgreSQL: the same rules as SQLite's
// (confirmations.ts, locks.ts, sqlite-store.ts), each read-then-write in one transaction with the rows locked.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { judgeConfirmation } from '../confirmations.js';
import type { SubscriberStatus } from '../subscriber-queries.js';
import type { ConfirmationRepo, LimitRepo, LockRepo, SenderRecord, SenderRepo } from '../store.js';
import { DB_NOW_MS, inTransaction } from './pg-pool.js';

export function pgConfirmations(pool: pg.Pool): ConfirmationRepo {
  const judge = async (c: pg.PoolClient | pg.Pool, subscriberId: number, nonce: string, now: Date, lock: boolean) => {
    const row = (await c.query<{ subscriber_id: number; expires_at: string; used_at: string | null }>(
      `SELECT subscriber_id, expires_at, used_at FROM confirmations WHERE nonce = $1${lock ? ' FOR UPDATE' : ''}`,
      [nonce],
    )).rows[0];
    const subscriber = (await c.query<{ status: SubscriberStatus }>(`SELECT status FROM subscribers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [subscriberId])).rows[0];
    return judgeConfirmation(row, subscriberId, subscriber?.status, now);
  };
  return {
    async create(subscriberId, options) {
      const nonce = randomBytes(16).toString('base64url');
      const now = options.now.toISOString();
      await inTransaction(pool, async (c) => {
        await c.query('DELETE FROM confirmations WHERE expires_at <= $1', [now]);
        await c.query('INSERT INTO confirmations (nonce, subscriber_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
          nonce,
          subscriberId,
          now,
          new Date(options.now.getTime() + options.ttlMs).toISOString(),
        ]);
      });
      return nonce;
    },
    check: (subscriberId, nonce, now) => judge(pool, subscriberId, nonce, now, false),
    use: (subscriberId, nonce, now) =>
      inTransaction(pool, async (c) => {
        const outcome = await judge(c, subscriberId, nonce, now, true);
        if (outcome !== 'confirmed') return outcome;
        const at = now.toISOString();
        await c.query('UPDATE confirmations SET used_at = $2 WHERE nonce = $1', [nonce, at]);
        await c.query(
          `UPDATE subscribers SET status = 'active', left_at = NULL, left_via = NULL, updated_at = $2 WHERE id = $1`,
          [subscriberId, at],
        );
        return 'confirmed';
      }),
  };
}

export function pgLocks(pool: pg.Pool): LockRepo {
  return {
    acquire: (name, holder, ttlMs, now = new Date()) =>
      inTransaction(pool, async (c) => {
        await c.query('INSERT INTO locks (name, holder, acquired_at, expires_at) VALUES ($1, \'\', \'\', \'\') ON CONFLICT DO NOTHING', [name]);
        const current = (await c.query<{ holder: string; expires_at: string }>('SELECT holder, expires_at FROM locks WHERE name = $1 FOR UPDATE', [name])).rows[0]!;
        const nowIso = now.toISOString();
        if (current.holder !== '' && current.holder !== holder && current.expires_at > nowIso) {
          return { acquired: false, holder: current.holder, expiresAt: current.expires_at };
        }
        const expires = new Date(now.getTime() + ttlMs).toISOString();
        await c.query(
          `UPDATE locks SET acquired_at = CASE WHEN holder = $2 THEN acquired_at ELSE $3 END, holder = $2, expires_at = $4 WHERE name = $1`,
          [name, holder, nowIso, expires],
        );
        return { acquired: true, holder, expiresAt: expires };
      }),
    async release(name, holder) {
      return ((await pool.query('DELETE FROM locks WHERE name = $1 AND holder = $2', [name, holder])).rowCount ?? 0) > 0;
    },
  };
}

export function pgSenders(pool: pg.Pool): SenderRepo {
  return {
    async register(s) {
      await pool.query(
        `INSERT INTO send_workers (worker, issue, host, pid, started_at, seen_at) VALUES ($1, $2, $3, $4, ${DB_NOW_MS}, ${DB_NOW_MS})
         ON CONFLICT (worker) DO UPDATE SET seen_at = excluded.seen_at`,
        [s.worker, s.issue, s.host, s.pid],
      );
    },
    async heartbeat(worker, counts) {
      await pool.query(`UPDATE send_workers SET seen_at = ${DB_NOW_MS}, submitted = $2, failed = $3, bounced = $4 WHERE worker = $1`, [
        worker,
        counts.submitted,
        counts.failed,
        counts.bounced,
      ]);
    },
    async end(worker, status) {
      await pool.query(`UPDATE send_workers SET seen_at = ${DB_NOW_MS}, ended_at = ${DB_NOW_MS}, status = $2 WHERE worker = $1`, [worker, status]);
    },
    async list(issue) {
      const { rows } = await pool.query('SELECT * FROM send_workers WHERE issue = $1 ORDER BY started_at, worker', [issue]);
      return rows.map(
        (r): SenderRecord => ({
          worker: r.worker,
          issue: r.issue,
          host: r.host,
          pid: r.pid,
          startedAt: r.started_at,
          seenAt: r.seen_at,
          endedAt: r.ended_at ?? undefined,
          status: r.status,
          submitted: r.submitted,
          failed: r.failed,
          bounced: r.bounced,
        }),
      );
    },
    async reserve(issue, count, intervalMs) {
      // one statement: every sender's reservation queues on the issue's row, and each gets the next free start
      const { rows } = await pool.query<{ start: number }>(
        `INSERT INTO send_pace AS p (issue, next_at) VALUES ($1, ${DB_NOW_MS} + $2)
         ON CONFLICT (issue) DO UPDATE SET next_at = greatest(p.next_at, ${DB_NOW_MS}) + $2
         RETURNING next_at - $2 AS start`,
        [issue, count * intervalMs],
      );
      return rows[0]!.start;
    },
    async now() {
      return (await pool.query<{ now: number }>(`SELECT ${DB_NOW_MS} AS now`)).rows[0]!.now;
    },
  };
}

export function pgLimits(pool: pg.Pool): LimitRepo {
  return {
    take: (key, limit, windowMs, now) =>
      inTransaction(pool, async (c) => {
        const t = now.getTime();
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]); // one taker of a key at a time, on every server
        await c.query('DELETE FROM limit_events WHERE key = $1 AND at <= $2', [key, t - windowMs]);
        const { rows } = await c.query<{ n: number }>('SELECT count(*) AS n FROM limit_events WHERE key = $1 AND at > $2', [key, t - windowMs]);
        if (rows[0]!.n >= limit) return false;
        await c.query('INSERT INTO limit_events (key, at) VALUES ($1, $2)', [key, t]);
        return true;
      }),
  };
}
