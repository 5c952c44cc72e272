// A database written by the release before this one (schema version 1: subscribers, the ledger, issues,
// locks) opens with this release: it migrates in place, every row kept as it was, and the new tables work.
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getIssue, getSnapshot, MIGRATIONS, migrate, openDatabase, saveSnapshot, schemaVersion, SCHEMA_VERSION, listPublishedIssues } from '../../src/store/index.js';
import { testSnapshot } from '../snapshot/test-snapshot.js';
import { tempDir } from './temp-db.js';

const TABLES = ['subscribers', 'deliveries', 'issues', 'locks'] as const;

/** A version-1 database with rows in every table, written by version 1's own SQL. */
function releaseOneDatabase(file: string): void {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  migrate(db, file, MIGRATIONS.filter((m) => m.version === 1));
  expect(schemaVersion(db)).toBe(1);
  const now = '2026-11-20T10:00:00.000Z';
  const add = db.prepare(
    `INSERT INTO subscribers (email, email_key, name, topics, status, joined_at, joined_via, left_at, left_via, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'import', ?, ?, ?)`,
  );
  add.run('ann@example.com', 'ann@example.com', 'Ann', '["Opinion"]', 'active', now, null, null, now);
  add.run('Bo@Example.org', 'Bo@example.org', 'Bo', '[]', 'unsubscribed', now, now, 'one-click', now);
  add.run('cy@example.net', 'cy@example.net', '', '[]', 'unconfirmed', now, null, null, now);
  db.prepare(`INSERT INTO issues (key, status, subject, built_at, approved_at, sent_at, counts) VALUES
    ('2026-W46', 'sent', 'Sent before', ?, ?, ?, '{"submitted":2}'),
    ('2026-W47', 'approved', 'Approved before', ?, ?, NULL, NULL)`).run(now, now, now, now, now);
  db.prepare(`INSERT INTO deliveries (issue, subscriber_id, state, attempts, last_reply, message_id, updated_at) VALUES
    ('2026-W46', 1, 'submitted', 1, '250 OK', 'm1@x', ?), ('2026-W46', 2, 'failed', 3, '550 no', 'm2@x', ?)`).run(now, now);
  db.prepare("INSERT INTO locks (name, holder, acquired_at, expires_at) VALUES ('send:2026-W47', 'host:1', ?, ?)").run(now, now);
  db.close();
}

function dump(file: string): Record<string, unknown[]> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
  } finally {
    db.close();
  }
}

describe('a database of the previous release', () => {
  it('migrates to this release without losing or changing a row', () => {
    const file = `${tempDir()}/roundup.db`;
    releaseOneDatabase(file);
    const before = dump(file);
    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBeGreaterThan(1);
    } finally {
      db.close();
    }
    // every row as it was; columns added since (the ledger's lease_owner, lease_until) empty: nobody holds a row
    const after = dump(file);
    for (const table of TABLES) {
      expect(after[table]!.length).toBe(before[table]!.length);
      after[table]!.forEach((row, i) => {
        const old = before[table]![i] as Record<string, unknown>;
        const added = Object.entries(row as Record<string, unknown>).filter(([column]) => !(column in old));
        expect(Object.fromEntries(Object.entries(row as Record<string, unknown>).filter(([column]) => column in old))).toEqual(old);
        for (const [, value] of added) expect(value).toBeNull();
      });
    }
  });

  it('its issues keep their status; an issue sent before snapshots has none (not in the archive), a new one can be frozen', () => {
    const file = `${tempDir()}/roundup.db`;
    releaseOneDatabase(file);
    const db = openDatabase(file);
    try {
      expect(getIssue(db, '2026-W46')).toMatchObject({ status: 'sent', counts: { submitted: 2 } });
      expect(getIssue(db, '2026-W47')).toMatchObject({ status: 'approved' });
      expect(getSnapshot(db, '2026-W46')).toBeUndefined();
      expect(listPublishedIssues(db)).toEqual([]);
      saveSnapshot(db, testSnapshot('2026-W48'), { by: 'send', now: new Date('2026-11-30T07:00:00Z') });
      expect(listPublishedIssues(db).map((i) => i.key)).toEqual(['2026-W48']);
    } finally {
      db.close();
    }
  });
});
