// Frozen issues in the database (src/snapshot/snapshot.ts). An issue's snapshot is written when it is approved
// (`approval`) or when its send starts with approval off (`send`), replaced by a new approval, removed by a
// revoked one, and never changed once its send has started.
import { RoundupError } from '../errors.js';
import type { Snapshot, StoredSnapshot } from '../snapshot/snapshot.js';
import type { Database } from './open-database.js';
import { issueQueries } from './issue-queries.js';
import { snapshotQueries, type PublishedRow, type SnapshotRow } from './snapshot-queries.js';
import { writeTransaction } from './write-transaction.js';

/** An issue as the archive lists it. */
export interface PublishedIssue {
  key: string;
  status: 'sending' | 'sent';
  subject: string;
  /** The week's start (UTC ISO). */
  weekStart: string;
  frozenAt: string;
  sentAt?: string;
}

/** An issue that went out, from its issues and snapshots columns (both stores read the same). */
export function toPublishedIssue(row: PublishedRow): PublishedIssue {
  const issue: PublishedIssue = { key: row.key, status: row.status, subject: row.subject, weekStart: row.window_start, frozenAt: row.frozen_at };
  if (row.sent_at !== null) issue.sentAt = row.sent_at;
  return issue;
}

/**
 * Stores `snapshot` for its issue and moves the issue to `approved` (by approval) or `sending` (by send), in one
 * transaction. Throws USAGE when the issue's send has already started: its snapshot never changes.
 */
export function saveSnapshot(db: Database, snapshot: Snapshot, options: { by: 'approval' | 'send'; now: Date }): StoredSnapshot {
  const now = options.now.toISOString();
  return writeTransaction(db, () => {
    const issues = issueQueries(db);
    const current = issues.get.get(snapshot.issue);
    if (current?.status === 'sending' || current?.status === 'sent') {
      throw new RoundupError('USAGE', `${snapshot.issue} is ${current.status === 'sent' ? 'sent' : 'being sent'}: what went out cannot change.`);
    }
    issues.upsertBuilt.run({ key: snapshot.issue, subject: snapshot.subject, now });
    issues.mark.run({ key: snapshot.issue, status: options.by === 'approval' ? 'approved' : 'sending', now, counts: null });
    const { publicCopy, ...body } = snapshot;
    const q = snapshotQueries(db);
    q.put.run({
      issue: snapshot.issue,
      hash: snapshot.hash,
      frozen_at: now,
      frozen_by: options.by,
      window_start: new Date(snapshot.window.start).toISOString(),
      subject: snapshot.subject,
      public_html: publicCopy.html,
      public_text: publicCopy.text,
      body: JSON.stringify(body),
    });
    q.clearStories.run(snapshot.issue);
    for (const section of snapshot.digest.sections) {
      for (const story of section.stories) q.addStory.run({ issue: snapshot.issue, url: story.url, is_event: story.event ? 1 : 0 });
    }
    return { snapshot, frozenAt: now, frozenBy: options.by };
  });
}

/**
 * The snapshot a send goes out with: the stored one, or `snapshot` stored now (frozen by `send`, the issue moved to
 * `sending`) when there is none; in one transaction, so senders starting at once all get the same one.
 */
export function freezeForSend(db: Database, snapshot: Snapshot, now: Date): StoredSnapshot {
  return writeTransaction(db, () => getSnapshot(db, snapshot.issue) ?? saveSnapshot(db, snapshot, { by: 'send', now }));
}

/** An issue's snapshot, or undefined. */
export function getSnapshot(db: Database, issue: string): StoredSnapshot | undefined {
  const row = snapshotQueries(db).get.get(issue);
  if (row === undefined) return undefined;
  return toStoredSnapshot(row);
}

/** The columns of a `snapshots` row a stored snapshot is read from. */
export type StoredSnapshotRow = Pick<SnapshotRow, 'frozen_at' | 'frozen_by' | 'public_html' | 'public_text' | 'body'>;

/** A `snapshots` row as stored: the body, with the public copy kept apart in its own columns put back. */
export function toStoredSnapshot(row: StoredSnapshotRow): StoredSnapshot {
  const body = JSON.parse(row.body) as Omit<Snapshot, 'publicCopy'>;
  return {
    snapshot: { ...body, publicCopy: { html: row.public_html, text: row.public_text } },
    frozenAt: row.frozen_at,
    frozenBy: row.frozen_by,
  };
}

/**
 * Withdraws an approval: the snapshot goes and the issue is `built` again. Returns false when there was no
 * approval to withdraw; throws USAGE when the issue's send has started.
 */
export function revokeSnapshot(db: Database, issue: string, now: Date): boolean {
  return writeTransaction(db, () => {
    const current = issueQueries(db).get.get(issue);
    if (current?.status === 'sending' || current?.status === 'sent') {
      throw new RoundupError('USAGE', `${issue} is ${current.status === 'sent' ? 'sent' : 'being sent'}: an approval cannot be withdrawn once the send has started.`);
    }
    if (current?.status !== 'approved') return false;
    snapshotQueries(db).remove.run(issue);
    issueQueries(db).mark.run({ key: issue, status: 'built', now: now.toISOString(), counts: null });
    return true;
  });
}

/** Issues that went out (or are going out), newest week first. */
export function listPublishedIssues(db: Database): PublishedIssue[] {
  return snapshotQueries(db).published.all().map(toPublishedIssue);
}

/** A published issue's public copy ("view in browser"), or undefined for an unknown or unsent one. */
export function getPublicCopy(db: Database, issue: string): (PublishedIssue & { html: string; text: string }) | undefined {
  const row = snapshotQueries(db).publicCopy.get(issue);
  return row && { ...toPublishedIssue(row), html: row.public_html, text: row.public_text };
}

/** Story URL -> the latest earlier issue it went out in, for issues of weeks before `weekStart` (ISO). */
export function storiesSentBefore(db: Database, weekStart: string): Map<string, string> {
  const sent = new Map<string, string>();
  for (const { url, issue } of snapshotQueries(db).sentBefore.all(new Date(weekStart).toISOString())) {
    if (!sent.has(url)) sent.set(url, issue);
  }
  return sent;
}

/** The key of the newest issue that was sent (by its week), or undefined. */
export function lastSentIssue(db: Database): string | undefined {
  return snapshotQueries(db).lastSent.get()?.key;
}
