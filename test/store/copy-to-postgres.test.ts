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
  };
}

describe('copySqliteToPostgres', () => {
  it('moves everything with its ids; new subscribers continue after the highest id; confirmations still work', async () => {
    const source = await history(join(tempDir(), 'roundup.db'));
    const url = await cluster.database();
    const report = await copySqliteToPostgres(source.db, url);
    expect(report.tables.find((t) => t.table === 'subscribers')?.rows).toBe(30);
    expect(report.tables.find((t) => t.table === 'deliveries')?.rows).toBe(27); // the 27 active of 2026-W47

    const target = await openPostgresStore(url, { max: 2 });
    try {
      expect(await summary(target)).toEqual(await summary(source.store));
      const next = await target.subscribers.add({ email: 'later@example.com' }, { via: 'web', now: NOW });
      expect(next.subscriber.id).toBe(source.unconfirmed + 1);
      expect(await target.confirmations.use(source.unconfirmed, source.nonce, NOW)).toBe('confirmed');
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
