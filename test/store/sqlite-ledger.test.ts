import { describe, expect, it } from 'vitest';
import {
  SqliteLedger,
  addSubscriber,
  getSubscriber,
  setSubscriberStatus,
  type Database,
} from '../../src/store/index.js';
import { ledgerContract, type LedgerFixture } from './ledger-contract.js';
import { openTempDb, reopen } from './temp-db.js';

function fixture(db: Database): LedgerFixture {
  return {
    ledger: new SqliteLedger(db),
    addSubscribers: (list) =>
      list.map(({ email, name, topics, status }) => addSubscriber(db, { email, name, topics, status }, { via: 'test' }).subscriber.id),
    statusOf: (id) => getSubscriber(db, id)?.status,
    setStatus: (id, status) => void setSubscriberStatus(db, id, status, { via: 'test' }),
  };
}

ledgerContract('SqliteLedger', () => fixture(openTempDb()));

describe('SqliteLedger on SQLite', () => {
  it('keeps the Message-ID, the reply and the time of each step', () => {
    const db = openTempDb();
    let clock = new Date('2026-11-30T08:00:00Z');
    const ledger = new SqliteLedger(db, () => clock);
    const { addSubscribers } = fixture(db);
    const [id] = addSubscribers([{ email: 'ann@example.com' }]) as [number];
    ledger.enqueue('w');
    ledger.markSubmitting('w', id, '<x1@news.example>');
    clock = new Date('2026-11-30T08:00:05Z');
    ledger.markSubmitted('w', id, '250 2.0.0 Ok: queued as ABC');
    expect(ledger.get('w', id)).toEqual({
      state: 'submitted',
      attempts: 1,
      lastReply: '250 2.0.0 Ok: queued as ABC',
      messageId: '<x1@news.example>',
    });
    const row = db.prepare('SELECT updated_at FROM deliveries').get() as { updated_at: string };
    expect(row.updated_at).toBe('2026-11-30T08:00:05.000Z');
  });

  it('pages over the open rows with the partial index, not a scan of the issue', () => {
    const db = openTempDb();
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT d.subscriber_id FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
         WHERE d.issue = 'w' AND d.state IN ('pending', 'submitting') AND d.subscriber_id > 0
         ORDER BY d.subscriber_id LIMIT 10`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toContain('deliveries_open');
  });

  it('sees the writes of another connection to the same file (the CLI and the send loop)', () => {
    const db = openTempDb();
    const other = reopen(db.file);
    const { addSubscribers } = fixture(db);
    const ids = addSubscribers([{ email: 'a@example.com' }, { email: 'b@example.com' }]);
    const mine = new SqliteLedger(db);
    const theirs = new SqliteLedger(other);
    expect(mine.enqueue('w')).toBe(2);
    expect(theirs.enqueue('w')).toBe(0);
    theirs.markFailed('w', ids[0]!, '550 gone', true);
    expect(getSubscriber(db, ids[0]!)?.status).toBe('bounced');
    expect(mine.nextBatch('w', 0, 10).map((r) => r.subscriberId)).toEqual([ids[1]]);
  });

  it('sends each of 5,000 subscribers once when paged 250 at a time and marked as it goes', () => {
    const db = openTempDb();
    const ledger = new SqliteLedger(db);
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) addSubscriber(db, { email: `p${i}@example.com` }, { via: 'test' });
    })();
    expect(ledger.enqueue('w')).toBe(5000);
    const sent = new Set<number>();
    let afterId = 0;
    for (;;) {
      const batch = ledger.nextBatch('w', afterId, 250);
      if (batch.length === 0) break;
      expect(batch.length).toBeLessThanOrEqual(250);
      for (const r of batch) {
        expect(sent.has(r.subscriberId)).toBe(false);
        sent.add(r.subscriberId);
        ledger.markSubmitting('w', r.subscriberId, `<${r.subscriberId}@mid>`);
        ledger.markSubmitted('w', r.subscriberId, '250 OK');
      }
      afterId = batch[batch.length - 1]!.subscriberId;
    }
    expect(sent.size).toBe(5000);
    expect(ledger.counts('w')).toEqual({ pending: 0, submitting: 0, submitted: 5000, failed: 0, bounced: 0 });
  });
});
