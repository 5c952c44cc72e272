import { Cron } from 'croner';
import { errorMessage, isRoundupError } from '../errors.js';
import { formatRunTime } from './cron-schedule.js';
import type { JobOutcome } from './run-job.js';

export interface ScheduleOptions {
  /** Cron expression, read in `timeZone` (already validated: see cronSchedule). */
  cron: string;
  timeZone: string;
  /**
   * The job (runJob with fresh config and clock). `week` is set on approval rechecks, so the issue that waits
   * is the one sent; `signal` aborts a send when the schedule stops.
   */
  job: (run: { week?: string | undefined; signal: AbortSignal }) => Promise<JobOutcome>;
  /** One line per event: start, outcome, failure, next run. */
  log: (line: string) => void;
  /** While an issue waits for approval, run again after this long (ms) if that is before the next cron time; 0 = no. */
  approvalRecheckMs?: number;
}

export interface Schedule {
  /** The next cron time, or null. */
  nextRun(): Date | null;
  /** Runs started so far. */
  runs(): number;
  /** Starts a run now, outside the cron (skipped, with a log line, if one is going). */
  runNow(): void;
  /** No more runs; a send in progress stops after the messages in flight are answered. Resolves when it has. */
  stop(): Promise<void>;
}

/**
 * Runs the job on a cron in the publication's zone until stopped. Runs never overlap (a cron time reached while
 * one is going is logged and skipped); a failed run is logged and the schedule waits for the next time.
 */
export function startSchedule(o: ScheduleOptions): Schedule {
  let running: Promise<void> | undefined;
  let controller: AbortController | undefined;
  let recheck: NodeJS.Timeout | undefined;
  let stopped = false;
  let count = 0;

  const cron = new Cron(o.cron, { timezone: o.timeZone }, () => start('cron'));

  const start = (reason: 'cron' | 'approval recheck' | 'on request', week?: string): void => {
    if (stopped) return;
    if (running) {
      o.log(`${reason}: the previous run is still going; skipped`);
      return;
    }
    clearTimeout(recheck);
    recheck = undefined;
    const n = ++count;
    const abort = (controller = new AbortController());
    const began = Date.now();
    o.log(`run ${n} started (${reason}${week ? `, ${week}` : ''})`);
    running = (async () => {
      let outcome: JobOutcome | undefined;
      try {
        outcome = await o.job({ week, signal: abort.signal });
        o.log(`run ${n} ${outcome.issue}: ${outcome.status} in ${seconds(began)}. ${outcome.message}`);
      } catch (error) {
        const code = isRoundupError(error) ? ` [${error.code}]` : '';
        o.log(`run ${n} failed${code} in ${seconds(began)}: ${errorMessage(error)}`);
      }
      running = undefined;
      controller = undefined;
      if (stopped) return;
      const next = cron.nextRun();
      const recheckMs = o.approvalRecheckMs ?? 0;
      if (outcome?.status === 'waiting-approval' && recheckMs > 0 && (next === null || Date.now() + recheckMs < next.getTime())) {
        const issue = outcome.issue;
        recheck = setTimeout(() => start('approval recheck', issue), recheckMs);
        o.log(`approval of ${issue} checked again at ${formatRunTime(new Date(Date.now() + recheckMs), o.timeZone)}`);
      }
      o.log(`next run: ${formatRunTime(next, o.timeZone)}`);
    })();
  };

  return {
    nextRun: () => cron.nextRun(),
    runs: () => count,
    runNow: () => start('on request'),
    async stop() {
      stopped = true;
      cron.stop();
      clearTimeout(recheck);
      controller?.abort();
      await running;
    },
  };
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
