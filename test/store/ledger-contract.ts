// The contract every Ledger (src/deliver/ledger.ts) must keep, as one suite to run against each
// implementation (unstorage's testDriver() habit): the SQLite one here, any fake the send loop's tests use.
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/deliver/ledger.js';

export type SubscriberState = 'active' | 'unsubscribed' | 'bounced' | 'complained' | 'unconfirmed' | 'paused';

export interface LedgerFixture {
  ledger: Ledger;
  /** Adds subscribers (in this order, so ids ascend); returns their ids. */
  addSubscribers(emails: { email: string; name?: string; topics?: string[]; status?: SubscriberState }[]): number[];
  statusOf(id: number): SubscriberState | undefined;
  setStatus(id: number, status: SubscriberState): void;
}

const ISSUE = '2026-W48';

function people(n: number, from = 0) {
  return Array.from({ length: n }, (_, i) => ({ email: `p${from + i}@example.com`, name: `P ${from + i}` }));
}

/** Every recipient of an issue by paging with `limit`, as the send loop does (without sending). */
function drain(ledger: Ledger, issue: string, limit: number): number[] {
  const seen: number[] = [];
  let afterId = 0;
  for (;;) {
    const batch = ledger.nextBatch(issue, afterId, limit);
    if (batch.length === 0) return seen;
    seen.push(...batch.map((r) => r.subscriberId));
    afterId = batch[batch.length - 1]!.subscriberId;
  }
}

export function ledgerContract(name: string, setup: () => LedgerFixture): void {
  describe(`Ledger contract: ${name}`, () => {
    it('enqueues every active subscriber once; enqueue again adds only newcomers', () => {
      const { ledger, addSubscribers } = setup();
      addSubscribers([...people(5), { email: 'gone@example.com', status: 'unsubscribed' }, { email: 'b@example.com', status: 'bounced' }]);
      expect(ledger.enqueue(ISSUE)).toBe(5);
      expect(ledger.enqueue(ISSUE)).toBe(0);
      addSubscribers(people(2, 100));
      expect(ledger.enqueue(ISSUE)).toBe(2);
      expect(ledger.counts(ISSUE)).toEqual({ pending: 7, submitting: 0, submitted: 0, failed: 0, bounced: 0 });
      // another issue has its own rows
      expect(ledger.counts('2026-W49').pending).toBe(0);
      expect(ledger.enqueue('2026-W49')).toBe(7);
    });

    it('gives each recipient their topics (they choose the message variant)', () => {
      const { ledger, addSubscribers } = setup();
      const [a, b] = addSubscribers([{ email: 'a@example.com', topics: ['Digital ID', 'Opinion'] }, { email: 'b@example.com' }]);
      ledger.enqueue(ISSUE);
      expect(ledger.nextBatch(ISSUE, 0, 10).map((r) => [r.subscriberId, r.topics])).toEqual([
        [a, ['Digital ID', 'Opinion']],
        [b, []],
      ]);
    });

    it('pages through everyone exactly once, in id order, with name and attempts', () => {
      const { ledger, addSubscribers } = setup();
      const ids = addSubscribers(people(23));
      ledger.enqueue(ISSUE);
      for (const limit of [1, 5, 23, 100]) expect(drain(ledger, ISSUE, limit)).toEqual(ids);
      const [first] = ledger.nextBatch(ISSUE, 0, 1);
      expect(first).toEqual({ subscriberId: ids[0], email: 'p0@example.com', name: 'P 0', topics: [], attempts: 0 });
    });

    it('leaves submitted, failed and bounced rows out of batches; submitting rows come back (resent after a crash)', () => {
      const { ledger, addSubscribers } = setup();
      const ids = addSubscribers(people(6));
      ledger.enqueue(ISSUE);
      const [a, b, c, d, e] = ids as [number, number, number, number, number, number];
      ledger.markSubmitting(ISSUE, a, '<a@mid>');
      ledger.markSubmitted(ISSUE, a, '250 OK queued');
      ledger.markSubmitting(ISSUE, b, '<b@mid>'); // the crash: no outcome recorded
      ledger.markSubmitting(ISSUE, c, '<c@mid>');
      ledger.markFailed(ISSUE, c, '554 rejected', false);
      ledger.markSubmitting(ISSUE, d, '<d@mid>');
      ledger.markFailed(ISSUE, d, '550 no such user', true);
      ledger.markSubmitting(ISSUE, e, '<e@mid>');
      ledger.markDeferred(ISSUE, e, '451 try later');
      const batch = ledger.nextBatch(ISSUE, 0, 10);
      expect(batch.map((r) => r.subscriberId)).toEqual([b, e, ids[5]]);
      expect(batch.map((r) => r.attempts)).toEqual([1, 1, 0]);
      expect(ledger.counts(ISSUE)).toEqual({ pending: 2, submitting: 1, submitted: 1, failed: 1, bounced: 1 });
    });

    it('counts attempts across deferrals', () => {
      const { ledger, addSubscribers } = setup();
      const [id] = addSubscribers(people(1)) as [number];
      ledger.enqueue(ISSUE);
      for (let i = 0; i < 3; i++) {
        ledger.markSubmitting(ISSUE, id, `<m${i}@mid>`);
        ledger.markDeferred(ISSUE, id, '421 busy');
      }
      expect(ledger.nextBatch(ISSUE, 0, 1)[0]?.attempts).toBe(3);
    });

    it('a bounce marks the subscriber bounced, and they are not enqueued for the next issue', () => {
      const { ledger, addSubscribers, statusOf } = setup();
      const [a, b] = addSubscribers(people(2)) as [number, number];
      ledger.enqueue(ISSUE);
      ledger.markSubmitting(ISSUE, a, '<a@mid>');
      ledger.markFailed(ISSUE, a, '550 5.1.1 no such user', true);
      ledger.markSubmitting(ISSUE, b, '<b@mid>');
      ledger.markFailed(ISSUE, b, '552 mailbox full', false);
      expect(statusOf(a)).toBe('bounced');
      expect(statusOf(b)).toBe('active');
      expect(ledger.enqueue('2026-W49')).toBe(1);
    });

    it('requeueFailed makes failed rows pending again (bounced rows stay), attempts start over', () => {
      const { ledger, addSubscribers } = setup();
      const [a, b, c] = addSubscribers(people(3)) as [number, number, number];
      ledger.enqueue(ISSUE);
      ledger.markSubmitting(ISSUE, a, '<a@mid>');
      ledger.markFailed(ISSUE, a, '554 policy', false);
      ledger.markSubmitting(ISSUE, b, '<b@mid>');
      ledger.markFailed(ISSUE, b, '550 unknown user', true);
      ledger.markSubmitting(ISSUE, c, '<c@mid>');
      ledger.markSubmitted(ISSUE, c, '250 OK');
      expect(ledger.requeueFailed(ISSUE)).toBe(1);
      expect(ledger.requeueFailed(ISSUE)).toBe(0);
      expect(ledger.nextBatch(ISSUE, 0, 10)).toEqual([
        { subscriberId: a, email: 'p0@example.com', name: 'P 0', topics: [], attempts: 0 },
      ]);
    });

    it('reports the most frequent errors of failed and bounced rows, and of pending rows that met one', () => {
      const { ledger, addSubscribers } = setup();
      const ids = addSubscribers(people(6));
      ledger.enqueue(ISSUE);
      const replies = ['550 no such user', '554 spam', '550 no such user', '550 no such user', '554 spam'];
      replies.forEach((reply, i) => ledger.markFailed(ISSUE, ids[i]!, reply, reply.startsWith('550')));
      ledger.markDeferred(ISSUE, ids[5]!, '451 later');
      expect(ledger.topErrors(ISSUE, 5)).toEqual([
        { reply: '550 no such user', count: 3 },
        { reply: '554 spam', count: 2 },
        { reply: '451 later', count: 1 },
      ]);
      expect(ledger.topErrors(ISSUE, 1)).toHaveLength(1);
    });

    it('does not send to someone who left after the issue was enqueued, and still fills the batch', () => {
      const { ledger, addSubscribers, setStatus } = setup();
      const ids = addSubscribers(people(6));
      ledger.enqueue(ISSUE);
      setStatus(ids[1]!, 'unsubscribed');
      setStatus(ids[2]!, 'complained');
      const batch = ledger.nextBatch(ISSUE, 0, 3);
      expect(batch.map((r) => r.subscriberId)).toEqual([ids[0], ids[3], ids[4]]);
      expect(drain(ledger, ISSUE, 2)).toEqual([ids[0], ids[3], ids[4], ids[5]]);
      expect(ledger.counts(ISSUE)).toMatchObject({ pending: 4, failed: 2 });
    });
  });
}
