// Subscribers on PostgreSQL: the same rules as SQLite's (src/store/subscribers-store.ts, plan-import.ts),
// the rows locked (FOR UPDATE) between reading and changing them, so two web servers never undo each other.
import type pg from 'pg';
import { RoundupError } from '../../errors.js';
import { checkEmail, emailKey } from '../email-address.js';
import type { SubscriberRepo } from '../store.js';
import { cleanName, mergeTopics } from '../subscriber-fields.js';
import { planImport } from '../plan-import.js';
import { LEFT_STATUSES, SUBSCRIBER_STATUSES, toSubscriber, type SubscriberRow, type SubscriberStatus } from '../subscriber-queries.js';
import { mergeOnAdd } from '../subscribers-store.js';
import { inTransaction, type Queryable } from './pg-pool.js';

const COLUMNS = 'id, email, email_key, name, topics, status, joined_at, joined_via, left_at, left_via, updated_at';

async function one(q: Queryable, sql: string, params: unknown[]): Promise<SubscriberRow | undefined> {
  return (await q.query<SubscriberRow>(sql, params)).rows[0];
}

const byKey = (q: Queryable, key: string, lock = false) => one(q, `SELECT ${COLUMNS} FROM subscribers WHERE email_key = $1${lock ? ' FOR UPDATE' : ''}`, [key]);
const byId = (q: Queryable, id: number, lock = false) => one(q, `SELECT ${COLUMNS} FROM subscribers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);

async function setStatus(q: Queryable, id: number, status: SubscriberStatus, now: string, via: string): Promise<number> {
  const result = await q.query(
    `UPDATE subscribers SET status = $2,
       left_at = CASE WHEN $2 IN ('unsubscribed', 'bounced', 'complained') THEN $3 ELSE NULL END,
       left_via = CASE WHEN $2 IN ('unsubscribed', 'bounced', 'complained') THEN $4 ELSE NULL END,
       updated_at = $3
     WHERE id = $1`,
    [id, status, now, via],
  );
  return result.rowCount ?? 0;
}

const updateProfile = (q: Queryable, id: number, name: string, topics: readonly string[], now: string) =>
  q.query('UPDATE subscribers SET name = $2, topics = $3, updated_at = $4 WHERE id = $1', [id, name, JSON.stringify(topics), now]);

/** Inserts, or finds the row a concurrent insert made (locked either way). */
async function insertOrLock(
  q: Queryable,
  values: { email: string; key: string; name: string; topics: readonly string[]; status: SubscriberStatus; now: string; via: string },
): Promise<{ row: SubscriberRow; created: boolean }> {
  const inserted = await one(
    q,
    `INSERT INTO subscribers (email, email_key, name, topics, status, joined_at, joined_via, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $6) ON CONFLICT (email_key) DO NOTHING RETURNING ${COLUMNS}`,
    [values.email, values.key, values.name, JSON.stringify(values.topics), values.status, values.now, values.via],
  );
  if (inserted) return { row: inserted, created: true };
  return { row: (await byKey(q, values.key, true))!, created: false };
}

export function pgSubscribers(pool: pg.Pool): SubscriberRepo {
  return {
    async add(input, options) {
      const checked = checkEmail(input.email);
      if (!checked.ok) {
        throw new RoundupError('SUBSCRIBER_INVALID', `Subscriber address \`${input.email}\` is not accepted: ${checked.reason}. Give an address like name@example.com.`);
      }
      const now = (options.now ?? new Date()).toISOString();
      const name = cleanName(input.name);
      const topics = mergeTopics([], input.topics ?? []);
      return inTransaction(pool, async (c) => {
        const key = emailKey(checked.email);
        const existing = await byKey(c, key, true);
        if (!existing) {
          const made = await insertOrLock(c, { email: checked.email, key, name, topics, status: input.status ?? 'active', now, via: options.via });
          if (made.created) return { subscriber: toSubscriber(made.row), created: true };
        }
        const row = existing ?? (await byKey(c, key, true))!;
        const change = mergeOnAdd(toSubscriber(row), { name, topics, status: input.status }, options);
        await updateProfile(c, row.id, change.name, change.topics, now);
        if (change.status !== undefined) await setStatus(c, row.id, change.status, now, options.via);
        return { subscriber: toSubscriber((await byId(c, row.id))!), created: false };
      });
    },
    async get(id) {
      const row = await byId(pool, id);
      return row && toSubscriber(row);
    },
    async getByEmail(email) {
      const row = await byKey(pool, emailKey(email));
      return row && toSubscriber(row);
    },
    async remove(idOrEmail, options) {
      return inTransaction(pool, async (c) => {
        const row = typeof idOrEmail === 'number' ? await byId(c, idOrEmail, true) : await byKey(c, emailKey(idOrEmail), true);
        if (!row) return undefined;
        if (LEFT_STATUSES.includes(row.status)) return { subscriber: toSubscriber(row), changed: false };
        await setStatus(c, row.id, 'unsubscribed', (options.now ?? new Date()).toISOString(), options.via);
        return { subscriber: toSubscriber((await byId(c, row.id))!), changed: true };
      });
    },
    async setStatus(id, status, options) {
      if (!SUBSCRIBER_STATUSES.includes(status)) {
        throw new RoundupError('SUBSCRIBER_INVALID', `Expected a subscriber status (${SUBSCRIBER_STATUSES.join(', ')}), got \`${String(status)}\`.`);
      }
      const changed = await setStatus(pool, id, status, (options.now ?? new Date()).toISOString(), options.via);
      if (changed === 0) return undefined;
      const row = await byId(pool, id);
      return row && toSubscriber(row);
    },
    async updatePreferences(id, change, now) {
      return inTransaction(pool, async (c) => {
        const fresh = await byId(c, id, true);
        if (fresh?.status !== 'active' && fresh?.status !== 'paused') return false;
        const at = now.toISOString();
        await updateProfile(c, id, change.name, mergeTopics([], change.topics), at);
        const wanted: SubscriberStatus = change.paused ? 'paused' : 'active';
        if (wanted !== fresh.status) await setStatus(c, id, wanted, at, 'preferences');
        return true;
      });
    },
    async count() {
      const counts = Object.fromEntries(SUBSCRIBER_STATUSES.map((s) => [s, 0])) as Record<SubscriberStatus, number>;
      const { rows } = await pool.query<{ status: SubscriberStatus; count: number }>('SELECT status, count(*) AS count FROM subscribers GROUP BY status');
      for (const { status, count } of rows) counts[status] = count;
      return counts;
    },
    async page(options) {
      const afterId = options.afterId ?? 0;
      const limit = options.limit ?? 1000;
      const { rows } =
        options.status === undefined
          ? await pool.query<SubscriberRow>(`SELECT ${COLUMNS} FROM subscribers WHERE id > $1 ORDER BY id LIMIT $2`, [afterId, limit])
          : await pool.query<SubscriberRow>(`SELECT ${COLUMNS} FROM subscribers WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3`, [options.status, afterId, limit]);
      return rows.map(toSubscriber);
    },
    async importBatch(rows, options) {
      const now = options.now.toISOString();
      // Three statements a batch: the known rows (locked), the new ones, the changed ones. An address someone
      // else adds between the first and the second (a sign-up on a web server) makes the insert skip it: the
      // batch is then judged again, all or nothing.
      for (let attempt = 1; ; attempt++) {
        const counts = await inTransaction(pool, async (c) => {
          const keys = [...new Set(rows.map((r) => emailKey(r.email)))];
          const { rows: found } = await c.query<SubscriberRow>(`SELECT ${COLUMNS} FROM subscribers WHERE email_key = ANY($1) FOR UPDATE`, [keys]);
          const plan = planImport(rows, new Map(found.map((row) => [row.email_key, toSubscriber(row)])));
          if (plan.inserts.length > 0) {
            const { rowCount } = await c.query(
              `INSERT INTO subscribers (email, email_key, name, topics, status, joined_at, joined_via, updated_at)
               SELECT e, k, n, t, s, $6, $7, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v(e, k, n, t, s)
               ON CONFLICT (email_key) DO NOTHING`,
              [
                plan.inserts.map((r) => r.email),
                plan.inserts.map((r) => r.key),
                plan.inserts.map((r) => r.name),
                plan.inserts.map((r) => JSON.stringify(r.topics)),
                plan.inserts.map((r) => r.status),
                now,
                options.via,
              ],
            );
            if (rowCount !== plan.inserts.length) throw new AddedMeanwhile();
          }
          if (plan.updates.length > 0) {
            await c.query(
              `UPDATE subscribers s SET name = v.n, topics = v.t, updated_at = $4
               FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, n, t) WHERE s.id = v.id`,
              [plan.updates.map((u) => u.id), plan.updates.map((u) => u.name), plan.updates.map((u) => JSON.stringify(u.topics)), now],
            );
          }
          return plan.counts;
        }).catch((error: unknown) => {
          if (error instanceof AddedMeanwhile && attempt < 5) return undefined;
          throw error;
        });
        if (counts) return counts;
      }
    },
  };
}

/** An address of the batch was added by someone else during it: the batch is judged again. */
class AddedMeanwhile extends Error {}
