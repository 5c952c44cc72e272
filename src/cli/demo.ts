import { Command } from 'commander';
import { relative } from 'node:path';
import { jobExitCode } from '../job/run-job.js';
import { runDemo } from '../job/run-demo.js';
import { cliContext } from './context.js';
import { formatOutcome } from './run.js';
import { terminalProgress } from './terminal-progress.js';
import { out, err, outJson } from './output.js';

/** `roundup demo` (`npm start`): the weekly job on the bundled sample, sent to a local SMTP capture server. */
export function demoCommand(): Command {
  return new Command('demo')
    .description('Run the weekly job on the bundled sample site: fresh demo database, build, real SMTP to a local capture server')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .option('--subscribers <file>', 'subscribers CSV to import (default: sample/subscribers.csv beside the config)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: { config?: string; subscribers?: string; json?: boolean }) => {
      const ctx = cliContext(flags);
      const progress = terminalProgress(flags.json);
      const result = await runDemo({
        ...ctx,
        subscribers: flags.subscribers,
        log: (line) => err(`${line}\n`),
        onProgress: (p) => progress.update(p),
      });
      if (result.outcome.report) progress.done();
      process.exitCode = jobExitCode(result.outcome.status);
      if (flags.json) {
        outJson(result);
        return;
      }
      const short = (p: string) => relative(process.cwd(), p) || '.';
      const { issueDir, mailDir, db } = result.paths;
      out(formatOutcome(result.outcome));
      out(
        [
          '',
          'Where to look:',
          `  ${short(issueDir)}/index.html   the HTML part (open it in a browser)`,
          `  ${short(issueDir)}/index.txt    the plain-text part`,
          `  ${short(issueDir)}/digest.json  what was selected and why`,
          `  ${short(issueDir)}/preview.eml  the whole message for a sample subscriber`,
          `  ${short(mailDir)}/            ${result.captured} messages the SMTP capture server accepted`,
          `  ${short(db)}   the demo database (subscribers and the delivery ledger)`,
          '',
          'For real use, set SMTP_URL, ROUNDUP_SECRET and ROUNDUP_DB and run `roundup run` (see README.md).',
          '',
        ].join('\n'),
      );
    });
}
