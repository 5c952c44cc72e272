// The issues table: what was built, approved, is being sent, and was sent (built -> approved -> sending ->
// sent). The send and the scheduled job use it so that a sent issue is never sent again.
import { RoundupError } from '../errors.js';
import { issueQueries, type IssueRow, type IssueStatus } from './issue-queries.js';
import type { Database } from './open-database.js';

export type { IssueStatus } from './issue-queries.js';

export interface IssueRecord {
  key: string;
  status: IssueStatus;
  subject: string;
  builtAt?: string;
  approvedAt?: string;
  sentAt?: string;
  /** Delivery counts by state, as recorded by the send. */
  counts?: Record<string, number>;
}

/** An `issues` row as the rest of the code sees it (both stores read the same columns). */
export function toIssueRecord(row: IssueRow): IssueRecord {
  const record: IssueRecord = { key: row.key, status: row.status, subject: row.subject };
  if (row.built_at !== null) record.builtAt = row.built_at;
  if (row.approved_at !== null) record.approvedAt = row.approved_at;
  if (row.sent_at !== null) record.sentAt = row.sent_at;
  if (row.counts !== null) record.counts = JSON.parse(row.counts) as Record<string, number>;
  return record;
}

export function getIssue(db: Database, key: string): IssueRecord | undefined {
  const row = issueQueries(db).get.get(key);
  return row && toIssueRecord(row);
}

export function listIssues(db: Database): IssueRecord[] {
  return issueQueries(db).list.all().map(toIssueRecord);
}

/**
 * Records a build of `key`: a new issue starts as `built`; a known one gets the new subject and build time
 * and keeps its status (whether a rebuild needs approving again is the caller's decision: markIssue).
 */
export function upsertIssue(db: Database, input: { key: string; subject: string; now?: Date }): IssueRecord {
  const now = (input.now ?? new Date()).toISOString();
  issueQueries(db).upsertBuilt.run({ key: input.key, subject: input.subject, now });
  return getIssue(db, input.key)!;
}

/** Moves an issue to `status` (recording approved_at / sent_at), with delivery counts when given. */
export function markIssue(
  db: Database,
  key: string,
  status: IssueStatus,
  options: { now?: Date; counts?: Record<string, number> } = {},
): IssueRecord {
  const now = (options.now ?? new Date()).toISOString();
  const counts = options.counts === undefined ? null : JSON.stringify(options.counts);
  const result = issueQueries(db).mark.run({ key, status, now, counts });
  if (result.changes === 0) {
    throw new RoundupError(
      'DB_ERROR',
      `Issue \`${key}\` is not in the database, so it cannot be marked ${status}. Build it first (roundup build).`,
    );
  }
  return getIssue(db, key)!;
}
