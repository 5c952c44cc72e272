import type { Database } from './open-database.js';

// SQLite has one writer at a time. Another process writing (a send's ledger, `roundup serve` recording an
// unsubscribe) makes us wait, up to `busy_timeout` (open-database.ts), then fail with SQLITE_BUSY. Two things
// keep that from losing work:
// - Transactions that read and then write take the write lock when they begin (IMMEDIATE). A DEFERRED one
//   that read first cannot wait for the lock when another process committed in between: SQLite fails it at
//   once (SQLITE_BUSY_SNAPSHOT) whatever the timeout. That is how unsubscribes were lost during sends.
// - What still meets SQLITE_BUSY (a database held longer than the timeout) is tried again, a few times.

/** How many times a busy database is tried, the first included: with a 15 s busy timeout, about a minute. */
export const BUSY_TRIES = 4;

/** Whether an error is SQLite's "the database is busy/locked" (any extended code of it). */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Runs `work` again while the database is busy, up to `tries` times; other errors pass through at once. */
export function retryOnBusy<T>(work: () => T, tries = BUSY_TRIES): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusyError(error) || attempt >= tries) throw error;
    }
  }
}

/**
 * Runs `work` as one IMMEDIATE transaction (all or nothing, the write lock held from the start), tried again
 * while the database is busy. Inside another transaction it is a savepoint of that one.
 */
export function writeTransaction<T>(db: Database, work: () => T): T {
  if (db.inTransaction) return db.transaction(work)();
  return retryOnBusy(() => db.transaction(work).immediate());
}
