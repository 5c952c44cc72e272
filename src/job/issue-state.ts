import type { RoundupEnv } from '../config/index.js';
import { describeDiff, diffSnapshot, isUnchanged, type SnapshotDiff } from '../snapshot/diff-snapshot.js';
import type { Snapshot, SnapshotInputs } from '../snapshot/snapshot.js';
import { changedInputs } from '../snapshot/editor-inputs.js';
import type { IssueRecord } from '../store/index.js';
import { withStore } from './with-store.js';
import type { StoredSnapshot } from '../snapshot/snapshot.js';
import type { Digest } from '../types.js';

/**
 * Where an issue stands, as the preview shows it (glossary: draft -> approved -> sending -> sent, and
 * "changed since approval" when the draft is not the approved snapshot):
 * - `none`: nothing recorded (or no database yet); `draft`: built, not approved;
 * - `approved`: the approved snapshot is the draft as it is now;
 * - `changed`: approved, but the draft differs (`diff` says how; `editorChanged`: the editor's own inputs
 *   changed, so a new approval is needed before the job sends);
 * - `sending` / `sent`: the send has started or ended; the frozen issue is what the page shows.
 */
export type IssueState =
  | { kind: 'none' | 'draft'; record?: IssueRecord | undefined }
  | { kind: 'approved'; record: IssueRecord; stored: StoredSnapshot }
  | { kind: 'changed'; record: IssueRecord; stored: StoredSnapshot; diff: SnapshotDiff; lines: string[]; editorChanged: boolean }
  | { kind: 'sending' | 'sent'; record: IssueRecord; stored: StoredSnapshot };

/** The database's record and snapshot of a week, read without creating a database that is not there. */
export async function readIssueRecord(env: RoundupEnv, key: string): Promise<{ record?: IssueRecord; stored?: StoredSnapshot }> {
  const found = await withStore(
    env.db,
    async (store) => {
      const [record, stored] = await Promise.all([store.issues.get(key), store.snapshots.get(key)]);
      return { ...(record ? { record } : {}), ...(stored ? { stored } : {}) };
    },
    { ifExists: true },
  );
  return found ?? {};
}

/** The state of a week given its record, its snapshot and (unless it went out) the draft. Pure. */
export function issueState(
  found: { record?: IssueRecord | undefined; stored?: StoredSnapshot | undefined },
  draft: { digest: Digest; subject: string; preheader: string; inputs: SnapshotInputs } | undefined,
): IssueState {
  const { record, stored } = found;
  if (!record) return { kind: 'none' };
  if ((record.status === 'sending' || record.status === 'sent') && stored) return { kind: record.status, record, stored };
  if (record.status !== 'approved' || !stored) return { kind: 'draft', record };
  if (!draft) return { kind: 'approved', record, stored };
  const diff = diffSnapshot(stored.snapshot, draft);
  if (isUnchanged(diff)) return { kind: 'approved', record, stored };
  return { kind: 'changed', record, stored, diff, lines: describeDiff(diff), editorChanged: diff.inputs.length > 0 };
}

/** The state from the editor's inputs alone (no build): what the week picker can afford for every week. */
export function quickState(found: { record?: IssueRecord | undefined; stored?: StoredSnapshot | undefined }, inputsNow: SnapshotInputs): IssueState['kind'] {
  const { record, stored } = found;
  if (!record) return 'none';
  if (record.status === 'sending' || record.status === 'sent') return record.status;
  if (record.status !== 'approved' || !stored) return 'draft';
  return changedInputs(stored.snapshot.inputs, inputsNow).length > 0 ? 'changed' : 'approved';
}

/** The snapshot a sending or sent week shows, as the page's built issue. */
export function frozenView(snapshot: Snapshot) {
  return {
    window: snapshot.window,
    digest: snapshot.digest,
    rendered: {
      issue: snapshot.issue,
      subject: snapshot.subject,
      preheader: snapshot.preheader,
      ...snapshot.parts,
      links: snapshot.links,
      checks: snapshot.checks,
    },
  };
}
