import type { LoadedConfig, RoundupEnv } from '../config/index.js';
import { addressDomain } from '../deliver/header-encoding.js';
import { missingFromError } from '../deliver/message-spec-from-config.js';
import type { ClickTracking } from '../deliver/click-links.js';
import type { MessageSpec } from '../deliver/message-spec.js';
import { senderName, sendIssue } from '../deliver/send-issue.js';
import { hostname } from 'node:os';
import type { SendProgress, SendReport } from '../deliver/send-report.js';
import { transportFromConfig } from '../deliver/transport-from-config.js';
import { formatResult } from '../doctor/format-doctor.js';
import { preflight } from '../doctor/preflight.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { Store } from '../store/index.js';
import { requireSendEnv } from './send-env.js';
import { topicVariants, type RenderFn } from './topic-variants.js';

export interface SendSnapshotOptions {
  loaded: LoadedConfig;
  env: RoundupEnv;
  now: Date;
  /** The open store (the caller closes it). */
  store: Store;
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
 * the deliverability checks (a real send only; DOCTOR_FAILED on a FAIL), registers as one of the issue's senders
 * (any number of them, on any machines, share it through the ledger's leases), stores the snapshot if the issue
 * has none yet (or sends the stored one), records the issue as `sending`, sends over SMTP_URL (resuming a
 * half-sent issue; an issue with nothing left is `already-sent` and nothing goes out again; the run ends when the
 * whole list is settled, by this sender or others), and records `sent` with the ledger counts when every recipient is settled. Delivery settings (pool, rate, retries, DKIM) are today's config; everything the
 * messages say is the snapshot's.
 */
export async function sendSnapshot(o: SendSnapshotOptions): Promise<SendReport> {
  const { config } = o.loaded;
  const issue = o.snapshot.issue;
  const { secret, smtpUrl } = requireSendEnv(o.env, { dryRun: o.dryRun });
  const tests = o.testAddresses && o.testAddresses.length > 0 ? o.testAddresses : undefined;
  const recorded = !o.dryRun && !tests;
  snapshotSpec(o.snapshot, o.now, o.loaded.file); // a snapshot that cannot be sent fails before anything is recorded
  if (recorded) {
    // A real send runs the doctor's checks first: a FAIL (DOCTOR_FAILED) stops it before anything is recorded.
    const checked = await preflight(o.loaded, smtpUrl);
    for (const r of checked.results) if (r.status === 'warn') o.onNotice?.(formatResult(r));
    if (checked.dnsSkipped) o.onNotice?.(checked.dnsSkipped);
  }
  const store = o.store;
  const worker = senderName();
  if (recorded) {
    await store.senders.register({ worker, issue, host: hostname(), pid: process.pid });
    await releaseDeadLocalSenders(store, issue);
  }
  let status = 'failed';
  const counts = { submitted: 0, failed: 0, bounced: 0 };
  let lastBeat = 0;
  try {
    // the snapshot that goes out is the stored one, stored now if there is none (every sender gets the same)
    const snapshot = recorded ? (await store.snapshots.freezeForSend(o.snapshot, o.now)).snapshot : o.snapshot;
    const spec = snapshotSpec(snapshot, o.now, o.loaded.file);
    const before = recorded ? await store.issues.get(issue) : undefined;
    if (before && before.status !== 'sent' && before.status !== 'sending') await store.issues.mark(issue, 'sending', { now: o.now });
    const { delivery } = config;
    const report = await sendIssue({
      issue,
      spec,
      variants: topicVariants(snapshot, o.render),
      links: { secret, publicUrl: snapshot.config.web.publicUrl, messageDomain: addressDomain(spec.from.address), returnPath: delivery.returnPath },
      tracking: trackingFor(snapshot, secret),
      ledger: store.ledger,
      // delivery.rateLimit is kept by the shared pace below (every sender of the issue together), not per connection pool
      transport: transportFromConfig(o.loaded, smtpUrl, undefined, { rateLimit: 0 }),
      policy: delivery,
      worker,
      leaseMs: delivery.leaseSeconds * 1000,
      pace: delivery.rateLimit > 0 ? sharedPace(store, issue, delivery.rateLimit) : undefined,
      // waiting for rows other senders hold: those of this machine's dead senders come back at once
      onWaiting: () => releaseDeadLocalSenders(store, issue),
      retryFailed: o.retryFailed,
      dryRun: o.dryRun,
      dryRunRecipients: async (afterId, n) =>
        (await store.subscribers.page({ status: 'active', afterId, limit: n })).map((s) => ({
          subscriberId: s.id,
          email: s.email,
          name: s.name,
          topics: s.topics,
          attempts: 0,
        })),
      testAddresses: tests?.map((email) => ({ email })),
      limit: o.limit,
      signal: o.signal,
      onProgress: (progress) => {
        o.onProgress?.(progress);
        Object.assign(counts, { submitted: progress.submitted, failed: progress.failed, bounced: progress.bounced });
        if (recorded && Date.now() - lastBeat > HEARTBEAT_MS) {
          lastBeat = Date.now();
          void store.senders.heartbeat(worker, counts).catch(() => undefined);
        }
      },
    });
    status = report.status;
    Object.assign(counts, { submitted: report.run.submitted, failed: report.run.failed, bounced: report.run.bounced });
    const settled = report.status === 'sent' || (report.status === 'already-sent' && before?.status !== 'sent');
    if (recorded && settled) await store.issues.mark(issue, 'sent', { now: new Date(), counts: report.counts });
    return report;
  } finally {
    if (recorded) {
      await store.senders.heartbeat(worker, counts).catch(() => undefined);
      await store.senders.end(worker, status).catch(() => undefined);
    }
  }
}

/** How often a sender says it is alive (and how far it got), for `roundup send --status`. */
const HEARTBEAT_MS = 2000;

/**
 * Rows held by a sender of this machine whose process is gone (killed, crashed) go back at once instead of when
 * its leases run out: the rest of the list need not wait. Senders on other machines are left to their leases.
 */
async function releaseDeadLocalSenders(store: Store, issue: string): Promise<void> {
  for (const owner of await store.ledger.owners(issue)) {
    const [host, pid] = owner.split(':');
    if (host !== hostname() || !pid || !/^\d+$/.test(pid) || isAlive(Number(pid))) continue;
    await store.ledger.release(issue, owner);
    await store.senders.end(owner, 'gone').catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * `delivery.rateLimit` messages per second for the issue, shared by every sender: each takes its starts from one
 * schedule in the store, a few at a time, and waits for them.
 */
export function sharedPace(store: Store, issue: string, perSecond: number): () => Promise<void> {
  const interval = 1000 / perSecond;
  const chunk = Math.max(1, Math.min(20, Math.floor(perSecond / 10)));
  let slots: number[] = [];
  let pending: Promise<void> | undefined;
  const refill = async () => {
    const start = await store.senders.reserve(issue, chunk, interval);
    const now = await store.senders.now();
    const offset = Date.now() - now; // this machine's clock against the store's
    slots = Array.from({ length: chunk }, (_, i) => start + i * interval + offset);
  };
  return async () => {
    for (;;) {
      while (slots.length === 0) {
        pending ??= refill().finally(() => (pending = undefined));
        await pending;
      }
      const at = slots.shift()!;
      const wait = at - Date.now();
      // a slot already gone by (this process was busy) is dropped, not used late: late starts would bunch up
      // with the other senders' and break the limit
      if (wait < -interval) continue;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return;
    }
  };
}
