import type { Ledger } from './ledger.js';

/** Ledger writes that settle when committed. */
export interface LedgerWriter {
  /** Queues `write` (one or more mark* calls); resolves once it is committed, rejects if the commit failed. */
  write(write: () => void): Promise<void>;
}

/**
 * Commits the ledger writes queued during one event-loop turn in one transaction (`ledger.batch`), at the end
 * of the turn (setImmediate): the replies of several connections read in one turn cost one commit instead of
 * one each. Callers await each write before acting on it (the intent before the SMTP call, the outcome before
 * the slot is reused), so crash safety is the same as with one commit per write; only the commits are fewer.
 * A ledger without `batch` commits each write at once.
 */
export function createLedgerWriter(ledger: Pick<Ledger, 'batch'>): LedgerWriter {
  const batch = ledger.batch?.bind(ledger);
  if (!batch) {
    return {
      write: async (write) => write(),
    };
  }
  let queued: { write: () => void; resolve(): void; reject(error: unknown): void }[] = [];
  const flush = () => {
    const writes = queued;
    queued = [];
    try {
      batch(() => {
        for (const w of writes) w.write();
      });
    } catch (error) {
      for (const w of writes) w.reject(error);
      return;
    }
    for (const w of writes) w.resolve();
  };
  return {
    write(write) {
      return new Promise<void>((resolve, reject) => {
        if (queued.length === 0) setImmediate(flush);
        queued.push({ write, resolve, reject });
      });
    },
  };
}
