// The store contract (src/store/store.ts) on PostgreSQL: one database shared by any number of senders and web
// servers (ROUNDUP_DB=postgres://...). A connection pool per process; the schema migrated on open.
import type { Store } from '../store.js';
import { pgClicks } from './pg-clicks.js';
import { pgFeedback } from './pg-feedback.js';
import { pgIssues, pgSnapshots } from './pg-issues.js';
import { pgLedger } from './pg-ledger.js';
import { pgConfirmations, pgLimits, pgLocks, pgSenders } from './pg-others.js';
import { describePostgresUrl } from '../postgres-url.js';
import { openPostgresPool } from './pg-pool.js';
import { pgSubscribers } from './pg-subscribers.js';

/** Opens the database at `url` (migrating it) as a Store. */
export async function openPostgresStore(url: string, options: { max?: number } = {}): Promise<Store> {
  const pool = await openPostgresPool(url, options);
  return {
    label: describePostgresUrl(url),
    kind: 'postgres',
    subscribers: pgSubscribers(pool),
    issues: pgIssues(pool),
    snapshots: pgSnapshots(pool),
    confirmations: pgConfirmations(pool),
    locks: pgLocks(pool),
    ledger: pgLedger(pool),
    senders: pgSenders(pool),
    limits: pgLimits(pool),
    feedback: pgFeedback(pool),
    clicks: pgClicks(pool),
    close: () => pool.end(),
  };
}
