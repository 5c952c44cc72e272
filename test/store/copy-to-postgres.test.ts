// `roundup db copy --to postgres://...`: a SQLite list and its history moved into a real PostgreSQL, ids kept,
// checked by counts, all or nothing; a database that already holds rows is refused and left as it was.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { openDatabase } from '../../src/store/index.js';
import { copySqliteToPostgres } from '../../src/store/postgres/copy-from-sqlite.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { sqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { testSnapshot } from '../snapshot/test-snapshot.js';
import { startPostgres, type PostgresCluster } from './helpers/postgres-cluster.js';
import { tempDir } from './temp-db.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NOW = new Date('2026-11-30T07:00:00Z');
let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);
afterAll(async () => cluster?.stop());

/** A SQLite file with a bit of everything: people who left, a sent issue with its ledger, a pending confirmation. */
async function history(file: string) {
  const db = openDatabase(file);
  const store = sqliteStore(db);
  const ids: number[] = [];
  for (let i = 0; i < 30; i++) ids.push((await store.subscribers.add({ email: `p${i}@example.com`, name: `P ${i}`, topics: i % 2 ? ['id'] : [] }, { via: 'import', now: NOW })).subscriber.id);
  await store.subscribers.remove(ids[3]!, { via: 'one-click', now: NOW });
  await store.subscribers.setStatus(ids[4]!, 'bounced', { via: 'bounce', now: NOW });
  db.prepare('DELETE FROM subscribers WHERE id = ?').run(ids[5]); // a gap in the ids
  const snapshot = testSnapshot('2026-W47');
  await store.issues.upsertBuilt({ key: '2026-W47', subject: snapshot.subject, now: NOW });
  await store.snapshots.freezeForSend(snapshot, NOW);
  await store.ledger.enqueue('2026-W47');
  const batch = await store.ledger.lease('2026-W47', 'old-box:1', 100, 60_000);
  await store.ledger.apply('2026-W47', batch.map((r) => ({ kind: 'submitting' as const, subscriberId: r.subscriberId, messageId: `<${r.subscriberId}@m>` })));
  await store.ledger.apply('2026-W47', batch.map((r) => ({ kind: 'submitted' as const, subscriberId: r.subscriberId, reply: '250 ok' })));
  await store.issues.mark('2026-W47', 'sent', { now: NOW, counts: { submitted: batch.length } });
  const unconfirmed = (await store.subscribers.add({ email: 'new@example.com', status: 'unconfirmed' }, { via: 'signup', now: NOW })).subscriber.id;
  const nonce = await store.confirmations.create(unconfirmed, { now: NOW, ttlMs: 86_400_000 });
  // what came back: feedback (one bounce moved its subscriber), clicks and opens (one naming the deleted subscriber)
  const rule = { count: 3, issues: 5 };
  const feedback = (subscriberId: number, kind: 'hard-bounce' | 'soft-bounce' | 'complaint', via: string) => ({ issue: '2026-W47', subscriberId, kind, via, detail: 'x', now: NOW });
  await store.feedback.record(feedback(ids[6]!, 'hard-bounce', 'dsn'), rule);
  await store.feedback.record(feedback(ids[7]!, 'soft-bounce', 'dsn'), rule);
  await store.feedback.record(feedback(ids[8]!, 'complaint', 'arf'), rule);
  await store.feedback.noteUnsubscribe({ issue: '2026-W47', subscriberId: ids[9]!, via: 'one-click', now: NOW });
  const clicks: [number, number | undefined, ('agent' | 'head') | undefined][] = [
    [0, ids[10], undefined],
    [0, ids[10], undefined],
    [0, ids[11], undefined],
    [0, ids[11], 'agent'],
    [1, ids[5], undefined], // deleted: nobody's
    [1, undefined, 'head'],
  ];
  for (const [link, subscriberId, scanner] of clicks) await store.clicks.recordClick({ issue: '2026-W47', link, subscriberId, scanner, now: NOW });
  await store.clicks.recordOpen({ issue: '2026-W47', subscriberId: ids[10], now: NOW });
  await store.clicks.recordOpen({ issue: '2026-W47', subscriberId: ids[12], scanner: 'early', now: NOW });
  await store.feedback.rememberWebhook('ses', 'call-1', NOW, 600_000);
  return { db, store, ids, unconfirmed, nonce };
}

async function summary(store: Store) {
  const people = await store.subscribers.page({ limit: 1000 });
  return {
    people: people.map(({ id, email, name, topics, status, joinedAt, leftVia }) => ({ id, email, name, topics, status, joinedAt, leftVia })),
    counts: await store.subscribers.count(),
    issue: await store.issues.get('2026-W47'),
    snapshot: (await store.snapshots.get('2026-W47'))?.snapshot.hash,
    ledger: await store.ledger.counts('2026-W47'),
    sentBefore: [...(await store.snapshots.sentBefore('2026-11-30T00:00:00Z'))],
    published: (await store.snapshots.listPublished()).map((p) => p.key),
    feedback: await store.feedback.counts('2026-W47'),
    clicks: await store.clicks.byLink('2026-W47'),
    clickers: await store.clicks.uniqueClickers('2026-W47'),
    opens: await store.clicks.opens('2026-W47'),
  };
}

describe('copySqliteToPostgres', () => {
  it('moves everything with its ids; new subscribers continue after the highest id; confirmations still work', async () => {
    const source = await history(join(tempDir(), 'roundup.db'));
    const url = await cluster.database();
    const report = await copySqliteToPostgres(source.db, url);
    expect(report.tables.find((t) => t.table === 'subscribers')?.rows).toBe(30);
    expect(report.tables.find((t) => t.table === 'deliveries')?.rows).toBe(27); // the 27 active of 2026-W47
    expect(report.tables.filter((t) => ['feedback', 'clicks', 'opens'].includes(t.table))).toEqual([
      { table: 'feedback', rows: 4 },
      { table: 'clicks', rows: 6 },
      { table: 'opens', rows: 2 },
    ]);
    expect(report.tables.map((t) => t.table)).not.toContain('webhook_messages');

    const target = await openPostgresStore(url, { max: 2 });
    try {
      const copied = await summary(target);
      expect(copied).toEqual(await summary(source.store));
      expect(copied.feedback).toEqual([
        { kind: 'complaint', via: 'arf', count: 1 },
        { kind: 'hard-bounce', via: 'dsn', count: 1 },
        { kind: 'soft-bounce', via: 'dsn', count: 1 },
        { kind: 'unsubscribe', via: 'one-click', count: 1 },
      ]);
      expect(copied.clicks).toEqual([
        { link: 0, people: 3, scanners: 1, unique_people: 2 },
        { link: 1, people: 1, scanners: 1, unique_people: 0 },
      ]);
      expect(copied.opens).toEqual({ people: 1, scanners: 1, uniquePeople: 1 });
      expect(copied.people.find((p) => p.id === source.ids[6])).toMatchObject({ status: 'bounced', leftVia: 'bounce' });
      // the same feedback again is a duplicate there too: the rows kept their keys
      expect(await target.feedback.record({ issue: '2026-W47', subscriberId: source.ids[8]!, kind: 'complaint', via: 'ses', now: NOW }, { count: 3, issues: 5 })).toEqual({
        result: 'duplicate',
      });
      const next = await target.subscribers.add({ email: 'later@example.com' }, { via: 'web', now: NOW });
      expect(next.subscriber.id).toBe(source.unconfirmed + 1);
      expect(await target.confirmations.use(source.unconfirmed, source.nonce, NOW)).toBe('confirmed');
      // new clicks and opens get ids after the copied ones (a clash of ids would throw here)
      await target.clicks.recordClick({ issue: '2026-W47', link: 1, subscriberId: source.ids[10], now: NOW });
      await target.clicks.recordOpen({ issue: '2026-W47', subscriberId: source.ids[11], now: NOW });
      expect((await target.clicks.byLink('2026-W47'))[1]).toEqual({ link: 1, people: 2, scanners: 1, unique_people: 1 });
      expect(await target.clicks.opens('2026-W47')).toEqual({ people: 2, scanners: 1, uniquePeople: 2 });
      // webhook call ids are not moved: short-lived, and feedback is idempotent anyway
      expect(await target.feedback.rememberWebhook('ses', 'call-1', NOW, 600_000)).toBe(true);
    } finally {
      await target.close();
      source.db.close();
    }
  }, 60_000);

  it('refuses a database that already holds rows, and changes nothing there; a failure part-way commits nothing', async () => {
    const source = await history(join(tempDir(), 'roundup.db'));
    const url = await cluster.database();
    const target = await openPostgresStore(url, { max: 2 });
    try {
      await target.subscribers.add({ email: 'already@example.com' }, { via: 'web', now: NOW });
      const refused = await copySqliteToPostgres(source.db, url).catch((e: unknown) => e);
      expect(isRoundupError(refused, 'USAGE')).toBe(true);
      expect((refused as Error).message).toMatch(/already holds 1 row in `subscribers`.*empty database/);
      expect((await target.subscribers.count()).active).toBe(1);

      // a row PostgreSQL refuses (a status the schema does not know) part-way: nothing of the copy stays
      const empty = await cluster.database();
      source.db.exec('PRAGMA ignore_check_constraints = ON');
      source.db.prepare("UPDATE subscribers SET status = 'sleeping' WHERE id = 20").run();
      await expect(copySqliteToPostgres(source.db, empty)).rejects.toThrow(/status/);
      const client = new pg.Client({ connectionString: empty });
      await client.connect();
      try {
        expect((await client.query('SELECT count(*)::int AS n FROM subscribers')).rows[0]).toEqual({ n: 0 });
      } finally {
        await client.end();
      }
    } finally {
      await target.close();
      source.db.close();
    }
  }, 60_000);
});

describe('roundup db copy', () => {
  it('copies from ROUNDUP_DB, prints the target without its password, and exits 1 on a second copy', async () => {
    const file = join(tempDir(), 'roundup.db');
    (await history(file)).db.close();
    const url = new URL(await cluster.database());
    url.password = 's3cret-pass';
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
        execFile(process.execPath, [join(ROOT, 'bin/roundup.js'), 'db', 'copy', ...args], { env: { ...process.env, ROUNDUP_DB: file, ROUNDUP_CONFIG: '' } }, (error, stdout, stderr) =>
          done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const first = await run(['--to', url.href, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as { from: string; target: string; tables: { table: string; rows: number }[] };
    expect(report.from).toBe(file);
    expect(report.tables).toContainEqual({ table: 'subscribers', rows: 30 });
    const second = await run(['--to', url.href]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already holds');
    for (const out of [first.stdout, first.stderr, second.stdout, second.stderr]) expect(out).not.toContain('s3cret-pass');
  }, 120_000);
});
