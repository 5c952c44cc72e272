import { randomBytes } from 'node:crypto';
import type { LoadedConfig, RoundupEnv } from '../config/index.js';
import { addressDomain } from '../deliver/header-encoding.js';
import { messageSpecFromConfig } from '../deliver/message-spec-from-config.js';
import { sendIssue } from '../deliver/send-issue.js';
import type { SendProgress, SendReport } from '../deliver/send-report.js';
import { transportFromConfig } from '../deliver/transport-from-config.js';
import { formatResult } from '../doctor/format-doctor.js';
import { preflight } from '../doctor/preflight.js';
import { RoundupError } from '../errors.js';
import { getIssue, markIssue, pageSubscribers, SqliteLedger, upsertIssue, type Database } from '../store/index.js';
import type { BuiltIssue } from './build-issue.js';
import { holdSendLock } from './hold-send-lock.js';
import { topicVariants, type RenderFn } from './topic-variants.js';

export interface SendEnv {
  secret: string;
  smtpUrl: string;
}

/**
 * The secrets a send needs, or an ENV_INVALID error saying how to set them. A dry run works without them (a
 * throwaway secret, no server).
 */
export function requireSendEnv(env: RoundupEnv, options: { dryRun?: boolean | undefined } = {}): SendEnv {
  const secret = env.secret ?? (options.dryRun ? randomBytes(24).toString('hex') : undefined);
  if (!secret) {
    throw new RoundupError(
      'ENV_INVALID',
      'ROUNDUP_SECRET is not set: the unsubscribe links are signed with it. Set it once and keep it for every send ' +
        '(e.g. `export ROUNDUP_SECRET=$(openssl rand -hex 32)`); `--dry-run` works without it.',
    );
  }
  if (!env.smtpUrl && !options.dryRun) {
    throw new RoundupError(
      'ENV_INVALID',
      'SMTP_URL is not set. Point it at your SMTP server, credentials included: ' +
        '`export SMTP_URL=smtp://USER:PASS@mail.example.com:587` (smtps:// for port 465); `--dry-run` works without it.',
    );
  }
  return { secret, smtpUrl: env.smtpUrl ?? 'smtp://127.0.0.1:25' };
}

export interface SendBuiltIssueOptions {
  loaded: LoadedConfig;
  env: RoundupEnv;
  now: Date;
  /** An open database (the caller closes it). */
  db: Database;
  /** The issue, built and checked (assertChecksPass). */
  built: BuiltIssue;
  retryFailed?: boolean | undefined;
  /** Build every message, send none; no lock, no ledger, no issue record. */
  dryRun?: boolean | undefined;
  /** Send only to these (subject `[TEST] `); no lock, no ledger, no issue record. */
  testAddresses?: string[] | undefined;
  limit?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: SendProgress) => void) | undefined;
  /** Renders the per-topics variants (default renderIssue); tests pass a counting one. */
  render?: RenderFn | undefined;
  /** Lines for a person before a real send: the deliverability checks' warnings (see src/doctor/preflight.ts). */
  onNotice?: ((line: string) => void) | undefined;
}

/**
 * The send path shared by `roundup send`, `roundup run` and `roundup schedule`: runs the deliverability checks
 * (a real send only; DOCTOR_FAILED on a FAIL), takes the issue's send lock
 * (SEND_LOCKED if another run has it), records the issue as `sending`, sends over SMTP_URL with the ledger
 * (resuming a half-sent issue; an issue with nothing left is `already-sent` and nothing goes out again),
 * records `sent` with the ledger counts when every recipient is settled, and releases the lock.
 */
export async function sendBuiltIssue(o: SendBuiltIssueOptions): Promise<SendReport> {
  const { config } = o.loaded;
  const { db, built } = o;
  const issue = built.window.key;
  const { secret, smtpUrl } = requireSendEnv(o.env, { dryRun: o.dryRun });
  const tests = o.testAddresses && o.testAddresses.length > 0 ? o.testAddresses : undefined;
  const spec = messageSpecFromConfig(config, built.rendered, o.now, o.loaded.file);
  const recorded = !o.dryRun && !tests;
  if (recorded) {
    // A real send runs the doctor's checks first: a FAIL (DOCTOR_FAILED) stops it before anything is recorded.
    const checked = await preflight(o.loaded, smtpUrl);
    for (const r of checked.results) if (r.status === 'warn') o.onNotice?.(formatResult(r));
    if (checked.dnsSkipped) o.onNotice?.(checked.dnsSkipped);
  }
  const lock = recorded ? holdSendLock(db, issue) : undefined;
  try {
    const before = recorded ? (getIssue(db, issue) ?? upsertIssue(db, { key: issue, subject: spec.subject, now: o.now })) : undefined;
    if (before && before.status !== 'sent') markIssue(db, issue, 'sending', { now: o.now });
    const { delivery } = config;
    const report = await sendIssue({
      issue,
      spec,
      variants: topicVariants(o.loaded, built, o.render),
      links: { secret, publicUrl: config.web.publicUrl, messageDomain: addressDomain(spec.from.address) },
      ledger: new SqliteLedger(db),
      transport: transportFromConfig(o.loaded, smtpUrl),
      policy: delivery,
      retryFailed: o.retryFailed,
      dryRun: o.dryRun,
      dryRunRecipients: (afterId, n) =>
        pageSubscribers(db, { status: 'active', afterId, limit: n }).map((s) => ({
          subscriberId: s.id,
          email: s.email,
          name: s.name,
          topics: s.topics,
          attempts: 0,
        })),
      testAddresses: tests?.map((email) => ({ email })),
      limit: o.limit,
      signal: o.signal,
      onProgress: o.onProgress,
    });
    const settled = report.status === 'sent' || (report.status === 'already-sent' && before?.status !== 'sent');
    if (recorded && settled) markIssue(db, issue, 'sent', { now: new Date(), counts: report.counts });
    return report;
  } finally {
    lock?.release();
  }
}
