import { Command } from 'commander';
import { isSafeAddress } from '../deliver/header-encoding.js';
import { formatSendReport } from '../deliver/send-report.js';
import { RoundupError } from '../errors.js';
import { prepareSend } from '../job/prepare-send.js';
import { requireSendEnv } from '../job/send-env.js';
import { sendSnapshot } from '../job/send-snapshot.js';
import { parseWeekArg } from '../select/parse-week-arg.js';
import { openStore } from '../store/index.js';
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
  status?: boolean;
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
    .option('--status', "show every sender of the issue (on any machine) and how far each got, instead of sending")
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
  if (flags.status) return printStatus(ctx, flags);
  requireSendEnv(ctx.env, { dryRun: flags.dryRun });
  const store = await openStore(ctx.env.db);
  const stop = gracefulStop();
  const progress = terminalProgress(flags.json);
  try {
    // What goes out is a frozen issue: the approved or already-started one, else the draft (src/job/prepare-send.ts).
    const purpose = flags.dryRun || tests ? 'preview' : 'send';
    const prepared = await prepareSend({ ...ctx, store, week: flags.week, date: flags.date, purpose, log: (line) => err(`${line}\n`) });
    if (prepared.kind === 'wait') throw new RoundupError('NOT_APPROVED', prepared.reason);
    const report = await sendSnapshot({
      ...ctx,
      store,
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
    await store.close();
  }
}

/** `--status`: every sender of the issue (this machine's and others'), alive or not, and the ledger's counts. */
async function printStatus(ctx: ReturnType<typeof cliContext>, flags: SendFlags): Promise<void> {
  const issue = parseWeekArg({ week: flags.week, date: flags.date }, ctx.loaded.config.site, ctx.now).key;
  const store = await openStore(ctx.env.db);
  try {
    const [senders, counts, now] = await Promise.all([store.senders.list(issue), store.ledger.counts(issue), store.senders.now()]);
    const rows = senders.map((s) => ({ ...s, alive: s.endedAt === undefined && now - s.seenAt < STALE_MS }));
    if (flags.json) return outJson({ issue, counts, senders: rows });
    out(`Issue ${issue}: ${counts.submitted} submitted, ${counts.pending + counts.submitting} to send, ${counts.failed} failed, ${counts.bounced} bounced\n`);
    if (rows.length === 0) return out('No sender has worked on it.\n');
    for (const s of rows) {
      const state = s.alive ? 'sending' : s.endedAt !== undefined ? s.status : 'silent (gone?)';
      out(`  ${s.worker.padEnd(36)} ${state.padEnd(15)} ${String(s.submitted).padStart(8)} submitted ${String(s.failed).padStart(6)} failed  since ${new Date(s.startedAt).toISOString()}, last seen ${Math.round((now - s.seenAt) / 1000)} s ago\n`);
    }
  } finally {
    await store.close();
  }
}

/** A sender silent this long is not counted as alive (it says it is every 2 s while it sends). */
const STALE_MS = 30_000;
