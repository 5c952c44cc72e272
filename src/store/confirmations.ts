// Sign-up confirmations (double opt-in): each confirmation mail carries a single-use nonce with an expiry,
// kept here until used. What a confirmation can do is narrow on purpose:
// - an `unconfirmed` subscriber, or one who `unsubscribed` and signed up again (the nonce is newer than their
//   leaving: older ones were deleted when they left), becomes `active`;
// - `bounced` and `complained` are never made active by any link;
// - a used, expired, unknown or voided nonce changes nothing.
import { randomBytes } from 'node:crypto';
import { cachedStatements } from './cached-statements.js';
import type { Database } from './open-database.js';
import { subscriberQueries, type SubscriberStatus } from './subscriber-queries.js';
import { writeTransaction } from './write-transaction.js';

const confirmationQueries = cachedStatements((db) => ({
  insert: db.prepare<{ nonce: string; id: number; now: string; expires: string }>(
    'INSERT INTO confirmations (nonce, subscriber_id, created_at, expires_at) VALUES (@nonce, @id, @now, @expires)',
  ),
  get: db.prepare<[string], { subscriber_id: number; expires_at: string; used_at: string | null }>(
    'SELECT subscriber_id, expires_at, used_at FROM confirmations WHERE nonce = ?',
  ),
  use: db.prepare<{ nonce: string; now: string }>('UPDATE confirmations SET used_at = @now WHERE nonce = @nonce'),
  /** Expired ones are of no use to anyone; used ones are kept until then, so a replay is told apart. */
  prune: db.prepare<{ now: string }>('DELETE FROM confirmations WHERE expires_at <= @now'),
}));

/** Creates a confirmation for a subscriber; returns its nonce (for the signed link). */
export function createConfirmation(db: Database, subscriberId: number, options: { now: Date; ttlMs: number }): string {
  const nonce = randomBytes(16).toString('base64url');
  const now = options.now.toISOString();
  const expires = new Date(options.now.getTime() + options.ttlMs).toISOString();
  writeTransaction(db, () => {
    const q = confirmationQueries(db);
    q.prune.run({ now });
    q.insert.run({ nonce, id: subscriberId, now, expires });
  });
  return nonce;
}

/**
 * What a confirmation link did:
 * - `confirmed`: the subscriber is now active; `already`: it was used before and they are active or paused;
 * - `expired`: past its expiry; `void`: unknown, for another subscriber, used and no longer active, or voided
 *   when they left; `refused`: the subscriber bounced or complained, never made active by a link.
 */
export type ConfirmOutcome = 'confirmed' | 'already' | 'expired' | 'void' | 'refused';

/** Whether a confirmation link would confirm now, without using it (the GET page). */
export function checkConfirmation(db: Database, subscriberId: number, nonce: string, now: Date): ConfirmOutcome {
  return judge(db, subscriberId, nonce, now).outcome;
}

/** Uses a confirmation: the subscriber becomes active when the nonce allows it (one transaction). */
export function useConfirmation(db: Database, subscriberId: number, nonce: string, now: Date): ConfirmOutcome {
  return writeTransaction(db, () => {
    const { outcome } = judge(db, subscriberId, nonce, now);
    if (outcome !== 'confirmed') return outcome;
    const at = now.toISOString();
    confirmationQueries(db).use.run({ nonce, now: at });
    subscriberQueries(db).setStatus.run({ id: subscriberId, status: 'active', now: at, via: 'signup' });
    return 'confirmed';
  });
}

function judge(db: Database, subscriberId: number, nonce: string, now: Date): { outcome: ConfirmOutcome } {
  const row = confirmationQueries(db).get.get(nonce);
  const subscriber = subscriberQueries(db).byId.get(subscriberId);
  return { outcome: judgeConfirmation(row, subscriberId, subscriber?.status, now) };
}

/** What a confirmation link may do, from its row and its subscriber's status (both stores decide alike). Pure. */
export function judgeConfirmation(
  row: { subscriber_id: number; expires_at: string; used_at: string | null } | undefined,
  subscriberId: number,
  status: SubscriberStatus | undefined,
  now: Date,
): ConfirmOutcome {
  if (row === undefined || status === undefined || row.subscriber_id !== subscriberId) return 'void';
  if (status === 'bounced' || status === 'complained') return 'refused';
  if (row.used_at !== null) return status === 'active' || status === 'paused' ? 'already' : 'void';
  if (row.expires_at <= now.toISOString()) return 'expired';
  if (status === 'active' || status === 'paused') return 'already';
  return 'confirmed';
}

/** The three operations on one database (the SQLite store's confirmations). */
export function confirmationsOf(db: Database) {
  return {
    create: (subscriberId: number, options: { now: Date; ttlMs: number }) => createConfirmation(db, subscriberId, options),
    check: (subscriberId: number, nonce: string, now: Date) => checkConfirmation(db, subscriberId, nonce, now),
    use: (subscriberId: number, nonce: string, now: Date) => useConfirmation(db, subscriberId, nonce, now),
  };
}
