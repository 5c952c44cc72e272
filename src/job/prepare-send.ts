// Which version of an issue goes out: the one frozen in the database, never a rebuild. Words (glossary):
// - draft: the issue as built now from the sources and the editor's inputs;
// - snapshot: the frozen issue (src/snapshot/snapshot.ts); approved, or frozen by a send that started;
// - changed since approval: the editor's own inputs (config, templates, override file) differ from the
//   approved snapshot's; data that moved by itself (read counts, a story edited at the source) does not count.
import { loadIssueOverride, type LoadedConfig, type RoundupEnv } from '../config/index.js';
import { errorMessage, isRoundupError } from '../errors.js';
import { templatesFor } from '../render/render-issue.js';
import { parseWeekArg } from '../select/parse-week-arg.js';
import { changedInputs, editorInputs } from '../snapshot/editor-inputs.js';
import { describeDiff, diffSnapshot, type SnapshotDiff } from '../snapshot/diff-snapshot.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { Store } from '../store/index.js';
import { assertChecksPass, buildIssue, type BuiltIssue } from './build-issue.js';
import { freezeBuilt } from './freeze-built.js';

export type Prepared =
  /** Send this snapshot (`stored`: it is in the database already; else it is frozen when the send starts). */
  | { kind: 'send'; issue: string; snapshot: Snapshot; stored: boolean; drift?: SnapshotDiff | undefined }
  /** Nothing to send until an editor approves (again). `subject`: the draft's, when it was built. */
  | { kind: 'wait'; issue: string; reason: string; changed?: string[] | undefined; subject?: string | undefined };

export interface PrepareOptions {
  loaded: LoadedConfig;
  env: RoundupEnv;
  now: Date;
  store: Store;
  week?: string | undefined;
  date?: string | undefined;
  /** `send`: a real send (approval rules apply); `preview`: a dry run or test send (the draft when nothing is frozen). */
  purpose: 'send' | 'preview';
  log?: ((line: string) => void) | undefined;
}

/**
 * Decides what goes out for the week:
 * - the send has started (or ended): its snapshot, never rebuilt (the sources need not even answer);
 * - an approved snapshot: it, unless the editor's inputs changed since and `web.schedule.onChangeAfterApproval`
 *   is `reapprove` (then wait, naming what changed); drift in the data is logged, not a reason to wait;
 * - nothing frozen: the draft, built and checked; with `web.schedule.requireApproval` a real send waits.
 * Throws what a build throws (ISSUE_TOO_THIN, RENDER_CHECK_FAILED, ...) when the draft is what would be sent.
 */
export async function prepareSend(o: PrepareOptions): Promise<Prepared> {
  const { config } = o.loaded;
  const log = o.log ?? (() => {});
  const issue = parseWeekArg({ week: o.week, date: o.date }, config.site, o.now).key;
  const stored = await o.store.snapshots.get(issue);
  const record = await o.store.issues.get(issue);
  if (stored && (record?.status === 'sending' || record?.status === 'sent')) {
    return { kind: 'send', issue, snapshot: stored.snapshot, stored: true };
  }
  if (stored && o.purpose === 'send') {
    const override = loadIssueOverride(o.loaded, issue);
    const changed = changedInputs(stored.snapshot.inputs, editorInputs(config, templatesFor(config, o.loaded.dir), override));
    const drift = await draftDrift(o, stored.snapshot, log);
    if (changed.length > 0) {
      const what = changed.join(', ');
      if (config.web.schedule.onChangeAfterApproval === 'reapprove') {
        return {
          kind: 'wait',
          issue,
          changed,
          reason:
            `${issue} changed since it was approved (${what}): nothing sent. Look at the changes with ` +
            `\`roundup preview --week ${issue}\` and approve this version (\`roundup approve --week ${issue}\`), or undo them ` +
            `(\`web.schedule.onChangeAfterApproval: send-approved\` sends the approved version anyway).`,
        };
      }
      log(`${issue}: changed since approval (${what}); sending the approved version (web.schedule.onChangeAfterApproval: send-approved)`);
    }
    return { kind: 'send', issue, snapshot: stored.snapshot, stored: true, drift };
  }
  if (stored) return { kind: 'send', issue, snapshot: stored.snapshot, stored: true };

  const built = await buildIssue({ loaded: o.loaded, env: o.env, now: o.now, week: issue });
  // Empty or collapsed reads, unmatched URLs, overrides that did not apply: the log is where an operator looks.
  for (const warning of built.digest.warnings ?? []) log(`${issue}: warning: ${warning}`);
  assertChecksPass(built);
  // approved by a release that kept no snapshot: that approval stands, and the issue is frozen as built now
  const approvedBefore = record?.status === 'approved';
  if (approvedBefore && o.purpose === 'send') log(`${issue}: approved before issues were frozen at approval; freezing it as built now`);
  if (o.purpose === 'send' && config.web.schedule.requireApproval && !approvedBefore) {
    return {
      kind: 'wait',
      issue,
      subject: built.rendered.subject,
      reason:
        `${issue} waits for approval (config \`web.schedule.requireApproval\`): nothing sent. ` +
        `Look at it with \`roundup preview --week ${issue}\`, approve it with \`roundup approve --week ${issue}\`, ` +
        'then run the job again (`roundup schedule` checks again every `web.schedule.approvalRecheckMinutes`).',
    };
  }
  return { kind: 'send', issue, snapshot: freezeBuilt(config, built), stored: false };
}

/** How the draft differs from the frozen issue, logged; undefined when the draft cannot be built now. */
async function draftDrift(o: PrepareOptions, frozen: Snapshot, log: (line: string) => void): Promise<SnapshotDiff | undefined> {
  let built: BuiltIssue;
  try {
    built = await buildIssue({ loaded: o.loaded, env: o.env, now: o.now, week: frozen.issue, write: false });
  } catch (error) {
    log(`${frozen.issue}: the draft could not be built to compare with the approved version (${isRoundupError(error) ? error.code : 'error'}: ${errorMessage(error).split('\n')[0]}); the approved version is complete without it`);
    return undefined;
  }
  const diff = diffSnapshot(frozen, { ...built.rendered, digest: built.digest, inputs: freezeBuilt(o.loaded.config, built).inputs });
  for (const line of describeDiff(diff)) log(`${frozen.issue}: since approval: ${line}`);
  return diff;
}
