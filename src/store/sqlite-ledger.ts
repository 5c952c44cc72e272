// The delivery ledger (src/deliver/ledger.ts) on SQLite. Each method is one statement or one transaction, so a
// crash leaves every row in a state the glossary describes. SQLite runs them synchronously; the Promise is the
// contract's (a shared database answers later). Leases use this machine's clock: a SQLite file has one host.
import type { DeliveryState, Ledger, LedgerOp, Recipient } from '../deliver/ledger.js';
import { deliveryQueries } from './delivery-queries.js';
import type { Database } from './open-database.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';
import { retryOnBusy, writeTransaction } from './write-transaction.js';

const STATES: readonly DeliveryState[] = ['pending', 'submitting', 'submitted', 'failed', 'bounced'];

/** What a row says, for tests and tools (not part of the Ledger contract). */
export interface DeliveryRecord {
  state: DeliveryState;
  attempts: number;
  lastReply: string | null;
  messageId: string | null;
}

export class SqliteLedger implements Ledger {
  /** Runs from this process's first lease to its release (wal-checkpointer.ts). */
  private checkpointer: WalCheckpointer | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Stops the background checkpoints, if a send started them (the store's close calls it). */
  async stopCheckpoints(): Promise<void> {
    const running = this.checkpointer;
    this.checkpointer = undefined;
    await running?.stop();
  }

  private now(): string {
    return this.clock().toISOString();
  }

  async enqueue(issue: string): Promise<number> {
    return retryOnBusy(() => deliveryQueries(this.db).enqueue.run({ issue, now: this.now() }).changes);
  }

  async lease(issue: string, worker: string, limit: number, leaseMs: number): Promise<Recipient[]> {
    this.checkpointer ??= startWalCheckpointer(this.db); // a send is under way: its commits stop checkpointing
    const q = deliveryQueries(this.db);
    return writeTransaction(this.db, () => {
      const now = this.clock().getTime();
      const batch: Recipient[] = [];
      while (batch.length < limit) {
        const want = limit - batch.length;
        const rows = q.free.all({ issue, now, limit: want });
        if (rows.length > 0) {
          // one statement for the batch: the free rows from its first id to its last are exactly these rows
          q.holdRange.run({ issue, from: rows[0]!.subscriberId, to: rows[rows.length - 1]!.subscriberId, worker, now, until: now + leaseMs });
        }
        for (const row of rows) {
          if (row.status === 'active') {
            batch.push({ subscriberId: row.subscriberId, email: row.email, name: row.name, topics: JSON.parse(row.topics) as string[], attempts: row.attempts });
          } else {
            // left during a long send (unsubscribed, bounced, complained, paused): settled, not sent
            q.settle.run({ issue, id: row.subscriberId, state: 'failed', reply: `not sent: subscriber is ${row.status}`, now: this.now() });
          }
        }
        if (rows.length < want) break;
      }
      return batch;
    });
  }

  async renew(issue: string, worker: string, leaseMs: number): Promise<void> {
    retryOnBusy(() => deliveryQueries(this.db).renew.run({ issue, worker, until: this.clock().getTime() + leaseMs }));
  }

  async release(issue: string, worker: string): Promise<void> {
    retryOnBusy(() => deliveryQueries(this.db).release.run({ issue, worker }));
    await this.stopCheckpoints();
  }

  async held(issue: string): Promise<number> {
    return deliveryQueries(this.db).held.get({ issue, now: this.clock().getTime() })!.n;
  }

  /** Holders of live leases on the issue's open rows (to find one whose process is gone). */
  async owners(issue: string): Promise<string[]> {
    return deliveryQueries(this.db).owners.all({ issue, now: this.clock().getTime() }).map((r) => r.owner);
  }

  async apply(issue: string, ops: readonly LedgerOp[]): Promise<void> {
    const q = deliveryQueries(this.db);
    writeTransaction(this.db, () => {
      const now = this.now();
      for (const op of ops) {
        const id = op.subscriberId;
        switch (op.kind) {
          case 'submitting':
            q.submitting.run({ issue, id, messageId: op.messageId, now });
            break;
          case 'submitted':
            q.settle.run({ issue, id, state: 'submitted', reply: op.reply, now });
            break;
          case 'deferred':
            q.settle.run({ issue, id, state: 'pending', reply: op.reply, now });
            break;
          case 'interrupted':
            q.interrupted.run({ issue, id, reply: op.reply, now });
            break;
          case 'failed':
            q.settle.run({ issue, id, state: op.bounced ? 'bounced' : 'failed', reply: op.reply, now });
            if (op.bounced) q.bounceSubscriber.run({ id, now });
            break;
        }
      }
    });
  }

  async requeueFailed(issue: string): Promise<number> {
    return retryOnBusy(() => deliveryQueries(this.db).requeueFailed.run({ issue, now: this.now() }).changes);
  }

  async counts(issue: string): Promise<Record<DeliveryState, number>> {
    const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
    for (const { state, count } of deliveryQueries(this.db).counts.all(issue)) counts[state] = count;
    return counts;
  }

  async topErrors(issue: string, limit: number): Promise<{ reply: string; count: number }[]> {
    return deliveryQueries(this.db).topErrors.all(issue, limit);
  }

  /** One row, or undefined. */
  get(issue: string, subscriberId: number): DeliveryRecord | undefined {
    return deliveryQueries(this.db).get.get(issue, subscriberId);
  }
}
