import { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolveConfigPath, type LoadedConfig } from '../config/index.js';
import { addressDomain, isSafeAddress } from '../deliver/header-encoding.js';
import { messageSpecFromConfig } from '../deliver/message-spec-from-config.js';
import { createProgressPrinter } from '../deliver/progress-printer.js';
import { sendIssue } from '../deliver/send-issue.js';
import { formatSendReport } from '../deliver/send-report.js';
import { createSmtpTransport } from '../deliver/smtp-transport.js';
import { RoundupError, errorMessage } from '../errors.js';
import { assertChecksPass, buildIssue } from '../job/build-issue.js';
import { acquireLock, getIssue, markIssue, openDatabase, pageSubscribers, releaseLock, SqliteLedger, upsertIssue, type Database } from '../store/index.js';
import { cliContext } from './context.js';

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

const LOCK_TTL_MS = 120_000;

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
  const { config } = ctx.loaded;
  const secret = ctx.env.secret ?? (flags.dryRun ? randomBytes(24).toString('hex') : undefined);
  if (!secret) {
    throw new RoundupError(
      'ENV_INVALID',
      'ROUNDUP_SECRET is not set: the unsubscribe links are signed with it. Set it once and keep it for every send ' +
        '(e.g. `export ROUNDUP_SECRET=$(openssl rand -hex 32)`); `--dry-run` works without it.',
    );
  }
  if (!ctx.env.smtpUrl && !flags.dryRun) {
    throw new RoundupError(
      'ENV_INVALID',
      'SMTP_URL is not set. Point it at your SMTP server, credentials included: ' +
        '`export SMTP_URL=smtp://USER:PASS@mail.example.com:587` (smtps:// for port 465); `--dry-run` works without it.',
    );
  }
  const built = await buildIssue({ ...ctx, week: flags.week, date: flags.date });
  assertChecksPass(built);
  const issue = built.window.key;
  const spec = messageSpecFromConfig(config, built.rendered, ctx.now, ctx.loaded.file);
  const db = openDatabase(ctx.env.db);
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    if (++interrupts > 1) process.exit(130);
    process.stderr.write('\nroundup: stopping after the messages in flight are answered (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const lock = flags.dryRun || tests ? undefined : holdSendLock(db, issue);
  const progress = createProgressPrinter({
    write: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY) && !flags.json,
    columns: process.stderr.columns,
  });
  try {
    const ledger = new SqliteLedger(db);
    if (!flags.dryRun && !tests && !getIssue(db, issue)) upsertIssue(db, { key: issue, subject: spec.subject, now: ctx.now });
    if (!flags.dryRun && !tests) markIssue(db, issue, 'sending', { now: ctx.now });
    const { delivery } = config;
    const report = await sendIssue({
      issue,
      spec,
      links: { secret, publicUrl: config.web.publicUrl, messageDomain: addressDomain(spec.from.address) },
      ledger,
      transport: createSmtpTransport({
        url: ctx.env.smtpUrl ?? 'smtp://127.0.0.1:25',
        maxConnections: delivery.pool.maxConnections,
        maxMessages: delivery.pool.maxMessages,
        rateLimit: delivery.rateLimit,
        dkim: delivery.dkim && { ...delivery.dkim, privateKey: readDkimKey(ctx.loaded, delivery.dkim.keyFile) },
      }),
      policy: delivery,
      retryFailed: flags.retryFailed,
      dryRun: flags.dryRun,
      dryRunRecipients: (afterId, n) =>
        pageSubscribers(db, { status: 'active', afterId, limit: n }).map((s) => ({ subscriberId: s.id, email: s.email, name: s.name, attempts: 0 })),
      testAddresses: tests?.map((email) => ({ email })),
      limit,
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
    });
    progress.done();
    if (report.status === 'sent' || report.status === 'already-sent') markIssue(db, issue, 'sent', { counts: report.counts });
    process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatSendReport(report));
    if (report.error) throw new RoundupError(report.error.code, report.error.message);
    if (report.status === 'aborted') process.exitCode = 130;
    if (report.status === 'test' && report.run.failed > 0) process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSigint);
    lock?.release();
    db.close();
  }
}

/**
 * One `roundup send` per issue at a time: a lease in the database, renewed while the run lasts. A lease left by
 * a run on this host whose process is gone (killed, crashed) is taken over at once instead of waiting it out.
 */
function holdSendLock(db: Database, issue: string): { release(): void } {
  const name = `send:${issue}`;
  const holder = `${hostname()}:${process.pid}`;
  let state = acquireLock(db, name, holder, LOCK_TTL_MS);
  if (!state.acquired && isDeadLocalHolder(state.holder)) {
    releaseLock(db, name, state.holder);
    state = acquireLock(db, name, holder, LOCK_TTL_MS);
  }
  if (!state.acquired) {
    throw new RoundupError(
      'SEND_LOCKED',
      `Another run (${state.holder}) is sending ${issue} until ${state.expiresAt} unless it renews. ` +
        'Wait for it to finish, or stop it; a crashed run releases the lock when it expires.',
    );
  }
  const timer = setInterval(() => {
    try {
      acquireLock(db, name, holder, LOCK_TTL_MS);
    } catch (error) {
      process.stderr.write(`roundup: could not renew the send lock: ${errorMessage(error)}\n`);
    }
  }, LOCK_TTL_MS / 4);
  timer.unref();
  return {
    release() {
      clearInterval(timer);
      releaseLock(db, name, holder);
    },
  };
}

function isDeadLocalHolder(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function readDkimKey(loaded: LoadedConfig, keyFile: string): string {
  const path = resolveConfigPath(loaded, keyFile);
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new RoundupError(
      'CONFIG_INVALID',
      `${loaded.file}: \`delivery.dkim.keyFile\` \`${keyFile}\` could not be read (${(cause as NodeJS.ErrnoException).code ?? 'error'}). ` +
        'Point it at the PEM private key file (e.g. made with `openssl genrsa -out dkim.pem 2048`), or remove `delivery.dkim`.',
      { cause },
    );
  }
}
