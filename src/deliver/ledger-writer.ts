import type { Ledger, LedgerOp } from './ledger.js';

/** Ledger writes that settle when committed. */
export interface LedgerWriter {
  /** Queues one change; resolves once it is committed, rejects if the commit failed. */
  write(op: LedgerOp): Promise<void>;
}

/**
 * Commits the ledger changes queued during one event-loop turn together (`ledger.apply`, one transaction), at the
 * end of the turn (setImmediate): the replies of several connections read in one turn cost one commit instead of
 * one each. Callers await each write before acting on it (the intent before the SMTP call, the outcome before the
 * slot is reused), so crash safety is the same as with one commit per write; only the commits are fewer.
 */
export function createLedgerWriter(ledger: Pick<Ledger, 'apply'>, issue: string): LedgerWriter {
  let queued: { op: LedgerOp; resolve(): void; reject(error: unknown): void }[] = [];
  const flush = () => {
    const writes = queued;
    queued = [];
    ledger.apply(
      issue,
      writes.map((w) => w.op),
    ).then(
      () => writes.forEach((w) => w.resolve()),
      (error: unknown) => writes.forEach((w) => w.reject(error)),
    );
  };
  return {
    write(op) {
      return new Promise<void>((resolve, reject) => {
        if (queued.length === 0) setImmediate(flush);
        queued.push({ op, resolve, reject });
      });
    },
  };
}
