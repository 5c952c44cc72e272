// What only the SQLite ledger does (the shared behaviour is in test/store/contract/store-contract.ts).
import { describe, expect, it } from 'vitest';
import { SqliteLedger, addSubscriber, getSubscriber, type Database } from '../../src/store/index.js';
import { deliveryQueries } from '../../src/store/delivery-queries.js';
import { openTempDb, reopen } from './temp-db.js';

function addSubscribers(db: Database, emails: string[]): number[] {
  return emails.map((email) => addSubscriber(db, { email }, { via: 'test' }).subscriber.id);
}

describe('SqliteLedger on SQLite', () => {
  it('keeps the Message-ID, the reply and the time of each step', async () => {
    const db = openTempDb();
    let clock = new Date('2026-11-30T08:00:00Z');
    const ledger = new SqliteLedger(db, () => clock);
    const [id] = addSubscribers(db, ['ann@example.com']) as [number];
    await ledger.enqueue('w');
    await ledger.apply('w', [{ kind: 'submitting', subscriberId: id, messageId: '<x1@news.example>' }]);
    clock = new Date('2026-11-30T08:00:05Z');
    await ledger.apply('w', [{ kind: 'submitted', subscriberId: id, reply: '250 2.0.0 Ok: queued as ABC' }]);
    expect(ledger.get('w', id)).toEqual({
      state: 'submitted',
      attempts: 1,
      lastReply: '250 2.0.0 Ok: queued as ABC',
      messageId: '<x1@news.example>',
    });
    const row = db.prepare('SELECT updated_at FROM deliveries').get() as { updated_at: string };
    expect(row.updated_at).toBe('2026-11-30T08:00:05.000Z');
  });

  it('finds the open rows with the partial index, not a scan of the issue', () => {
    const db = openTempDb();
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${deliveryQueries(db).free.source}`).all({ issue: 'w', now: 0, limit: 10 }) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toContain('deliveries_open');
  });

  it('held and owners read the open rows with the partial index too', () => {
    const db = openTempDb();
    for (const name of ['held', 'owners'] as const) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${deliveryQueries(db)[name].source}`).all({ issue: 'w', now: 0 }) as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toContain('deliveries_open');
    }
  });

  it('checkpoints from a worker thread between its first lease and its release (the sender only as a backstop)', async () => {
    const db = openTempDb();
    const ledger = new SqliteLedger(db);
    addSubscribers(db, ['a@example.com', 'b@example.com']);
    await ledger.enqueue('w');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    await ledger.lease('w', 'me', 1, 60_000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    await ledger.lease('w', 'me', 1, 60_000);
    await ledger.release('w', 'me');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
  });

  it('sees the writes of another connection to the same file, leases included', async () => {
    const db = openTempDb();
    const other = reopen(db.file);
    const ids = addSubscribers(db, ['a@example.com', 'b@example.com', 'c@example.com']);
    const mine = new SqliteLedger(db);
    const theirs = new SqliteLedger(other);
    expect(await mine.enqueue('w')).toBe(3);
    expect(await theirs.enqueue('w')).toBe(0);
    await theirs.apply('w', [{ kind: 'failed', subscriberId: ids[0]!, reply: '550 gone', bounced: true }]);
    expect(getSubscriber(db, ids[0]!)?.status).toBe('bounced');
    expect((await theirs.lease('w', 'them', 1, 60_000)).map((r) => r.subscriberId)).toEqual([ids[1]]);
    expect((await mine.lease('w', 'me', 10, 60_000)).map((r) => r.subscriberId)).toEqual([ids[2]]);
    expect(await mine.owners('w')).toEqual(expect.arrayContaining(['me', 'them']));
  });

  it('sends each of 5,000 subscribers once when leased 250 at a time and settled as it goes', async () => {
    const db = openTempDb();
    const ledger = new SqliteLedger(db);
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) addSubscriber(db, { email: `p${i}@example.com` }, { via: 'test' });
    })();
    expect(await ledger.enqueue('w')).toBe(5000);
    const sent = new Set<number>();
    for (;;) {
      const batch = await ledger.lease('w', 'me', 250, 60_000);
      if (batch.length === 0) break;
      expect(batch.length).toBeLessThanOrEqual(250);
      for (const r of batch) {
        expect(sent.has(r.subscriberId)).toBe(false);
        sent.add(r.subscriberId);
      }
      await ledger.apply('w', batch.flatMap((r) => [
        { kind: 'submitting' as const, subscriberId: r.subscriberId, messageId: `<${r.subscriberId}@mid>` },
        { kind: 'submitted' as const, subscriberId: r.subscriberId, reply: '250 OK' },
      ]));
    }
    expect(sent.size).toBe(5000);
    expect(await ledger.counts('w')).toEqual({ pending: 0, submitting: 0, submitted: 5000, failed: 0, bounced: 0 });
  });
});
