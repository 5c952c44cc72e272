import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ClickTracking } from './click-links.js';
import type { DeliveryState, Ledger, Recipient } from './ledger.js';
import type { MessageSpec } from './message-spec.js';
import { messageSource, type MessageSource, type MessageVariants } from './message-variants.js';
import { recipientFields, type LinkContext } from './recipient-fields.js';
import type { RetryPolicy } from './retry-delay.js';
import { runSendLoop, type LoopResult } from './send-loop.js';
import type { SendProgress, SendReport, SendStatus } from './send-report.js';
import { sendToTestAddresses } from './send-to-test-addresses.js';
import type { Transport } from './transport.js';

export interface SendIssueOptions {
  issue: string;
  /** The issue's message (rendered parts with tokens, headers): encoded once here. */
  spec: MessageSpec;
  /**
   * Per-topics variants of the message (sections reordered by topics), rendered and compiled once each on first
   * need; without it everyone gets `spec`. Test sends always get `spec`.
   */
  variants?: MessageVariants | undefined;
  links: Omit<LinkContext, 'issue'>;
  /** Click links and the open pixel (`tracking` config); absent: every link is its own URL. Test sends never track. */
  tracking?: Omit<ClickTracking, 'issue'> | undefined;
  ledger: Ledger;
  transport: Transport;
  policy: { inFlight: number; retry: RetryPolicy; pauseAfterConsecutiveErrors: number };
  /** Failed rows go back to pending first (bounced ones do not). */
  retryFailed?: boolean | undefined;
  /** Build every message, send none, touch neither the ledger nor the transport. */
  dryRun?: boolean | undefined;
  /** Dry runs read recipients here (the active subscribers, keyset paged) so that the ledger is not touched. */
  dryRunRecipients?: ((afterId: number, limit: number) => Promise<Recipient[]>) | undefined;
  /** This sender's name on the ledger's leases; default `host:pid:random`. */
  worker?: string | undefined;
  /** How long a lease holds rows (renewed while the run lasts). Default 2 minutes. */
  leaseMs?: number | undefined;
  /**
   * Called while this sender waits for rows other senders hold (every few seconds): a chance to free the rows of
   * senders known to be dead (src/job/send-snapshot.ts does it for this machine's).
   */
  onWaiting?: (() => Promise<void>) | undefined;
  /** The shared rate limit: waits for a slot before each message. */
  pace?: (() => Promise<void>) | undefined;
  /** Send only to these, subject prefixed `[TEST] `; the ledger is not touched. */
  testAddresses?: { email: string; name?: string | undefined }[] | undefined;
  limit?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: SendProgress) => void) | undefined;
  random?: () => number;
}

const TOP_ERRORS = 5;

/**
 * Sends an issue to every subscriber with an open ledger row: checks the server first (SMTP_CONNECT /
 * SMTP_AUTH / SMTP_TLS thrown before anything is recorded), enqueues the active subscribers, runs the send loop
 * and reports. Running it again resumes; an issue with nothing left to send is reported `already-sent` and
 * nothing is sent again.
 */
export async function sendIssue(o: SendIssueOptions): Promise<SendReport> {
  const started = Date.now();
  const links: LinkContext = { ...o.links, issue: o.issue };
  if (o.testAddresses && o.testAddresses.length > 0) {
    return sendToTestAddresses({ ...o, links, addresses: o.testAddresses });
  }
  const messages = messageSource(o.spec, o.variants, o.tracking && { ...o.tracking, issue: o.issue });
  if (o.dryRun) return dryRun(o, links, messages, started);

  if (o.retryFailed) await o.ledger.requeueFailed(o.issue);
  const before = await o.ledger.counts(o.issue);
  const existing = Object.values(before).reduce((a, b) => a + b, 0);
  if (existing > 0 && before.pending + before.submitting === 0) {
    if (before.submitted === 0) return report(o, 'failed', started, emptyRun(), noneAccepted(before));
    return report(o, 'already-sent', started, emptyRun(), {
      message: `Nothing left to send: ${before.submitted} submitted earlier. Use --retry-failed to retry the ${before.failed} failed.`,
    });
  }
  // The connections close whatever happens: a server refusing at verify, a ledger error, a variant that fails.
  const loop: LoopResult = { built: 0, submitted: 0, failed: 0, bounced: 0, deferred: 0, interrupted: 0, maxBytes: 0 };
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  try {
    await o.transport.verify();
    await o.ledger.enqueue(o.issue);
    const open = await o.ledger.counts(o.issue);
    const toSend = open.pending + open.submitting;
    const worker = o.worker ?? senderName();
    // Rounds: send what can be leased; while other senders hold rows, wait for them (they settle them, or their
    // leases run out and the rows come here: a sender that died loses nothing). Ends when every row is settled.
    for (;;) {
      const round = await runSendLoop({
        worker,
        leaseMs,
        pace: o.pace,
        issue: o.issue,
        ledger: o.ledger,
        transport: o.transport,
        messages,
        links,
        inFlight: o.policy.inFlight,
        retry: o.policy.retry,
        pauseAfterConsecutiveErrors: o.policy.pauseAfterConsecutiveErrors,
        limit: o.limit,
        total: o.limit === undefined ? toSend : Math.min(o.limit, toSend),
        signal: o.signal,
        // the figures of this run so far: the rounds before this one and this one's
        onProgress: o.onProgress && ((p) => o.onProgress!(sinceStart(p, loop))),
        random: o.random,
      });
      addRound(loop, round);
      // --limit is one round: a partial send by hand does not wait for anyone
      if (round.stop || o.signal?.aborted || o.limit !== undefined) break;
      if ((await o.ledger.held(o.issue)) === 0) break;
      await o.onWaiting?.();
      await sleep(Math.min(2000, leaseMs / 4), o.signal);
      if (o.signal?.aborted) {
        loop.stop = 'aborted';
        break;
      }
    }
  } finally {
    await o.transport.close();
  }
  const after = await o.ledger.counts(o.issue);
  const left = after.pending + after.submitting;
  const run = { ...loop, durationMs: 0, rate: 0 };
  if (loop.stop === 'aborted') {
    return report(o, 'aborted', started, run, { message: `Stopped on request; ${left} left pending. Run the same command again to resume.` });
  }
  if (loop.stop) {
    return report(o, loop.stop.code === 'SEND_PAUSED' ? 'paused' : 'stopped', started, run, { message: loop.stop.message, error: loop.stop });
  }
  if (left > 0 && o.limit !== undefined && loop.submitted + loop.failed + loop.bounced >= o.limit) {
    return report(o, 'limited', started, run, { message: `Stopped at --limit ${o.limit}; ${left} left pending. Run again to continue.` });
  }
  if (left > 0) {
    const message =
      `${left} recipient(s) could not be sent in this run: the connection to the SMTP server kept failing for them ` +
      '(see the top errors). Nothing is lost: they stay pending. Check the server, then run the same command again.';
    return report(o, 'incomplete', started, run, { message, error: { code: 'SEND_INCOMPLETE', message } });
  }
  if (after.submitted === 0) return report(o, 'failed', started, run, noneAccepted(after));
  return report(o, 'sent', started, run, {
    message: `Every recipient is settled: ${after.submitted} submitted, ${after.failed} failed, ${after.bounced} bounced.`,
  });
}

async function dryRun(o: SendIssueOptions, links: LinkContext, messages: MessageSource, started: number) {
  const run = emptyRun();
  const page = o.dryRunRecipients;
  if (!page) throw new Error('sendIssue: a dry run needs dryRunRecipients (the active subscribers to build for).');
  let afterId = 0;
  for (;;) {
    const want = o.limit === undefined ? 500 : Math.min(500, o.limit - run.built);
    if (want <= 0 || o.signal?.aborted) break;
    const batch = await page(afterId, want);
    for (const recipient of batch) {
      const message = await messages.for(recipient.topics);
      const raw = message.render(recipientFields(recipient, links));
      run.built++;
      run.maxBytes = Math.max(run.maxBytes, raw.length);
    }
    if (batch.length < want) break;
    afterId = batch[batch.length - 1]!.subscriberId;
    await new Promise((r) => setImmediate(r)); // let Ctrl-C and progress through
  }
  return report(o, 'dry-run', started, run, { message: `Built ${run.built} messages; sent none; the ledger is untouched.`, counts: false });
}

function sinceStart(p: SendProgress, before: LoopResult): SendProgress {
  const submitted = p.submitted + before.submitted;
  const failed = p.failed + before.failed;
  const bounced = p.bounced + before.bounced;
  return { ...p, submitted, failed, bounced, remaining: Math.max(0, p.total - submitted - failed - bounced) };
}

function addRound(total: LoopResult, round: LoopResult): void {
  total.built += round.built;
  total.submitted += round.submitted;
  total.failed += round.failed;
  total.bounced += round.bounced;
  total.deferred += round.deferred;
  total.interrupted += round.interrupted;
  total.maxBytes = Math.max(total.maxBytes, round.maxBytes);
  if (round.stop) total.stop = round.stop;
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A lease lasts this long unless renewed (every third of it while the run lasts). */
export const DEFAULT_LEASE_MS = 120_000;

/** This process's name on the ledger's leases: unique per run. */
export function senderName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** No recipient was accepted by the server, and none is left to try: not a send. */
function noneAccepted(counts: Record<DeliveryState, number>): { message: string; error: NonNullable<SendReport['error']> } {
  const message =
    `The SMTP server accepted none of the ${counts.failed + counts.bounced} recipients (${counts.failed} failed, ${counts.bounced} bounced): ` +
    'nothing went out. See the top errors; fix the cause (often the sender address, DNS records or the server’s policy), ' +
    'then send again with --retry-failed.';
  return { message, error: { code: 'SEND_FAILED', message } };
}

function emptyRun(): SendReport['run'] {
  return { built: 0, submitted: 0, failed: 0, bounced: 0, deferred: 0, interrupted: 0, maxBytes: 0, durationMs: 0, rate: 0 };
}

async function report(
  o: SendIssueOptions,
  status: SendStatus,
  started: number,
  run: SendReport['run'],
  extra: { message: string; error?: SendReport['error']; counts?: false },
): Promise<SendReport> {
  const durationMs = Date.now() - started;
  const withLedger = extra.counts !== false;
  return {
    issue: o.issue,
    status,
    message: extra.message,
    error: extra.error,
    run: { ...run, durationMs, rate: durationMs > 0 ? (run.submitted * 1000) / durationMs : 0 },
    counts: withLedger ? await o.ledger.counts(o.issue) : undefined,
    topErrors: withLedger ? await o.ledger.topErrors(o.issue, TOP_ERRORS) : [],
  };
}
