import type { Config } from '../config/schema.js';
import { RoundupError } from '../errors.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { IssueRecord, Store } from '../store/index.js';
import type { BuiltIssue } from './build-issue.js';
import { freezeBuilt } from './freeze-built.js';

export interface ApproveResult {
  record: IssueRecord;
  /** The approved version: what the job will send. */
  snapshot: Snapshot;
  /** False when this very version was already approved (approving is idempotent; the first approval time stays). */
  changed: boolean;
}

/**
 * Approves the issue as built now, for `roundup approve` and the preview's button alike: the built issue is
 * frozen (src/snapshot) and stored with the approval, and that snapshot is what the job sends, never a rebuild.
 * Approving another version replaces the approved one ("approve this version").
 *
 * An issue whose checks found errors cannot be approved (fix it first); one being sent or already sent cannot
 * be approved again (what went out does not change).
 */
export async function approveIssue(store: Store, config: Config, built: BuiltIssue, now: Date = new Date()): Promise<ApproveResult> {
  const key = built.window.key;
  const errors = built.rendered.checks.filter((c) => c.level === 'error');
  if (errors.length > 0) {
    throw new RoundupError(
      'RENDER_CHECK_FAILED',
      `${key} cannot be approved: the rendered email failed ${errors.length} check(s):\n` +
        errors.map((c) => `  [${c.code}] ${c.message}`).join('\n') +
        '\nFix them (the preview shows each one), then approve again.',
    );
  }
  const existing = await store.issues.get(key);
  if (existing?.status === 'sending' || existing?.status === 'sent') {
    throw new RoundupError(
      'USAGE',
      `${key} is already ${existing.status === 'sent' ? `sent (${existing.sentAt ?? 'time unknown'})` : 'being sent'}: ` +
        'there is nothing left to approve. Preview another week with --week.',
    );
  }
  const snapshot = freezeBuilt(config, built);
  const stored = await store.snapshots.get(key);
  if (existing?.status === 'approved' && stored?.snapshot.hash === snapshot.hash) {
    return { record: existing, snapshot: stored.snapshot, changed: false };
  }
  await store.snapshots.save(snapshot, { by: 'approval', now });
  return { record: (await store.issues.get(key))!, snapshot, changed: true };
}

/**
 * Withdraws the approval of `key` (its snapshot goes; the issue is a draft again). False when it was not
 * approved; USAGE when its send has started.
 */
export function revokeApproval(store: Store, key: string, now: Date = new Date()): Promise<boolean> {
  return store.snapshots.revoke(key, now);
}
