// The week's work, once: build -> check -> (approval) -> send. `roundup run` calls it once; `roundup schedule`
// calls it on a cron. Words used here:
// - skipped: a thin week (fewer new stories than `selection.minNewStories`): no issue, not an error.
// - waiting for approval: `web.schedule.requireApproval` is on and nobody ran `roundup approve` yet, or the
//   editor's inputs changed since the approval (`web.schedule.onChangeAfterApproval: reapprove`); nothing is
//   sent, and running the job again after the (new) approval sends it.
// What is sent is always a frozen issue (src/job/prepare-send.ts): the approved one, or the draft frozen when
// its send starts; a half-sent issue resumes from its snapshot without building again.
// Safe to run again at any time: an issue recorded `sent` is not built or sent again, a half-sent one resumes
// from the ledger, and runs at once share the list: each recipient gets the issue once (leases on the ledger's rows),
// and each run ends when the whole list is settled.
import type { LoadedConfig, RoundupEnv } from '../config/index.js';
import type { SendProgress, SendReport, SendStatus } from '../deliver/send-report.js';
import { isRoundupError, type ErrorCode } from '../errors.js';
import { parseWeekArg } from '../select/parse-week-arg.js';
import { openStore } from '../store/index.js';
import { prepareSend, type Prepared } from './prepare-send.js';
import { requireSendEnv } from './send-env.js';
import { sendSnapshot } from './send-snapshot.js';

export type JobStatus = Exclude<SendStatus, 'dry-run' | 'test'> | 'skipped-thin' | 'waiting-approval';

export interface JobOutcome {
  /** The issue key, e.g. `2026-W48`. */
  issue: string;
  status: JobStatus;
  /** One or two sentences for a person: what happened and what comes next. */
  message: string;
  /**
   * The error code behind an outcome other than sent: ISSUE_TOO_THIN (skipped), NOT_APPROVED (waiting),
   * or the send's SEND_PAUSED / SMTP_AUTH / SMTP_TLS.
   */
  code?: ErrorCode | undefined;
  /** The send's report, when the job got as far as sending. */
  report?: SendReport | undefined;
}

export interface RunJobOptions {
  loaded: LoadedConfig;
  env: RoundupEnv;
  now: Date;
  /** The issue's week (`--week` / `--date`); neither: the latest complete week before `now`. */
  week?: string | undefined;
  date?: string | undefined;
  /** Stops a send after the messages in flight are answered (status `aborted`). */
  signal?: AbortSignal | undefined;
  /** Lines for a person, as the job goes. */
  log?: ((line: string) => void) | undefined;
  onProgress?: ((progress: SendProgress) => void) | undefined;
}

/**
 * Runs the week's job once and says how it ended. Thin weeks, missing approval, a lock held by another run and
 * an issue already sent are outcomes, not errors; a source, template, check, config or SMTP failure throws
 * RoundupError as `roundup build` / `roundup send` would.
 */
export async function runJob(o: RunJobOptions): Promise<JobOutcome> {
  const { config } = o.loaded;
  const log = o.log ?? (() => {});
  const issue = parseWeekArg({ week: o.week, date: o.date }, config.site, o.now).key;
  requireSendEnv(o.env); // before the build: a missing secret or server is reported at once
  const store = await openStore(o.env.db);
  try {
    const recorded = await store.issues.get(issue);
    if (recorded?.status === 'sent') {
      return {
        issue,
        status: 'already-sent',
        message: `${issue} was sent ${recorded.sentAt ?? 'earlier'}; nothing is sent again.`,
      };
    }
    log(`${issue}: ${recorded?.status === 'sending' ? 'resuming the send of the frozen issue' : 'building (sources, selection, rendering)'}`);
    let prepared: Prepared;
    try {
      prepared = await prepareSend({ loaded: o.loaded, env: o.env, now: o.now, store, week: issue, purpose: 'send', log });
    } catch (error) {
      if (isRoundupError(error, 'ISSUE_TOO_THIN')) {
        return { issue, status: 'skipped-thin', code: error.code, message: `Skipped ${issue}, a thin week: ${error.message}` };
      }
      throw error;
    }
    if (prepared.kind === 'wait') {
      if (prepared.subject !== undefined && (await store.issues.get(issue)) === undefined) await store.issues.upsertBuilt({ key: issue, subject: prepared.subject, now: o.now });
      log(`${issue}: ${prepared.reason}`);
      return { issue, status: 'waiting-approval', code: 'NOT_APPROVED', message: prepared.reason };
    }
    const { snapshot } = prepared;
    log(`${issue}: ${prepared.stored ? 'frozen' : 'built'} “${snapshot.subject}”, checks passed (hash ${snapshot.hash.slice(0, 12)})`);
    if (recorded?.status === 'approved') log(`${issue}: approved ${recorded.approvedAt ?? ''}`.trimEnd());

    log(`${issue}: sending`);
    const report: SendReport = await sendSnapshot({
        loaded: o.loaded,
        env: o.env,
        now: o.now,
        store,
        snapshot,
        signal: o.signal,
        onProgress: o.onProgress,
        onNotice: (notice) => notice.split('\n').forEach((line) => log(`${issue}: ${line}`)),
      });
    if (report.status === 'dry-run' || report.status === 'test') throw new Error(`unexpected send status ${report.status}`);
    return { issue, status: report.status, message: report.message, code: report.error?.code, report };
  } finally {
    await store.close();
  }
}

/**
 * The exit code of `roundup run` for an outcome: 0 when there is nothing for a person to do now (sent, already
 * sent, a thin week skipped, waiting for approval); 130 when stopped
 * by a signal; 1 when the send did not do its work (paused, refused, limited, incomplete after broken
 * connections, or failed: the server accepted nobody).
 */
export function jobExitCode(status: JobStatus): number {
  switch (status) {
    case 'sent':
    case 'already-sent':
    case 'skipped-thin':
    case 'waiting-approval':
      return 0;
    case 'aborted':
      return 130;
    case 'paused':
    case 'stopped':
    case 'limited':
    case 'failed':
    case 'incomplete':
      return 1;
  }
}
