import { RoundupError } from '../errors.js';
import { getIssue, markIssue, upsertIssue, type Database, type IssueRecord } from '../store/index.js';
import type { CheckResult } from '../types.js';

export interface ApproveResult {
  record: IssueRecord;
  /** False when the issue was already approved (approving is idempotent; the first approval time stays). */
  changed: boolean;
}

/**
 * Marks an issue ready to send, for `roundup approve` and the preview's Approve button alike.
 *
 * The record of approval is the database's `issues` table (status `approved`, `approved_at`): the scheduled
 * job reads it there. The override file's `approved:` key is not read or written.
 *
 * An issue whose checks found errors cannot be approved (fix it first); one being sent or already sent cannot
 * be approved again.
 */
export function approveIssue(
  db: Database,
  issue: { key: string; subject: string; checks: readonly CheckResult[] },
  now: Date = new Date(),
): ApproveResult {
  const errors = issue.checks.filter((c) => c.level === 'error');
  if (errors.length > 0) {
    throw new RoundupError(
      'RENDER_CHECK_FAILED',
      `${issue.key} cannot be approved: the rendered email failed ${errors.length} check(s):\n` +
        errors.map((c) => `  [${c.code}] ${c.message}`).join('\n') +
        '\nFix them (the preview shows each one), then approve again.',
    );
  }
  const existing = getIssue(db, issue.key);
  if (existing?.status === 'sending' || existing?.status === 'sent') {
    throw new RoundupError(
      'USAGE',
      `${issue.key} is already ${existing.status === 'sent' ? `sent (${existing.sentAt ?? 'time unknown'})` : 'being sent'}: ` +
        'there is nothing left to approve. Preview another week with --week.',
    );
  }
  if (existing?.status === 'approved') {
    const record = existing.subject === issue.subject ? existing : upsertIssue(db, { key: issue.key, subject: issue.subject, now });
    return { record, changed: false };
  }
  upsertIssue(db, { key: issue.key, subject: issue.subject, now });
  return { record: markIssue(db, issue.key, 'approved', { now }), changed: true };
}
