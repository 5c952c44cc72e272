import type { Ledger, LedgerOp } from './ledger.js';

/** Ledger writes that settle when committed. */
export interface LedgerWriter {
  /** Queues one change; resolves once it is committed, rejects if the commit failed. */
  write(op: LedgerOp): Promise<void>;
}

/** How long a change may wait for others to share its commit, and how many share one at most. */
export const GROUP_COMMIT = { windowMs: 2, maxOps: 256 };

/**
 * Commits the ledger changes queued within a short window together (`ledger.apply`, one transaction): the first
 * change waits up to `windowMs` for others (the intents and replies of the other messages in flight), or less once
 * `maxOps` are queued. A send of 40 messages in flight commits a few dozen changes at a time instead of two or
 * three, the cost of a commit shared by all. Callers await each write before acting on it (the intent before the
 * SMTP call, the outcome before the slot is reused), so crash safety is the same as with one commit per write; the
 * window only delays each message by a few milliseconds, hidden behind the others in flight.
 */
export function createLedgerWriter(ledger: Pick<Ledger, 'apply'>, issue: string, group = GROUP_COMMIT): LedgerWriter {
  let queued: { op: LedgerOp; resolve(): void; reject(error: unknown): void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const flush = () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = immediate = undefined;
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
        queued.push({ op, resolve, reject });
        if (queued.length >= group.maxOps) immediate ??= setImmediate(flush);
        else if (queued.length === 1) timer = setTimeout(flush, group.windowMs);
      });
    },
  };
}
