import { Command } from 'commander';
import { isSafeAddress } from '../deliver/header-encoding.js';
import { formatSendReport } from '../deliver/send-report.js';
import { RoundupError } from '../errors.js';
import { assertChecksPass, buildIssue } from '../job/build-issue.js';
import { requireSendEnv, sendBuiltIssue } from '../job/send-built-issue.js';
import { openDatabase } from '../store/index.js';
import { cliContext } from './context.js';
import { gracefulStop } from './stop-signals.js';
import { terminalProgress } from './terminal-progress.js';
import { err, out, outJson } from './output.js';

interface SendFlags {
  week?: string;
  date?: string;
  config?: string;
  retryFailed?: boolean;
  dryRun?: boolean;
  test?: string;
  limit?: string;
  json?: boolean;
}

export function sendCommand(): Command {
  return new Command('send')
    .description('Send the issue to every active subscriber over SMTP (SMTP_URL); running it again resumes')
    .option('--week <key>', 'issue key, e.g. 2026-W48 (default: the latest complete week)')
    .option('--date <yyyy-mm-dd>', 'the week containing this date')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .option('--retry-failed', 'send again to recipients that failed (not to bounced ones)')
    .option('--dry-run', 'build every message and send none; the ledger is not touched')
    .option('--test <addresses>', 'send only to these comma-separated addresses, subject prefixed [TEST]')
    .option('--limit <n>', 'send to at most N recipients in this run')
    .option('--json', 'print the report as JSON')
    .action(async (flags: SendFlags) => runSend(flags));
}

async function runSend(flags: SendFlags): Promise<void> {
  const limit = flags.limit === undefined ? undefined : Number(flags.limit);
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
    throw new RoundupError('USAGE', `Expected \`--limit\` to be a whole number of at least 1, got \`${flags.limit}\`.`);
  }
  const tests = flags.test?.split(',').map((a) => a.trim()).filter(Boolean);
  for (const address of tests ?? []) {
    if (!isSafeAddress(address)) throw new RoundupError('USAGE', `\`--test\`: \`${address}\` is not an address like editor@example.com.`);
  }
  const ctx = cliContext(flags);
  requireSendEnv(ctx.env, { dryRun: flags.dryRun });
  const built = await buildIssue({ ...ctx, week: flags.week, date: flags.date });
  assertChecksPass(built);
  const db = openDatabase(ctx.env.db);
  const stop = gracefulStop();
  const progress = terminalProgress(flags.json);
  try {
    // The shared send path (lock, issue record, ledger, SMTP transport): src/job/send-built-issue.ts.
    const report = await sendBuiltIssue({
      ...ctx,
      db,
      built,
      retryFailed: flags.retryFailed,
      dryRun: flags.dryRun,
      testAddresses: tests,
      limit,
      signal: stop.signal,
      onProgress: (p) => progress.update(p),
      onNotice: (line) => err(`${line}\n`),
    });
    progress.done();
    (flags.json ? outJson(report) : out(formatSendReport(report)));
    if (report.error) throw new RoundupError(report.error.code, report.error.message);
    if (report.status === 'aborted') process.exitCode = 130;
    if (report.status === 'test' && report.run.failed > 0) process.exitCode = 1;
  } finally {
    stop.dispose();
    db.close();
  }
}
