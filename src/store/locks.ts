// Named leases, so that two runs at once cannot both send. A lock is a row (name, holder, expires_at); taking
// it is one IMMEDIATE transaction (SQLite's write lock, so two connections cannot both see it free). A lock
// past its expiry is taken over: a crashed run does not block the next one for longer than its ttl. The
// holder renews by acquiring again before it expires.
import { lockQueries } from './lock-queries.js';
import type { Database } from './open-database.js';
import { writeTransaction } from './write-transaction.js';

export interface LockState {
  acquired: boolean;
  /** Who holds it now (us when acquired). */
  holder: string;
  expiresAt: string;
}

/**
 * Takes the lock `name` for `holder` for `ttlMs`, if it is free, expired, or already held by `holder` (then
 * it is renewed). Otherwise `acquired` is false and `holder`/`expiresAt` say who has it until when.
 */
export function acquireLock(db: Database, name: string, holder: string, ttlMs: number, now = new Date()): LockState {
  const q = lockQueries(db);
  return writeTransaction(db, (): LockState => {
    const current = q.get.get(name);
    const nowIso = now.toISOString();
    if (current !== undefined && current.holder !== holder && current.expires_at > nowIso) {
      return { acquired: false, holder: current.holder, expiresAt: current.expires_at };
    }
    const expires = new Date(now.getTime() + ttlMs).toISOString();
    q.put.run({ name, holder, now: nowIso, expires });
    return { acquired: true, holder, expiresAt: expires };
  });
}

/** Gives the lock up, if `holder` has it. Returns whether it did. */
export function releaseLock(db: Database, name: string, holder: string): boolean {
  return lockQueries(db).release.run(name, holder).changes > 0;
}
