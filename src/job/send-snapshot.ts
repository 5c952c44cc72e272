import type { LoadedConfig, RoundupEnv } from '../config/index.js';
import { addressDomain } from '../deliver/header-encoding.js';
import { missingFromError } from '../deliver/message-spec-from-config.js';
import type { ClickTracking } from '../deliver/click-links.js';
import type { MessageSpec } from '../deliver/message-spec.js';
import { sendIssue } from '../deliver/send-issue.js';
import type { SendProgress, SendReport } from '../deliver/send-report.js';
import { transportFromConfig } from '../deliver/transport-from-config.js';
import { formatResult } from '../doctor/format-doctor.js';
import { preflight } from '../doctor/preflight.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { getIssue, getSnapshot, markIssue, pageSubscribers, saveSnapshot, SqliteLedger, type Database } from '../store/index.js';
import { holdSendLock } from './hold-send-lock.js';
import { requireSendEnv } from './send-env.js';
import { topicVariants, type RenderFn } from './topic-variants.js';

export interface SendSnapshotOptions {
  loaded: LoadedConfig;
  env: RoundupEnv;
  now: Date;
  /** An open database (the caller closes it). */
  db: Database;
  /**
   * The frozen issue to send. A real send stores it when the issue has none yet (frozen by `send`); when one is
   * stored by then (another run froze it first), the stored one is sent.
   */
  snapshot: Snapshot;
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

/** The message spec of a frozen issue: its own headers, subject and parts; the Date is the send's. */
export function snapshotSpec(snapshot: Snapshot, now: Date, configFile: string): MessageSpec {
  if (!snapshot.headers) throw missingFromError(snapshot.config, configFile);
  return { ...snapshot.headers, subject: snapshot.subject, date: now, ...snapshot.parts, links: snapshot.parts.links ?? snapshot.links };
}

/**
 * How the frozen issue's links read: through the click redirect unless its config turned clicks off (a snapshot
 * frozen before tracking existed has no link markers: nothing to fill). Signing needs the secret, which a dry
 * run may lack: its links are then the stories' own.
 */
function trackingFor(snapshot: Snapshot, secret: string | undefined): Omit<ClickTracking, 'issue'> | undefined {
  const tracking = snapshot.config.tracking as Snapshot['config']['tracking'] | undefined;
  if (!secret || (tracking?.clicks === false && !tracking.opens)) return undefined;
  return {
    secret,
    clicks: tracking?.clicks ?? true,
    publicUrl: snapshot.config.web.publicUrl,
    issueLinks: snapshot.links,
    perSubscriber: tracking?.perSubscriber ?? false,
    opens: tracking?.opens ?? false,
  };
}

/**
 * The send path shared by `roundup send`, `roundup run` and `roundup schedule`, always from a frozen issue: runs
 * the deliverability checks (a real send only; DOCTOR_FAILED on a FAIL), takes the issue's send lock
 * (SEND_LOCKED if another run has it), stores the snapshot if the issue has none yet, records the issue as
 * `sending`, sends over SMTP_URL with the ledger (resuming a half-sent issue; an issue with nothing left is
 * `already-sent` and nothing goes out again), records `sent` with the ledger counts when every recipient is
 * settled, and releases the lock. Delivery settings (pool, rate, retries, DKIM) are today's config; everything the
 * messages say is the snapshot's.
 */
export async function sendSnapshot(o: SendSnapshotOptions): Promise<SendReport> {
  const { config } = o.loaded;
  const { db } = o;
  const issue = o.snapshot.issue;
  const { secret, smtpUrl } = requireSendEnv(o.env, { dryRun: o.dryRun });
  const tests = o.testAddresses && o.testAddresses.length > 0 ? o.testAddresses : undefined;
  const recorded = !o.dryRun && !tests;
  snapshotSpec(o.snapshot, o.now, o.loaded.file); // a snapshot that cannot be sent fails before the lock
  if (recorded) {
    // A real send runs the doctor's checks first: a FAIL (DOCTOR_FAILED) stops it before anything is recorded.
    const checked = await preflight(o.loaded, smtpUrl);
    for (const r of checked.results) if (r.status === 'warn') o.onNotice?.(formatResult(r));
    if (checked.dnsSkipped) o.onNotice?.(checked.dnsSkipped);
  }
  const lock = recorded ? holdSendLock(db, issue) : undefined;
  try {
    let snapshot = o.snapshot;
    if (recorded) {
      // under the lock: the snapshot that goes out is the stored one, stored now if there is none
      snapshot = getSnapshot(db, issue)?.snapshot ?? saveSnapshot(db, snapshot, { by: 'send', now: o.now }).snapshot;
    }
    const spec = snapshotSpec(snapshot, o.now, o.loaded.file);
    const before = recorded ? getIssue(db, issue) : undefined;
    if (before && before.status !== 'sent') markIssue(db, issue, 'sending', { now: o.now });
    const { delivery } = config;
    const report = await sendIssue({
      issue,
      spec,
      variants: topicVariants(snapshot, o.render),
      links: { secret, publicUrl: snapshot.config.web.publicUrl, messageDomain: addressDomain(spec.from.address), returnPath: delivery.returnPath },
      tracking: trackingFor(snapshot, secret),
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
