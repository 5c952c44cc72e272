// The contract every Store (src/store/store.ts) keeps, as one suite run against each implementation (unstorage's
// testDriver() habit): SQLite files and PostgreSQL databases alike (sqlite-store.test.ts, postgres-store.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedbackKind, Store } from '../../../src/store/index.js';
import type { IssueLink } from '../../../src/types.js';
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

  /**
   * An issue sent to everyone active now: frozen for the week starting `start`, enqueued, each message submitted
   * (Message-ID `<key>.<id>@news.example`), and marked sent. Returns who got it.
   */
  const sendIssue = async (store: Store, key: string, start: string, options: { links?: IssueLink[] } = {}) => {
    const from = new Date(start);
    const window = { key, start: from.toISOString(), end: new Date(from.getTime() + 7 * 86_400_000).toISOString(), timeZone: 'UTC', hours: 168 };
    await store.snapshots.freezeForSend(testSnapshot(key, { window, ...options }), NOW);
    await store.ledger.enqueue(key);
    const ids: number[] = [];
    for (let batch; (batch = await store.ledger.lease(key, 'w', 100, 60_000)).length > 0; ) ids.push(...batch.map((r) => r.subscriberId));
    await store.ledger.apply(key, ids.flatMap((id) => [
      { kind: 'submitting' as const, subscriberId: id, messageId: `${key}.${id}@news.example` },
      { kind: 'submitted' as const, subscriberId: id, reply: '250 OK' },
    ]));
    await store.issues.mark(key, 'sent', { now: NOW });
    return ids;
  };
  const feedback = (issue: string, subscriberId: number, kind: FeedbackKind, via = 'dsn', detail?: string) => ({ issue, subscriberId, kind, via, detail, now: NOW });
  const RULE = { count: 3, issues: 5 };

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

      it('lastSent names the newest issue that went out by its week, not by its key; none while only sending', async () => {
        const store = await fresh();
        expect(await store.snapshots.lastSent()).toBeUndefined();
        await store.snapshots.freezeForSend(testSnapshot('2026-W47'), NOW);
        expect(await store.snapshots.lastSent()).toBeUndefined(); // sending, not sent
        await sendIssue(store, '2026-W46', '2026-11-09T00:00:00Z');
        expect(await store.snapshots.lastSent()).toBe('2026-W46');
        await sendIssue(store, 'special-edition', '2026-11-02T00:00:00Z'); // sorts after by key, an earlier week
        expect(await store.snapshots.lastSent()).toBe('2026-W46');
        await sendIssue(store, ISSUE, '2026-11-23T00:00:00Z');
        expect(await store.snapshots.lastSent()).toBe(ISSUE);
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

    describe('feedback', () => {
      it('a hard bounce marks the subscriber bounced once; the same again is a duplicate; no ledger row is not-sent', async () => {
        const store = await fresh();
        const [a, b] = await add(store, people(2));
        await sendIssue(store, ISSUE, '2026-11-23T00:00:00Z');
        const [late] = await add(store, [{ email: 'late@example.com' }]);
        expect(await store.feedback.record(feedback(ISSUE, a!, 'hard-bounce', 'dsn', '550 5.1.1\n   no such user'), RULE)).toEqual({ result: 'recorded', status: 'bounced' });
        expect(await store.subscribers.get(a!)).toMatchObject({ status: 'bounced', leftVia: 'bounce', leftAt: NOW.toISOString() });
        expect(await store.feedback.record(feedback(ISSUE, a!, 'hard-bounce'), RULE)).toEqual({ result: 'duplicate' });
        expect(await store.feedback.record(feedback(ISSUE, a!, 'hard-bounce', 'ses'), RULE)).toEqual({ result: 'duplicate' }); // whatever way it came
        expect(await store.feedback.record(feedback(ISSUE, late!, 'hard-bounce'), RULE)).toEqual({ result: 'not-sent' });
        expect(await store.feedback.record(feedback('2026-W01', b!, 'complaint', 'arf'), RULE)).toEqual({ result: 'not-sent' });
        expect(await store.feedback.record(feedback(ISSUE, 999_999, 'complaint', 'arf'), RULE)).toEqual({ result: 'not-sent' });
        expect((await store.subscribers.get(late!))?.status).toBe('active');
        expect((await store.subscribers.get(b!))?.status).toBe('active');
        expect(await store.feedback.counts(ISSUE)).toEqual([{ kind: 'hard-bounce', via: 'dsn', count: 1 }]);
        expect(await store.feedback.counts('2026-W01')).toEqual([]);
      });

      it('soft bounces mark bounced when they reach the rule within the last issues sent, ordered by week', async () => {
        const store = await fresh();
        const [a, b] = await add(store, people(2));
        // keys sort against their weeks: d is the oldest issue, a the newest
        const weeks: [string, string][] = [['d', '2026-11-02'], ['c', '2026-11-09'], ['b', '2026-11-16'], ['a', '2026-11-23']];
        for (const [key, start] of weeks) await sendIssue(store, key, `${start}T00:00:00Z`);
        const rule = { count: 2, issues: 2 }; // two soft bounces within the last two issues: a and b
        expect(await store.feedback.record(feedback('d', a!, 'soft-bounce'), rule)).toEqual({ result: 'recorded' });
        expect(await store.feedback.record(feedback('a', a!, 'soft-bounce'), rule)).toEqual({ result: 'recorded' });
        expect(await store.feedback.record(feedback('c', a!, 'soft-bounce'), rule)).toEqual({ result: 'recorded' }); // d and c are older
        expect((await store.subscribers.get(a!))?.status).toBe('active');
        expect(await store.feedback.record(feedback('b', a!, 'soft-bounce', 'mailgun'), rule)).toEqual({ result: 'recorded', status: 'bounced' });
        expect(await store.subscribers.get(a!)).toMatchObject({ status: 'bounced', leftVia: 'soft-bounces' });
        // the same soft bounce again adds nothing; someone else's are theirs
        expect(await store.feedback.record(feedback('b', a!, 'soft-bounce'), rule)).toEqual({ result: 'duplicate' });
        expect(await store.feedback.record(feedback('a', b!, 'soft-bounce'), rule)).toEqual({ result: 'recorded' });
        expect((await store.subscribers.get(b!))?.status).toBe('active');
        expect(await store.feedback.counts('b')).toEqual([{ kind: 'soft-bounce', via: 'mailgun', count: 1 }]);
      });

      it('a complaint overrides any status; other feedback keeps a status that already left; paused is not left', async () => {
        const store = await fresh();
        const [a, b, c, d] = await add(store, people(4));
        await sendIssue(store, ISSUE, '2026-11-23T00:00:00Z');
        await store.subscribers.remove(a!, { via: 'page', now: NOW });
        expect(await store.feedback.record(feedback(ISSUE, a!, 'complaint', 'arf', 'abuse'), RULE)).toEqual({ result: 'recorded', status: 'complained' });
        expect(await store.subscribers.get(a!)).toMatchObject({ status: 'complained', leftVia: 'complaint' });
        expect(await store.feedback.record(feedback(ISSUE, a!, 'hard-bounce'), RULE)).toEqual({ result: 'recorded' });
        expect(await store.feedback.record(feedback(ISSUE, a!, 'unsubscribe', 'mailto'), RULE)).toEqual({ result: 'recorded' });
        expect((await store.subscribers.get(a!))?.status).toBe('complained');

        expect(await store.feedback.record(feedback(ISSUE, b!, 'hard-bounce'), RULE)).toEqual({ result: 'recorded', status: 'bounced' });
        expect(await store.feedback.record(feedback(ISSUE, b!, 'unsubscribe', 'mailto'), RULE)).toEqual({ result: 'recorded' });
        expect(await store.subscribers.get(b!)).toMatchObject({ status: 'bounced', leftVia: 'bounce' });

        expect(await store.feedback.record(feedback(ISSUE, c!, 'unsubscribe', 'one-click'), RULE)).toEqual({ result: 'recorded', status: 'unsubscribed' });
        expect(await store.subscribers.get(c!)).toMatchObject({ status: 'unsubscribed', leftVia: 'one-click', leftAt: NOW.toISOString() });
        expect(await store.feedback.record(feedback(ISSUE, c!, 'hard-bounce'), RULE)).toEqual({ result: 'recorded' });
        expect((await store.subscribers.get(c!))?.status).toBe('unsubscribed');
        expect(await store.feedback.record(feedback(ISSUE, c!, 'complaint', 'ses'), RULE)).toEqual({ result: 'recorded', status: 'complained' });

        await store.subscribers.setStatus(d!, 'paused', { via: 'preferences', now: NOW });
        expect(await store.feedback.record(feedback(ISSUE, d!, 'hard-bounce'), RULE)).toEqual({ result: 'recorded', status: 'bounced' });

        expect(await store.feedback.counts(ISSUE)).toEqual([
          { kind: 'complaint', via: 'arf', count: 1 },
          { kind: 'complaint', via: 'ses', count: 1 },
          { kind: 'hard-bounce', via: 'dsn', count: 4 },
          { kind: 'unsubscribe', via: 'mailto', count: 2 },
          { kind: 'unsubscribe', via: 'one-click', count: 1 },
        ]);
      });

      it('the same feedback recorded by several servers at once: exactly one is recorded, and soft bounces add up', async () => {
        const store = await fresh();
        const ids = await add(store, people(6));
        await sendIssue(store, '2026-W47', '2026-11-16T00:00:00Z');
        await sendIssue(store, ISSUE, '2026-11-23T00:00:00Z');
        const outcomes = await Promise.all(ids.flatMap((id) => [1, 2, 3].map(() => store.feedback.record(feedback(ISSUE, id, 'hard-bounce'), RULE))));
        expect(outcomes.filter((o) => o.result === 'recorded')).toHaveLength(ids.length);
        expect(outcomes.filter((o) => o.result === 'duplicate')).toHaveLength(ids.length * 2);
        expect(await store.feedback.counts(ISSUE)).toEqual([{ kind: 'hard-bounce', via: 'dsn', count: ids.length }]);
        // soft bounces of two issues at once, the rule's second: whichever comes second sees the first
        const rule = { count: 2, issues: 2 };
        const people2 = await add(store, people(4, 50));
        await sendIssue(store, '2026-W49', '2026-11-30T00:00:00Z');
        await sendIssue(store, '2026-W50', '2026-12-07T00:00:00Z');
        const soft = await Promise.all(
          people2.flatMap((id) => ['2026-W49', '2026-W50'].map((issue) => store.feedback.record(feedback(issue, id, 'soft-bounce'), rule))),
        );
        expect(soft.filter((o) => o.result === 'recorded' && o.status === 'bounced')).toHaveLength(people2.length);
        for (const id of people2) expect((await store.subscribers.get(id))?.status).toBe('bounced');
      });

      it('noteUnsubscribe notes once, only against an issue that was sent to them, and changes no status', async () => {
        const store = await fresh();
        const [a] = await add(store, people(1));
        await sendIssue(store, ISSUE, '2026-11-23T00:00:00Z');
        const [late] = await add(store, [{ email: 'late@example.com' }]);
        await store.feedback.noteUnsubscribe({ issue: ISSUE, subscriberId: a!, via: 'one-click', now: NOW });
        await store.feedback.noteUnsubscribe({ issue: ISSUE, subscriberId: a!, via: 'page', now: NOW });
        await store.feedback.noteUnsubscribe({ issue: ISSUE, subscriberId: late!, via: 'page', now: NOW });
        await store.feedback.noteUnsubscribe({ issue: '2026-W01', subscriberId: a!, via: 'page', now: NOW });
        expect(await store.feedback.counts(ISSUE)).toEqual([{ kind: 'unsubscribe', via: 'one-click', count: 1 }]);
        expect(await store.feedback.counts('2026-W01')).toEqual([]);
        expect((await store.subscribers.get(a!))?.status).toBe('active');
        expect(await store.feedback.record(feedback(ISSUE, a!, 'unsubscribe', 'mailto'), RULE)).toEqual({ result: 'duplicate' });
      });

      it('deliveryByMessageId finds the ledger row a Message-ID was sent as, with or without angle brackets', async () => {
        const store = await fresh();
        const [a, b] = await add(store, people(2));
        await sendIssue(store, ISSUE, '2026-11-23T00:00:00Z');
        expect(await store.feedback.deliveryByMessageId(`${ISSUE}.${a}@news.example`)).toEqual({ issue: ISSUE, subscriberId: a });
        expect(await store.feedback.deliveryByMessageId(` <${ISSUE}.${b}@news.example>\t`)).toEqual({ issue: ISSUE, subscriberId: b });
        expect(await store.feedback.deliveryByMessageId(`<${ISSUE}.999@news.example>`)).toBeUndefined();
        expect(await store.feedback.deliveryByMessageId('<>')).toBeUndefined();
        expect(await store.feedback.deliveryByMessageId('')).toBeUndefined();
        expect(await store.feedback.deliveryByMessageId(`<${'x'.repeat(400)}@news.example>`)).toBeUndefined();
      });

      it('webhookSeen: an id is seen once remembered, per provider, until it is older than keepMs', async () => {
        const store = await fresh();
        const keep = 600_000;
        const later = (ms: number) => new Date(NOW.getTime() + ms);
        expect(await store.feedback.webhookSeen('ses', 'm-1', NOW, keep)).toBe(false);
        expect(await store.feedback.rememberWebhook('ses', 'm-1', NOW, keep)).toBe(true);
        expect(await store.feedback.webhookSeen('ses', 'm-1', NOW, keep)).toBe(true);
        expect(await store.feedback.webhookSeen('mailgun', 'm-1', NOW, keep)).toBe(false); // per provider
        expect(await store.feedback.webhookSeen('ses', 'm-2', NOW, keep)).toBe(false);
        expect(await store.feedback.webhookSeen('ses', 'm-1', later(keep), keep)).toBe(true); // still within keepMs
        expect(await store.feedback.webhookSeen('ses', 'm-1', later(keep + 1), keep)).toBe(false); // too old to count
      });

      it('rememberWebhook: false when remembered before; per provider; old ids forgotten on the way', async () => {
        const store = await fresh();
        const keep = 600_000;
        expect(await store.feedback.rememberWebhook('ses', 'm-1', NOW, keep)).toBe(true);
        expect(await store.feedback.rememberWebhook('ses', 'm-1', NOW, keep)).toBe(false);
        expect(await store.feedback.rememberWebhook('mailgun', 'm-1', NOW, keep)).toBe(true);
        const later = (ms: number) => new Date(NOW.getTime() + ms);
        expect(await store.feedback.rememberWebhook('ses', 'm-1', later(keep - 1), keep)).toBe(false); // still remembered
        expect(await store.feedback.rememberWebhook('mailgun', 'm-2', later(keep + 1), keep)).toBe(true); // forgets the old on the way
        expect(await store.feedback.webhookSeen('ses', 'm-1', NOW, keep)).toBe(false); // gone, whatever the time asked about
        expect(await store.feedback.rememberWebhook('ses', 'm-1', later(keep + 2), keep)).toBe(true);
        const both = await Promise.all([1, 2, 3].map(() => store.feedback.rememberWebhook('ses', 'm-3', NOW, keep)));
        expect(both.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('clicks and opens', () => {
      it('counts clicks per link, people and scanners apart; a click naming a deleted subscriber is nobody’s', async () => {
        const store = await fresh();
        const [a, b] = await add(store, people(2));
        const click = (link: number, subscriberId?: number, scanner?: 'head' | 'agent' | 'early') => store.clicks.recordClick({ issue: ISSUE, link, subscriberId, scanner, now: NOW });
        await click(0, a);
        await click(0, a);
        await click(0, b);
        await click(0, a, 'agent');
        await click(1, b, 'head');
        await click(2); // a link without a subscriber (the public copy)
        await click(2, 999_999); // a token of a subscriber since deleted
        await store.clicks.recordClick({ issue: '2026-W47', link: 0, subscriberId: a, now: NOW });
        expect(await store.clicks.byLink(ISSUE)).toEqual([
          { link: 0, people: 3, scanners: 1, unique_people: 2 },
          { link: 1, people: 0, scanners: 1, unique_people: 0 },
          { link: 2, people: 2, scanners: 0, unique_people: 0 },
        ]);
        expect(await store.clicks.uniqueClickers(ISSUE)).toBe(2);
        expect(await store.clicks.uniqueClickers('2026-W47')).toBe(1);
        expect(await store.clicks.byLink('2026-W01')).toEqual([]);
        expect(await store.clicks.uniqueClickers('2026-W01')).toBe(0);
      });

      it('counts opens, people and scanners apart, and distinct people', async () => {
        const store = await fresh();
        const [a, b] = await add(store, people(2));
        const open = (subscriberId?: number, scanner?: 'head' | 'agent' | 'early') => store.clicks.recordOpen({ issue: ISSUE, subscriberId, scanner, now: NOW });
        await open(a);
        await open(a);
        await open(b, 'early');
        await open(999_999);
        await open(undefined, 'agent');
        expect(await store.clicks.opens(ISSUE)).toEqual({ people: 3, scanners: 2, uniquePeople: 1 });
        expect(await store.clicks.opens('2026-W01')).toEqual({ people: 0, scanners: 0, uniquePeople: 0 });
      });

      it('sentLinks only for an issue whose send has started; submittedAt once the server accepted the message', async () => {
        const store = await fresh();
        const links: IssueLink[] = [
          { id: 'top:1', url: 'https://news.example/a?utm_source=roundup', kind: 'story', section: 'top', story: 'https://news.example/a' },
          { id: 'header', url: 'https://news.example/', kind: 'header', section: 'header' },
        ];
        await store.snapshots.save(testSnapshot(ISSUE, { links }), { by: 'approval', now: NOW });
        expect(await store.clicks.sentLinks(ISSUE)).toBeUndefined(); // approved, not sending
        const [a, b] = await add(store, people(2));
        const before = Date.now();
        await sendIssue(store, ISSUE, '2026-11-23T00:00:00Z', { links });
        expect(await store.clicks.sentLinks(ISSUE)).toEqual(links);
        expect(await store.clicks.sentLinks('2026-W01')).toBeUndefined();
        const at = await store.clicks.submittedAt(ISSUE, a!);
        expect(Date.parse(at!)).toBeGreaterThanOrEqual(before - 1000);
        expect(Date.parse(at!)).toBeLessThanOrEqual(Date.now() + 1000);
        await store.snapshots.freezeForSend(testSnapshot('2026-W49'), NOW);
        expect(await store.clicks.sentLinks('2026-W49')).toEqual([]);
        await store.ledger.enqueue('2026-W49');
        await store.ledger.apply('2026-W49', [{ kind: 'submitting', subscriberId: b!, messageId: 'x@news.example' }]);
        expect(await store.clicks.submittedAt('2026-W49', b!)).toBeUndefined(); // submitting: not accepted yet
        expect(await store.clicks.submittedAt('2026-W49', a!)).toBeUndefined(); // pending
        expect(await store.clicks.submittedAt('2026-W01', a!)).toBeUndefined();
      });
    });
  });
}
