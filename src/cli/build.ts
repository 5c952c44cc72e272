import { Command } from 'commander';
import { assertChecksPass, buildIssue, type BuiltIssue } from '../job/build-issue.js';
import { cliContext } from './context.js';
import { formatBuildSummary } from './format-build-summary.js';
import { err, out, outJson } from './output.js';

export function buildCommand(): Command {
  return new Command('build')
    .description("Collect the week's stories and reads, select the digest and render the email into out/<issue>/")
    .option('--week <key>', 'issue key, e.g. 2026-W48 (default: the latest complete week)')
    .option('--date <yyyy-mm-dd>', 'the week containing this date')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .option('--json', 'print the digest as JSON instead of a summary')
    .option('--refresh-reads', 'ask the analytics APIs (ga4, plausible, matomo) again instead of using the answers kept for this week')
    .action(async (options: { week?: string; date?: string; config?: string; json?: boolean; refreshReads?: boolean }) => {
      const ctx = cliContext(options);
      const built = await buildIssue({ ...ctx, week: options.week, date: options.date, refreshReads: options.refreshReads });
      if (options.json) outJson(built.digest);
      else out(formatBuildSummary(built, process.cwd()));
      printChecks(built);
      assertChecksPass(built);
    });
}

function printChecks(built: BuiltIssue): void {
  for (const check of built.rendered.checks) {
    err(`${check.level}: [${check.code}] ${check.message}\n`);
  }
}
