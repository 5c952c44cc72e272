import { Command } from 'commander';
import { isSafeAddress } from '../deliver/header-encoding.js';
import { formatSendReport } from '../deliver/send-report.js';
import { RoundupError } from '../errors.js';
import { prepareSend } from '../job/prepare-send.js';
import { requireSendEnv } from '../job/send-env.js';
import { sendSnapshot } from '../job/send-snapshot.js';
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
  const db = openDatabase(ctx.env.db);
  const stop = gracefulStop();
  const progress = terminalProgress(flags.json);
  try {
    // What goes out is a frozen issue: the approved or already-started one, else the draft (src/job/prepare-send.ts).
    const purpose = flags.dryRun || tests ? 'preview' : 'send';
    const prepared = await prepareSend({ ...ctx, db, week: flags.week, date: flags.date, purpose, log: (line) => err(`${line}\n`) });
    if (prepared.kind === 'wait') throw new RoundupError('NOT_APPROVED', prepared.reason);
    const report = await sendSnapshot({
      ...ctx,
      db,
      snapshot: prepared.snapshot,
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
