// The delivery ledger (src/deliver/ledger.ts) on SQLite. Each method is one statement or one transaction,
// so a crash leaves every row in a state the glossary describes.
import type { DeliveryState, Ledger, Recipient } from '../deliver/ledger.js';
import { deliveryQueries } from './delivery-queries.js';
import type { Database } from './open-database.js';
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
  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private now(): string {
    return this.clock().toISOString();
  }

  enqueue(issue: string): number {
    return retryOnBusy(() => deliveryQueries(this.db).enqueue.run({ issue, now: this.now() }).changes);
  }

  /**
   * Rows in pending or submitting after `afterId`, in subscriber id order. A subscriber who left after the
   * issue was enqueued (unsubscribed during a long send) is not sent to: their row becomes `failed` with the
   * reply `not sent: subscriber is <status>`, and the batch is filled up from the rows after it.
   */
  nextBatch(issue: string, afterId: number, limit: number): Recipient[] {
    const q = deliveryQueries(this.db);
    const batch: Recipient[] = [];
    let cursor = afterId;
    while (batch.length < limit) {
      const want = limit - batch.length;
      const rows = q.openPage.all({ issue, afterId: cursor, limit: want });
      for (const row of rows) {
        if (row.status === 'active') {
          batch.push({ subscriberId: row.subscriberId, email: row.email, name: row.name, topics: JSON.parse(row.topics) as string[], attempts: row.attempts });
        } else {
          const settle = { issue, id: row.subscriberId, state: 'failed' as const, reply: `not sent: subscriber is ${row.status}`, now: this.now() };
          retryOnBusy(() => q.settle.run(settle));
        }
      }
      if (rows.length < want) break;
      cursor = rows[rows.length - 1]!.subscriberId;
    }
    return batch;
  }

  markSubmitting(issue: string, subscriberId: number, messageId: string): void {
    retryOnBusy(() => deliveryQueries(this.db).submitting.run({ issue, id: subscriberId, messageId, now: this.now() }));
  }

  markSubmitted(issue: string, subscriberId: number, reply: string): void {
    retryOnBusy(() => deliveryQueries(this.db).settle.run({ issue, id: subscriberId, state: 'submitted', reply, now: this.now() }));
  }

  markDeferred(issue: string, subscriberId: number, reply: string): void {
    retryOnBusy(() => deliveryQueries(this.db).settle.run({ issue, id: subscriberId, state: 'pending', reply, now: this.now() }));
  }

  markInterrupted(issue: string, subscriberId: number, reply: string): void {
    retryOnBusy(() => deliveryQueries(this.db).interrupted.run({ issue, id: subscriberId, reply, now: this.now() }));
  }

  markFailed(issue: string, subscriberId: number, reply: string, bounced: boolean): void {
    const q = deliveryQueries(this.db);
    const now = this.now();
    writeTransaction(this.db, () => {
      q.settle.run({ issue, id: subscriberId, state: bounced ? 'bounced' : 'failed', reply, now });
      if (bounced) q.bounceSubscriber.run({ id: subscriberId, now });
    });
  }

  /** The mark* calls inside `writes` as one transaction (the send loop commits one event-loop turn's writes together). */
  batch(writes: () => void): void {
    writeTransaction(this.db, writes);
  }

  requeueFailed(issue: string): number {
    return retryOnBusy(() => deliveryQueries(this.db).requeueFailed.run({ issue, now: this.now() }).changes);
  }

  counts(issue: string): Record<DeliveryState, number> {
    const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
    for (const { state, count } of deliveryQueries(this.db).counts.all(issue)) counts[state] = count;
    return counts;
  }

  topErrors(issue: string, limit: number): { reply: string; count: number }[] {
    return deliveryQueries(this.db).topErrors.all(issue, limit);
  }

  /** One row, or undefined. */
  get(issue: string, subscriberId: number): DeliveryRecord | undefined {
    return deliveryQueries(this.db).get.get(issue, subscriberId);
  }
}
