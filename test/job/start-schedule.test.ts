// The scheduler for real: croner timers, an every-second cron, jobs that succeed, fail, wait and hang.
import { afterEach, describe, expect, it } from 'vitest';
import { RoundupError } from '../../src/errors.js';
import type { JobOutcome } from '../../src/job/run-job.js';
import { startSchedule, type Schedule, type ScheduleOptions } from '../../src/job/start-schedule.js';

const EVERY_SECOND = '* * * * * *';
const sent = (issue = '2026-W48'): JobOutcome => ({ issue, status: 'sent', message: 'Every recipient is settled.' });

let schedule: Schedule | undefined;
afterEach(async () => {
  await schedule?.stop();
  schedule = undefined;
});

function start(o: Partial<ScheduleOptions> & Pick<ScheduleOptions, 'job'>): { lines: string[]; schedule: Schedule } {
  const lines: string[] = [];
  schedule = startSchedule({ cron: EVERY_SECOND, timeZone: 'Europe/London', log: (l) => lines.push(l), ...o });
  return { lines, schedule };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('startSchedule', () => {
  it('runs the job on an every-second cron, logs start, outcome and next run, and stops cleanly', async () => {
    let calls = 0;
    const { lines, schedule: s } = start({ job: async () => (calls++, sent()) });
    expect(s.nextRun()!.getTime() - Date.now()).toBeLessThanOrEqual(1_000);
    await until(() => calls >= 2);
    await s.stop();
    const after = calls;
    expect(lines).toContainEqual(expect.stringMatching(/^run 1 started \(cron\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^run 1 2026-W48: sent in \d+\.\d s\. Every recipient is settled\.$/));
    expect(lines).toContainEqual(expect.stringMatching(/^next run: \w{3} \d+ \w{3} \d{4} \d\d:\d\d:\d\d (GMT|BST) \(/));
    expect(s.nextRun()).toBeNull();
    await new Promise((r) => setTimeout(r, 1_200));
    expect(calls).toBe(after);
  }, 10_000);

  it('survives a failed run: logs it with its code and runs again at the next time', async () => {
    let calls = 0;
    const { lines } = start({
      job: async () => {
        calls++;
        if (calls === 1) throw new RoundupError('SOURCE_UNREADABLE', 'feed https://example.invalid/feed: 503');
        return sent();
      },
    });
    await until(() => calls >= 2 && lines.some((l) => l.startsWith('run 2 2026-W48: sent')));
    expect(lines).toContainEqual(expect.stringMatching(/^run 1 failed \[SOURCE_UNREADABLE\] in .*: feed https:\/\/example\.invalid\/feed: 503$/));
  }, 10_000);

  it('never overlaps runs: a cron time reached while a run is going is skipped and logged', async () => {
    let calls = 0;
    const { lines } = start({
      job: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 2_300));
        return sent();
      },
    });
    await until(() => lines.some((l) => l.includes('still going')), 6_000);
    expect(calls).toBe(1);
  }, 10_000);

  it('while an issue waits for approval, runs again for the same week until it is sent', async () => {
    const weeks: (string | undefined)[] = [];
    const { lines, schedule: s } = start({
      cron: '0 7 * * 1',
      approvalRecheckMs: 50,
      job: async ({ week }) => {
        weeks.push(week);
        return weeks.length < 3
          ? { issue: '2026-W48', status: 'waiting-approval', code: 'NOT_APPROVED', message: 'waits for approval' }
          : sent();
      },
    });
    s.runNow();
    await until(() => lines.some((l) => l.startsWith('run 3 2026-W48: sent')));
    expect(weeks).toEqual([undefined, '2026-W48', '2026-W48']);
    expect(lines).toContainEqual('run 2 started (approval recheck, 2026-W48)');
    await new Promise((r) => setTimeout(r, 200));
    expect(weeks).toHaveLength(3);
  });

  it('stop() aborts a send in progress and resolves once the job has ended', async () => {
    let aborted = false;
    let ended = false;
    const { schedule: s } = start({
      cron: '0 7 * * 1',
      job: ({ signal }) =>
        new Promise<JobOutcome>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            setTimeout(() => {
              ended = true;
              resolve({ issue: '2026-W48', status: 'aborted', message: 'stopped' });
            }, 50);
          });
        }),
    });
    s.runNow();
    await until(() => s.runs() === 1);
    await s.stop();
    expect(aborted).toBe(true);
    expect(ended).toBe(true);
  });
});
