import { Command } from 'commander';
import { formatSendReport } from '../deliver/send-report.js';
import { jobExitCode, runJob, type JobOutcome } from '../job/run-job.js';
import { cliContext } from './context.js';
import { gracefulStop } from './stop-signals.js';
import { terminalProgress } from './terminal-progress.js';
import { out, err, outJson } from './output.js';

interface RunFlags {
  week?: string;
  date?: string;
  config?: string;
  json?: boolean;
}

/**
 * `roundup run`: the week's job once (build, check, approval if `web.schedule.requireApproval`, send). Exit
 * codes: 0 sent / already sent / thin week skipped / waiting for approval; 130 stopped by a signal; 1 anything else (build, checks, SMTP, paused).
 */
export function runCommand(): Command {
  return new Command('run')
    .description("Do the week's job once: build, check, wait for approval if config says so, send. Safe to run again")
    .option('--week <key>', 'issue key, e.g. 2026-W48 (default: the latest complete week)')
    .option('--date <yyyy-mm-dd>', 'the week containing this date')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .option('--json', 'print the outcome (and the send report) as JSON')
    .action(async (flags: RunFlags) => {
      const ctx = cliContext(flags);
      const stop = gracefulStop();
      const progress = terminalProgress(flags.json);
      try {
        const outcome = await runJob({
          ...ctx,
          week: flags.week,
          date: flags.date,
          signal: stop.signal,
          log: (line) => err(`${line}\n`),
          onProgress: (p) => progress.update(p),
        });
        if (outcome.report) progress.done();
        (flags.json ? outJson(outcome) : out(formatOutcome(outcome)));
        process.exitCode = jobExitCode(outcome.status);
      } finally {
        stop.dispose();
      }
    });
}

/** The outcome for the terminal: the send report when there was a send, else one line with its code. */
export function formatOutcome(outcome: JobOutcome): string {
  if (outcome.report) return formatSendReport(outcome.report);
  const code = outcome.code ? ` [${outcome.code}]` : '';
  return `Issue ${outcome.issue}: ${outcome.status}${code}. ${outcome.message}\n`;
}
