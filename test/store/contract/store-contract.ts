// The contract every Store (src/store/store.ts) keeps, as one suite run against each implementation (unstorage's
// testDriver() habit): SQLite files and PostgreSQL databases alike (sqlite-store.test.ts, postgres-store.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/index.js';
import { testSnapshot } from '../../snapshot/test-snapshot.js';

const ISSUE = '2026-W48';
const NOW = new Date('2026-11-30T07:00:00Z');

function people(n: number, from = 0) {
  return Array.from({ length: n }, (_, i) => ({ email: `p${from + i}@example.com`, name: `P ${from + i}` }));
}

export function storeContract(name: string, make: () => Promise<Store>): void {
  const open: Store[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  const fresh = async () => {
    const store = await make();
    open.push(store);
    return store;
  };
  const add = async (store: Store, list: { email: string; name?: string; topics?: string[]; status?: 'active' | 'unsubscribed' | 'bounced' | 'complained' | 'unconfirmed' | 'paused' }[]) => {
    const ids: number[] = [];
    for (const p of list) ids.push((await store.subscribers.add(p, { via: 'test', now: NOW })).subscriber.id);
    return ids;
  };
  /** Everyone of an issue by leasing `limit` at a time as one worker (without sending). */
  const drain = async (store: Store, limit: number, worker = 'w1') => {
    const seen: number[] = [];
    for (;;) {
      const batch = await store.ledger.lease(ISSUE, worker, limit, 60_000);
      if (batch.length === 0) return seen;
      seen.push(...batch.map((r) => r.subscriberId));
    }
  };

  describe(`Store contract: ${name}`, () => {
    describe('subscribers', () => {
      it('adds, merges a known address (name, topics), and refuses one who left unless resubscribed', async () => {
        const store = await fresh();
        const { subscriber, created } = await store.subscribers.add({ email: 'Ann@Example.COM', name: 'Ann', topics: ['Opinion'] }, { via: 'cli', now: NOW });
        expect(created).toBe(true);
        expect(subscriber).toMatchObject({ email: 'Ann@Example.COM', name: 'Ann', topics: ['Opinion'], status: 'active', joinedVia: 'cli' });
        const merged = await store.subscribers.add({ email: 'Ann@example.com', topics: ['Digital ID'] }, { via: 'cli', now: NOW });
        expect(merged).toMatchObject({ created: false, subscriber: { id: subscriber.id, name: 'Ann', topics: ['Opinion', 'Digital ID'] } });
        expect((await store.subscribers.getByEmail('Ann@EXAMPLE.com'))?.id).toBe(subscriber.id);
        expect(await store.subscribers.getByEmail('ann@example.com')).toBeUndefined(); // the local part keeps its case
        await store.subscribers.remove(subscriber.id, { via: 'one-click', now: NOW });
        await expect(store.subscribers.add({ email: 'Ann@example.com' }, { via: 'cli' })).rejects.toMatchObject({ code: 'SUBSCRIBER_INVALID' });
        const back = await store.subscribers.add({ email: 'Ann@example.com' }, { via: 'cli', resubscribe: true, now: NOW });
        expect(back.subscriber).toMatchObject({ status: 'active' });
        expect(back.subscriber.leftAt).toBeUndefined();
      });

      it('remove is idempotent and records how; setStatus sets any status; unknown ids are undefined', async () => {
        const store = await fresh();
        const [a] = await add(store, [{ email: 'a@example.com' }]);
        const first = await store.subscribers.remove(a!, { via: 'page', now: NOW });
        expect(first).toMatchObject({ changed: true, subscriber: { status: 'unsubscribed', leftVia: 'page', leftAt: NOW.toISOString() } });
        expect(await store.subscribers.remove('a@example.com', { via: 'page', now: NOW })).toMatchObject({ changed: false });
        expect(await store.subscribers.remove(999_999, { via: 'page' })).toBeUndefined();
        expect(await store.subscribers.setStatus(a!, 'complained', { via: 'feedback', now: NOW })).toMatchObject({ status: 'complained', leftVia: 'feedback' });
        expect(await store.subscribers.setStatus(a!, 'active', { via: 'cli', now: NOW })).toMatchObject({ status: 'active' });
        expect(await store.subscribers.setStatus(999_999, 'active', { via: 'cli' })).toBeUndefined();
      });

      it('updatePreferences changes name, topics and pause, never for someone who left meanwhile', async () => {
        const store = await fresh();
        const [a, b] = await add(store, [{ email: 'a@example.com' }, { email: 'b@example.com' }]);
        expect(await store.subscribers.updatePreferences(a!, { name: 'Ada', topics: ['Opinion', 'opinion'], paused: true }, NOW)).toBe(true);
        expect(await store.subscribers.get(a!)).toMatchObject({ name: 'Ada', topics: ['Opinion'], status: 'paused' });
        expect(await store.subscribers.updatePreferences(a!, { name: 'Ada', topics: [], paused: false }, NOW)).toBe(true);
        expect((await store.subscribers.get(a!))?.status).toBe('active');
        await store.subscribers.remove(b!, { via: 'one-click', now: NOW });
        expect(await store.subscribers.updatePreferences(b!, { name: 'B', topics: [], paused: false }, NOW)).toBe(false);
        expect((await store.subscribers.get(b!))?.status).toBe('unsubscribed');
      });

      it('counts by status, pages in id order by keyset, and merges import batches by the import rules', async () => {
        const store = await fresh();
        const ids = await add(store, [...people(5), { email: 'gone@example.com', status: 'unsubscribed' }]);
        expect(await store.subscribers.count()).toMatchObject({ active: 5, unsubscribed: 1, bounced: 0 });
        const page1 = await store.subscribers.page({ status: 'active', limit: 2 });
        const page2 = await store.subscribers.page({ status: 'active', afterId: page1.at(-1)!.id, limit: 10 });
        expect([...page1, ...page2].map((s) => s.id)).toEqual(ids.slice(0, 5));
        const counts = await store.subscribers.importBatch(
          [
            { line: 2, email: 'new@example.com', name: 'New', topics: ['A'] },
            { line: 3, email: 'p0@example.com', name: '', topics: [] },
            { line: 4, email: 'p1@example.com', name: 'Renamed', topics: ['B'] },
            { line: 5, email: 'gone@example.com', name: 'Back?', topics: [] },
            { line: 6, email: 'left@example.com', name: '', topics: [], status: 'unsubscribed' },
          ],
          { via: 'import', now: NOW },
        );
        expect(counts).toEqual({ added: 2, updated: 1, unchanged: 1, keptInactive: 1 });
        expect((await store.subscribers.getByEmail('gone@example.com'))?.status).toBe('unsubscribed');
        expect((await store.subscribers.getByEmail('left@example.com'))?.status).toBe('unsubscribed');
        expect(await store.subscribers.getByEmail('p1@example.com')).toMatchObject({ name: 'Renamed', topics: ['B'] });
      });
    });

    describe('confirmations', () => {
      it('confirm once within the expiry; a link sent before leaving is void; bounced and complained are refused', async () => {
        const store = await fresh();
        const [a, b] = await add(store, [{ email: 'a@example.com', status: 'unconfirmed' }, { email: 'b@example.com', status: 'unconfirmed' }]);
        const nonce = await store.confirmations.create(a!, { now: NOW, ttlMs: 86_400_000 });
        expect(await store.confirmations.check(a!, nonce, NOW)).toBe('confirmed');
        expect(await store.confirmations.check(b!, nonce, NOW)).toBe('void');
        expect(await store.confirmations.use(a!, nonce, NOW)).toBe('confirmed');
        expect((await store.subscribers.get(a!))?.status).toBe('active');
        expect(await store.confirmations.use(a!, nonce, NOW)).toBe('already');
        await store.subscribers.remove(a!, { via: 'one-click', now: NOW });
        expect(await store.confirmations.use(a!, nonce, NOW)).toBe('void');
        const late = await store.confirmations.create(b!, { now: NOW, ttlMs: 1000 });
        expect(await store.confirmations.use(b!, late, new Date(NOW.getTime() + 5000))).toBe('expired');
        const fine = await store.confirmations.create(b!, { now: NOW, ttlMs: 86_400_000 });
        await store.subscribers.setStatus(b!, 'unsubscribed', { via: 'page', now: NOW });
        expect(await store.confirmations.use(b!, fine, NOW)).toBe('void'); // voided when they left
        const again = await store.confirmations.create(b!, { now: NOW, ttlMs: 86_400_000 });
        await store.subscribers.setStatus(b!, 'complained', { via: 'feedback', now: NOW });
        const after = await store.confirmations.create(b!, { now: NOW, ttlMs: 86_400_000 });
        expect(await store.confirmations.use(b!, after, NOW)).toBe('refused');
        expect(await store.confirmations.use(b!, again, NOW)).toBe('void');
      });
    });

    describe('issues and snapshots', () => {
      it('records builds and status changes; marks what was not built as an error', async () => {
        const store = await fresh();
        expect(await store.issues.upsertBuilt({ key: ISSUE, subject: 'First', now: NOW })).toMatchObject({ key: ISSUE, status: 'built', subject: 'First' });
        expect(await store.issues.mark(ISSUE, 'sent', { now: NOW, counts: { submitted: 3 } })).toMatchObject({ status: 'sent', sentAt: NOW.toISOString(), counts: { submitted: 3 } });
        expect((await store.issues.upsertBuilt({ key: ISSUE, subject: 'Again', now: NOW })).status).toBe('sent');
        await expect(store.issues.mark('2099-W01', 'sent', { now: NOW })).rejects.toMatchObject({ code: 'DB_ERROR' });
        expect((await store.issues.list()).map((i) => i.key)).toEqual([ISSUE]);
      });

      it('an approval stores the snapshot, a new one replaces it, revoking removes it; none of that once the send started', async () => {
        const store = await fresh();
        const first = testSnapshot(ISSUE, { subject: 'One' });
        await store.snapshots.save(first, { by: 'approval', now: NOW });
        expect(await store.issues.get(ISSUE)).toMatchObject({ status: 'approved', approvedAt: NOW.toISOString() });
        const stored = (await store.snapshots.get(ISSUE))!;
        expect(stored).toMatchObject({ frozenBy: 'approval', frozenAt: NOW.toISOString() });
        expect(stored.snapshot).toEqual(first);
        await store.snapshots.save(testSnapshot(ISSUE, { subject: 'Two' }), { by: 'approval', now: NOW });
        expect((await store.snapshots.get(ISSUE))?.snapshot.subject).toBe('Two');
        expect(await store.snapshots.revoke(ISSUE, NOW)).toBe(true);
        expect(await store.snapshots.get(ISSUE)).toBeUndefined();
        expect((await store.issues.get(ISSUE))?.status).toBe('built');
        expect(await store.snapshots.revoke(ISSUE, NOW)).toBe(false);
        const frozen = await store.snapshots.freezeForSend(testSnapshot(ISSUE, { subject: 'Sent' }), NOW);
        expect(frozen.frozenBy).toBe('send');
        expect((await store.issues.get(ISSUE))?.status).toBe('sending');
        // a second sender starting gets the same snapshot, not its own
        expect((await store.snapshots.freezeForSend(testSnapshot(ISSUE, { subject: 'Other' }), NOW)).snapshot.subject).toBe('Sent');
        await expect(store.snapshots.save(testSnapshot(ISSUE), { by: 'approval', now: NOW })).rejects.toMatchObject({ code: 'USAGE' });
        await expect(store.snapshots.revoke(ISSUE, NOW)).rejects.toMatchObject({ code: 'USAGE' });
      });

      it('the public copy and the archive hold only issues that went out; sentBefore names earlier issues’ stories', async () => {
        const store = await fresh();
        const w47 = testSnapshot('2026-W47', { subject: 'Week 47', window: { key: '2026-W47', start: '2026-11-16T00:00:00+00:00', end: '2026-11-23T00:00:00+00:00', timeZone: 'Europe/London', hours: 168 } });
        await store.snapshots.freezeForSend(w47, NOW);
        await store.snapshots.save(testSnapshot(ISSUE, { subject: 'Draft' }), { by: 'approval', now: NOW });
        expect((await store.snapshots.listPublished()).map((i) => [i.key, i.subject, i.status])).toEqual([['2026-W47', 'Week 47', 'sending']]);
        expect((await store.snapshots.publicCopy('2026-W47'))?.html).toBe(w47.publicCopy.html);
        expect(await store.snapshots.publicCopy(ISSUE)).toBeUndefined();
        const sent = await store.snapshots.sentBefore('2026-11-23T00:00:00+00:00');
        const urls = w47.digest.sections.flatMap((s) => s.stories.filter((x) => !x.event).map((x) => x.url));
        expect([...sent.keys()].sort()).toEqual([...new Set(urls)].sort());
        expect([...sent.values()].every((k) => k === '2026-W47')).toBe(true);
        expect((await store.snapshots.sentBefore('2026-11-16T00:00:00+00:00')).size).toBe(0);
      });
    });

    describe('locks', () => {
      it('one holder at a time until it expires; the holder renews; release frees it', async () => {
        const store = await fresh();
        expect(await store.locks.acquire('send:x', 'a', 60_000, NOW)).toMatchObject({ acquired: true, holder: 'a' });
        expect(await store.locks.acquire('send:x', 'b', 60_000, NOW)).toMatchObject({ acquired: false, holder: 'a' });
        expect((await store.locks.acquire('send:x', 'a', 60_000, new Date(NOW.getTime() + 30_000))).acquired).toBe(true);
        expect((await store.locks.acquire('send:x', 'b', 60_000, new Date(NOW.getTime() + 100_000))).acquired).toBe(true);
        expect(await store.locks.release('send:x', 'a')).toBe(false);
        expect(await store.locks.release('send:x', 'b')).toBe(true);
      });
    });

    describe('the ledger', () => {
      it('enqueues every active subscriber once; enqueue again adds only newcomers; each issue has its rows', async () => {
        const store = await fresh();
        await add(store, [...people(5), { email: 'gone@example.com', status: 'unsubscribed' }, { email: 'b@example.com', status: 'bounced' }]);
        expect(await store.ledger.enqueue(ISSUE)).toBe(5);
        expect(await store.ledger.enqueue(ISSUE)).toBe(0);
        await add(store, people(2, 100));
        expect(await store.ledger.enqueue(ISSUE)).toBe(2);
        expect(await store.ledger.counts(ISSUE)).toEqual({ pending: 7, submitting: 0, submitted: 0, failed: 0, bounced: 0 });
        expect((await store.ledger.counts('2026-W49')).pending).toBe(0);
        expect(await store.ledger.enqueue('2026-W49')).toBe(7);
      });

      it('leases everyone exactly once, in id order, with name, topics and attempts; whatever the page size', async () => {
        const store = await fresh();
        const ids = await add(store, [...people(22), { email: 'topics@example.com', topics: ['Digital ID', 'Opinion'] }]);
        await store.ledger.enqueue(ISSUE);
        expect(await drain(store, 5)).toEqual(ids);
        await store.ledger.release(ISSUE, 'w1');
        const [first] = await store.ledger.lease(ISSUE, 'w2', 1, 60_000);
        expect(first).toEqual({ subscriberId: ids[0], email: 'p0@example.com', name: 'P 0', topics: [], attempts: 0 });
        const rest = await store.ledger.lease(ISSUE, 'w2', 100, 60_000);
        expect(rest.at(-1)).toMatchObject({ email: 'topics@example.com', topics: ['Digital ID', 'Opinion'] });
      });

      it('two senders never hold the same row; what one lets go of, or holds past its lease, the other takes', async () => {
        const store = await fresh();
        const ids = await add(store, people(10));
        await store.ledger.enqueue(ISSUE);
        const a = await store.ledger.lease(ISSUE, 'a', 4, 60_000);
        const b = await store.ledger.lease(ISSUE, 'b', 4, 60_000);
        expect(a.map((r) => r.subscriberId)).toEqual(ids.slice(0, 4));
        expect(b.map((r) => r.subscriberId)).toEqual(ids.slice(4, 8));
        expect(await store.ledger.held(ISSUE)).toBe(8);
        expect((await store.ledger.owners(ISSUE)).sort()).toEqual(['a', 'b']);
        await store.ledger.release(ISSUE, 'a');
        expect((await store.ledger.lease(ISSUE, 'c', 10, 60_000)).map((r) => r.subscriberId)).toEqual([...ids.slice(0, 4), ...ids.slice(8)]);
        // a lease that ran out: its rows go to whoever asks
        await store.ledger.release(ISSUE, 'c');
        await store.ledger.lease(ISSUE, 'short', 10, 1);
        await new Promise((r) => setTimeout(r, 20));
        expect((await store.ledger.lease(ISSUE, 'd', 10, 60_000)).map((r) => r.subscriberId)).toEqual([...ids.slice(0, 4), ...ids.slice(8)]);
        // renewing keeps them
        await store.ledger.renew(ISSUE, 'd', 60_000);
        expect(await store.ledger.lease(ISSUE, 'e', 10, 60_000)).toEqual([]);
      });

      it('settled rows leave the open set; submitting rows (a crash) come back with their attempts', async () => {
        const store = await fresh();
        const ids = await add(store, people(6));
        await store.ledger.enqueue(ISSUE);
        const [a, b, c, d, e] = ids as [number, number, number, number, number, number];
        await store.ledger.apply(ISSUE, [
          { kind: 'submitting', subscriberId: a, messageId: '<a@mid>' },
          { kind: 'submitted', subscriberId: a, reply: '250 OK queued' },
          { kind: 'submitting', subscriberId: b, messageId: '<b@mid>' },
          { kind: 'submitting', subscriberId: c, messageId: '<c@mid>' },
          { kind: 'failed', subscriberId: c, reply: '554 rejected', bounced: false },
          { kind: 'submitting', subscriberId: d, messageId: '<d@mid>' },
          { kind: 'failed', subscriberId: d, reply: '550 no such user', bounced: true },
          { kind: 'submitting', subscriberId: e, messageId: '<e@mid>' },
          { kind: 'deferred', subscriberId: e, reply: '451 try later' },
        ]);
        const batch = await store.ledger.lease(ISSUE, 'w', 10, 60_000);
        expect(batch.map((r) => [r.subscriberId, r.attempts])).toEqual([
          [b, 1],
          [e, 1],
          [ids[5], 0],
        ]);
        expect(await store.ledger.counts(ISSUE)).toEqual({ pending: 2, submitting: 1, submitted: 1, failed: 1, bounced: 1 });
        expect((await store.subscribers.get(d))?.status).toBe('bounced');
        expect(await store.ledger.enqueue('2026-W49')).toBe(5);
      });

      it('an interrupted attempt is taken back; deferrals count; apply is all or nothing', async () => {
        const store = await fresh();
        const [id] = await add(store, people(1));
        await store.ledger.enqueue(ISSUE);
        for (let i = 0; i < 3; i++) {
          await store.ledger.apply(ISSUE, [
            { kind: 'submitting', subscriberId: id!, messageId: `<m${i}@mid>` },
            { kind: 'deferred', subscriberId: id!, reply: '421 busy' },
          ]);
        }
        await store.ledger.apply(ISSUE, [
          { kind: 'submitting', subscriberId: id!, messageId: '<m9@mid>' },
          { kind: 'interrupted', subscriberId: id!, reply: 'Connection closed' },
        ]);
        expect((await store.ledger.lease(ISSUE, 'w', 1, 60_000))[0]?.attempts).toBe(3);
      });

      it('requeueFailed makes failed rows pending again (bounced stay); top errors by frequency', async () => {
        const store = await fresh();
        const ids = await add(store, people(6));
        await store.ledger.enqueue(ISSUE);
        const replies = ['550 no such user', '554 spam', '550 no such user', '550 no such user', '554 spam'];
        await store.ledger.apply(ISSUE, replies.map((reply, i) => ({ kind: 'failed' as const, subscriberId: ids[i]!, reply, bounced: reply.startsWith('550') })));
        await store.ledger.apply(ISSUE, [{ kind: 'deferred', subscriberId: ids[5]!, reply: '451 later' }]);
        expect(await store.ledger.topErrors(ISSUE, 5)).toEqual([
          { reply: '550 no such user', count: 3 },
          { reply: '554 spam', count: 2 },
          { reply: '451 later', count: 1 },
        ]);
        expect(await store.ledger.requeueFailed(ISSUE)).toBe(2);
        expect(await store.ledger.requeueFailed(ISSUE)).toBe(0);
        expect(await store.ledger.counts(ISSUE)).toMatchObject({ pending: 3, failed: 0, bounced: 3 });
      });

      it('does not send to someone who left after enqueue (settled failed), and still fills the batch', async () => {
        const store = await fresh();
        const ids = await add(store, people(6));
        await store.ledger.enqueue(ISSUE);
        await store.subscribers.setStatus(ids[1]!, 'unsubscribed', { via: 'page', now: NOW });
        await store.subscribers.setStatus(ids[2]!, 'complained', { via: 'feedback', now: NOW });
        const batch = await store.ledger.lease(ISSUE, 'w', 3, 60_000);
        expect(batch.map((r) => r.subscriberId)).toEqual([ids[0], ids[3], ids[4]]);
        expect(await store.ledger.counts(ISSUE)).toMatchObject({ pending: 4, failed: 2 });
      });
    });

    describe('senders and shared limits', () => {
      it('lists the senders of an issue with what they did; reservations queue one after another', async () => {
        const store = await fresh();
        await store.senders.register({ worker: 'h:1:a', issue: ISSUE, host: 'h', pid: 1 });
        await store.senders.register({ worker: 'h:2:b', issue: ISSUE, host: 'h', pid: 2 });
        await store.senders.heartbeat('h:1:a', { submitted: 10, failed: 1, bounced: 0 });
        await store.senders.end('h:2:b', 'sent');
        const list = await store.senders.list(ISSUE);
        expect(list.map((s) => [s.worker, s.status, s.submitted, s.endedAt !== undefined])).toEqual([
          ['h:1:a', 'sending', 10, false],
          ['h:2:b', 'sent', 0, true],
        ]);
        const now = await store.senders.now();
        const first = await store.senders.reserve(ISSUE, 5, 100);
        const second = await store.senders.reserve(ISSUE, 1, 100);
        expect(first).toBeGreaterThanOrEqual(now - 1000);
        expect(second - first).toBe(500);
      });

      it('a limit counts takes per key within the window', async () => {
        const store = await fresh();
        const t = (ms: number) => new Date(NOW.getTime() + ms);
        expect(await store.limits.take('ip:1', 2, 60_000, t(0))).toBe(true);
        expect(await store.limits.take('ip:1', 2, 60_000, t(1))).toBe(true);
        expect(await store.limits.take('ip:1', 2, 60_000, t(2))).toBe(false);
        expect(await store.limits.take('ip:2', 2, 60_000, t(2))).toBe(true);
        expect(await store.limits.take('ip:1', 2, 60_000, t(61_000))).toBe(true);
      });
    });
  });
}
