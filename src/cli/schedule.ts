import { Command } from 'commander';
import { cronSchedule, formatRunTime } from '../job/cron-schedule.js';
import { runJob } from '../job/run-job.js';
import { startSchedule } from '../job/start-schedule.js';
import { startPoller } from '../job/feedback-poller.js';
import { countOutcomes, runFeedback } from '../feedback/run-feedback.js';
import { withStore } from '../job/with-store.js';
import { cliContext } from './context.js';
import { runUntilStopped } from './stop-signals.js';
import { out } from './output.js';

interface ScheduleFlags {
  cron?: string;
  config?: string;
  now?: boolean;
}

/**
 * `roundup schedule`: stays up and runs the week's job (as `roundup run` does) on a cron in the publication's
 * time zone, logging each run with a timestamp on stdout, until SIGINT/SIGTERM. Config and environment are read
 * again for every run, so edits apply from the next run (the cron itself is read once, at start).
 */
export function scheduleCommand(): Command {
  return new Command('schedule')
    .description("Stay up and run the week's job on a cron in the site's time zone (default: web.schedule.cron, Mondays 07:00)")
    .option('--cron <expression>', 'cron expression, e.g. "0 7 * * 1" (minute hour day month weekday; a 6th leading field is seconds)')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .option('--now', 'also run the job once right away (e.g. to try a new deployment)')
    .action(async (flags: ScheduleFlags) => {
      const first = cliContext(flags);
      const { config, file } = first.loaded;
      const pattern = flags.cron ?? config.web.schedule.cron;
      const timeZone = config.site.timezone;
      cronSchedule(pattern, timeZone, flags.cron === undefined ? `${file}: \`web.schedule.cron\`` : '--cron');
      const log = (line: string) => out(`${new Date().toISOString()} ${line}\n`);
      const schedule = startSchedule({
        cron: pattern,
        timeZone,
        approvalRecheckMs: config.web.schedule.approvalRecheckMinutes * 60_000,
        log,
        job: ({ week, signal }) => {
          const ctx = cliContext(flags);
          return runJob({ ...ctx, week, signal, log });
        },
      });
      const approval = config.web.schedule.requireApproval ? 'issues wait for `roundup approve`' : 'issues are sent without approval';
      log(`schedule started: \`${pattern}\` in ${timeZone}; ${approval}; next run: ${formatRunTime(schedule.nextRun(), timeZone)}`);
      if (flags.now) schedule.runNow();
      const imap = config.feedback.imap;
      // the feedback mailbox is read between runs too: bounces and unsubscribes are acted on within minutes
      const poller =
        imap && imap.pollMinutes > 0
          ? startPoller({
              everyMs: imap.pollMinutes * 60_000,
              log,
              poll: async () => {
                const ctx = cliContext(flags);
                const results = await withStore(ctx.env.db, (store) => runFeedback(ctx.loaded, ctx.env, store, { imap: true }));
                if (results.length === 0) return undefined;
                const c = countOutcomes(results);
                return `feedback: ${results.length} message(s): ${c.acted} acted on, ${c.duplicate} already recorded, ${c.ignored} ignored, ${c.unmatched} unmatched`;
              },
            })
          : undefined;
      if (poller) log(`feedback mailbox ${imap!.user}@${imap!.host} read every ${imap!.pollMinutes} min`);
      await runUntilStopped(async (signal) => {
        log(`${signal}: stopping (a send in progress finishes the messages in flight first)`);
        await poller?.stop();
        await schedule.stop();
        log('schedule stopped');
      });
    });
}
