// Issues and their frozen snapshots on PostgreSQL: the same records and rules as SQLite's (issues-store.ts,
// snapshots-store.ts); the issue's row is locked while its snapshot changes, so an approval and a send that
// starts cannot cross.
import type pg from 'pg';
import { RoundupError } from '../../errors.js';
import type { Snapshot, StoredSnapshot } from '../../snapshot/snapshot.js';
import { toIssueRecord, type IssueStatus } from '../issues-store.js';
import type { IssueRow } from '../issue-queries.js';
import { toPublishedIssue, toStoredSnapshot, type StoredSnapshotRow } from '../snapshots-store.js';
import type { IssueRepo, SnapshotRepo } from '../store.js';
import { inTransaction, type Queryable } from './pg-pool.js';

const getRow = async (q: Queryable, key: string, lock = false) =>
  (await q.query<IssueRow>(`SELECT * FROM issues WHERE key = $1${lock ? ' FOR UPDATE' : ''}`, [key])).rows[0];

const upsertBuilt = (q: Queryable, key: string, subject: string, now: string) =>
  q.query(
    `INSERT INTO issues (key, status, subject, built_at) VALUES ($1, 'built', $2, $3)
     ON CONFLICT (key) DO UPDATE SET subject = excluded.subject, built_at = excluded.built_at`,
    [key, subject, now],
  );

async function mark(q: Queryable, key: string, status: IssueStatus, now: string, counts: Record<string, number> | undefined): Promise<number> {
  const result = await q.query(
    `UPDATE issues SET status = $2,
       approved_at = CASE WHEN $2 = 'approved' THEN $3 ELSE approved_at END,
       sent_at = CASE WHEN $2 = 'sent' THEN $3 ELSE sent_at END,
       counts = coalesce($4, counts)
     WHERE key = $1`,
    [key, status, now, counts === undefined ? null : JSON.stringify(counts)],
  );
  return result.rowCount ?? 0;
}

export function pgIssues(pool: pg.Pool): IssueRepo {
  return {
    async get(key) {
      const row = await getRow(pool, key);
      return row && toIssueRecord(row);
    },
    async list() {
      return (await pool.query<IssueRow>('SELECT * FROM issues ORDER BY key')).rows.map(toIssueRecord);
    },
    async upsertBuilt(input) {
      await upsertBuilt(pool, input.key, input.subject, input.now.toISOString());
      return toIssueRecord((await getRow(pool, input.key))!);
    },
    async mark(key, status, options) {
      if ((await mark(pool, key, status, options.now.toISOString(), options.counts)) === 0) {
        throw new RoundupError('DB_ERROR', `Issue \`${key}\` is not in the database, so it cannot be marked ${status}. Build it first (roundup build).`);
      }
      return toIssueRecord((await getRow(pool, key))!);
    },
  };
}

const getSnapshotRow = async (q: Queryable, issue: string) =>
  (await q.query<StoredSnapshotRow>('SELECT frozen_at, frozen_by, public_html, public_text, body FROM snapshots WHERE issue = $1', [issue])).rows[0];

async function save(c: pg.PoolClient, snapshot: Snapshot, by: 'approval' | 'send', now: string): Promise<StoredSnapshot> {
  await upsertBuilt(c, snapshot.issue, snapshot.subject, now);
  const current = (await getRow(c, snapshot.issue, true))!;
  if (current.status === 'sending' || current.status === 'sent') {
    throw new RoundupError('USAGE', `${snapshot.issue} is ${current.status === 'sent' ? 'sent' : 'being sent'}: what went out cannot change.`);
  }
  // upsertBuilt changed the subject and build time; the status stays until marked here
  await mark(c, snapshot.issue, by === 'approval' ? 'approved' : 'sending', now, undefined);
  const { publicCopy, ...body } = snapshot;
  await c.query(
    `INSERT INTO snapshots (issue, hash, frozen_at, frozen_by, window_start, subject, public_html, public_text, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (issue) DO UPDATE SET hash = excluded.hash, frozen_at = excluded.frozen_at, frozen_by = excluded.frozen_by,
       window_start = excluded.window_start, subject = excluded.subject, public_html = excluded.public_html,
       public_text = excluded.public_text, body = excluded.body`,
    [snapshot.issue, snapshot.hash, now, by, new Date(snapshot.window.start).toISOString(), snapshot.subject, publicCopy.html, publicCopy.text, JSON.stringify(body)],
  );
  await c.query('DELETE FROM snapshot_stories WHERE issue = $1', [snapshot.issue]);
  for (const section of snapshot.digest.sections) {
    for (const story of section.stories) {
      await c.query('INSERT INTO snapshot_stories (issue, url, is_event) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [snapshot.issue, story.url, story.event !== undefined]);
    }
  }
  return { snapshot, frozenAt: now, frozenBy: by };
}

const PUBLISHED = `SELECT i.key, i.status, s.subject, s.window_start, s.frozen_at, i.sent_at FROM issues i JOIN snapshots s ON s.issue = i.key`;

export function pgSnapshots(pool: pg.Pool): SnapshotRepo {
  return {
    save: (snapshot, options) => inTransaction(pool, (c) => save(c, snapshot, options.by, options.now.toISOString())),
    freezeForSend: (snapshot, now) =>
      inTransaction(pool, async (c) => {
        await upsertBuilt(c, snapshot.issue, snapshot.subject, now.toISOString());
        await getRow(c, snapshot.issue, true); // senders starting at once queue here: the first freezes, the rest read it
        const stored = await getSnapshotRow(c, snapshot.issue);
        return stored ? toStoredSnapshot(stored) : save(c, snapshot, 'send', now.toISOString());
      }),
    async get(issue) {
      const row = await getSnapshotRow(pool, issue);
      return row && toStoredSnapshot(row);
    },
    revoke: (issue, now) =>
      inTransaction(pool, async (c) => {
        const current = await getRow(c, issue, true);
        if (current?.status === 'sending' || current?.status === 'sent') {
          throw new RoundupError('USAGE', `${issue} is ${current.status === 'sent' ? 'sent' : 'being sent'}: an approval cannot be withdrawn once the send has started.`);
        }
        if (current?.status !== 'approved') return false;
        await c.query('DELETE FROM snapshots WHERE issue = $1', [issue]);
        await mark(c, issue, 'built', now.toISOString(), undefined);
        return true;
      }),
    async listPublished() {
      const { rows } = await pool.query(`${PUBLISHED} WHERE i.status IN ('sending', 'sent') ORDER BY s.window_start DESC, i.key DESC`);
      return rows.map(toPublishedIssue);
    },
    async publicCopy(issue) {
      const { rows } = await pool.query(`${PUBLISHED.replace('i.sent_at FROM', 'i.sent_at, s.public_html, s.public_text FROM')} WHERE i.key = $1 AND i.status IN ('sending', 'sent')`, [issue]);
      const row = rows[0];
      return row && { ...toPublishedIssue(row), html: row.public_html as string, text: row.public_text as string };
    },
    async sentBefore(weekStart) {
      const { rows } = await pool.query<{ url: string; issue: string }>(
        `SELECT ss.url, ss.issue FROM snapshot_stories ss JOIN snapshots s ON s.issue = ss.issue JOIN issues i ON i.key = s.issue
         WHERE i.status IN ('sending', 'sent') AND NOT ss.is_event AND s.window_start < $1
         ORDER BY s.window_start DESC, ss.issue DESC`,
        [new Date(weekStart).toISOString()],
      );
      const sent = new Map<string, string>();
      for (const { url, issue } of rows) if (!sent.has(url)) sent.set(url, issue);
      return sent;
    },
    async lastSent() {
      const { rows } = await pool.query<{ key: string }>(
        `SELECT i.key FROM issues i JOIN snapshots s ON s.issue = i.key WHERE i.status = 'sent'
         ORDER BY s.window_start COLLATE "C" DESC, i.key COLLATE "C" DESC LIMIT 1`,
      );
      return rows[0]?.key;
    },
  };
}
