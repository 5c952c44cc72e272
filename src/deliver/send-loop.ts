import { errorMessage, type ErrorCode } from '../errors.js';
import type { Ledger, Recipient } from './ledger.js';
import { createLedgerWriter, type LedgerWriter } from './ledger-writer.js';
import { createMessageBuffers, type MessageBuffers } from './message-buffers.js';
import type { MessageSource } from './message-variants.js';
import { newMessageId, recipientFields, type LinkContext } from './recipient-fields.js';
import { retryDelay, type RetryPolicy } from './retry-delay.js';
import type { RunCounts, SendProgress } from './send-report.js';
import type { OutgoingMessage, SendOutcome, Transport } from './transport.js';

export interface LoopOptions {
  issue: string;
  ledger: Ledger;
  transport: Transport;
  /** The issue's message, or the variant a recipient's topics choose. */
  messages: MessageSource;
  links: LinkContext;
  inFlight: number;
  retry: RetryPolicy;
  pauseAfterConsecutiveErrors: number;
  /** Rows to take from the ledger at most (`--limit`); retries of those do not count. */
  limit?: number | undefined;
  /** Rows to send when the loop starts, for progress. */
  total: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: SendProgress) => void) | undefined;
  /** Rows leased from the ledger at a time. */
  pageSize?: number | undefined;
  /** This sender's name on the ledger's leases (unique per process): `host:pid:random` by default. */
  worker: string;
  /** How long a lease holds rows; renewed every third of it while the loop runs. */
  leaseMs: number;
  /** Waits for a free slot under `delivery.rateLimit` before each message (shared by every worker); none: no limit. */
  pace?: (() => Promise<void>) | undefined;
  random?: () => number;
}

export interface LoopResult extends RunCounts {
  /** Why the loop stopped early; absent when it ran out of work. */
  stop?: { code: ErrorCode; message: string } | 'aborted' | undefined;
}

interface Retry {
  recipient: Recipient;
  due: number;
}

/**
 * A recipient whose messages keep meeting a broken connection is tried at most this many times per
 * `retry.attempts` in one run, then left pending for the next run (a server that breaks on every message
 * pauses the run long before).
 */
const INTERRUPTIONS_PER_ATTEMPT = 2;

/**
 * Leases the ledger's open rows a page at a time and keeps at most `inFlight` messages with the transport,
 * taking the next one as each reply comes back. For each attempt: the intent (`submitting`, with the
 * Message-ID) is committed before the SMTP call, the result before the slot takes the next recipient; the
 * writes of one event-loop turn share one transaction (createLedgerWriter). Temporary failures (4xx) wait
 * (exponential backoff, jitter) and are retried in this run until `retry.attempts`; 5xx fail for good; a
 * broken connection (dropped, timed out, not SMTP) leaves the row pending without using an attempt and is
 * retried the same way (left for the next run after a few); errors of every kind count toward the pause:
 * `pauseAfterConsecutiveErrors` in a row stop taking new work (SEND_PAUSED). On abort, fatal replies or
 * a pause, the loop waits for the replies in flight and records them, then lets go of its leases: rows not
 * attempted stay pending, for this run's next start or any other worker.
 */
export function runSendLoop(o: LoopOptions): Promise<LoopResult> {
  return new SendLoop(o).run();
}

/** The loop's state and its steps: where the next recipient comes from, one attempt, and the pump. */
class SendLoop {
  private readonly result: LoopResult = { built: 0, submitted: 0, failed: 0, bounced: 0, deferred: 0, interrupted: 0, maxBytes: 0 };
  private readonly started = Date.now();
  private readonly pageSize: number;
  private readonly random: () => number;
  private readonly ledger: LedgerWriter;
  /** Memory for the messages in flight, reused once the transport is done with one. */
  private readonly buffers: MessageBuffers;
  private readonly retries: Retry[] = [];
  /** Connection failures per recipient in this run (they do not count as attempts). */
  private readonly interruptions = new Map<number, number>();
  private page: Recipient[] = [];
  private pageAt = 0;
  /** A lease request is under way (the pump waits for it instead of asking twice). */
  private leasing = false;
  private exhausted = false;
  private renewal: NodeJS.Timeout | undefined;
  private taken = 0;
  private active = 0;
  private consecutiveErrors = 0;
  private stopping = false;
  private failure: unknown;
  private timer: NodeJS.Timeout | undefined;
  private settle: (() => void) | undefined;

  constructor(private readonly o: LoopOptions) {
    this.pageSize = o.pageSize ?? Math.max(100, o.inFlight * 4);
    this.random = o.random ?? Math.random;
    this.ledger = createLedgerWriter(o.ledger, o.issue);
    this.buffers = createMessageBuffers(o.inFlight + 8);
  }

  run(): Promise<LoopResult> {
    return new Promise<LoopResult>((resolve, reject) => {
      const onAbort = () => {
        this.stop('aborted');
        this.pump();
      };
      this.settle = () => {
        this.settle = undefined;
        if (this.timer) clearTimeout(this.timer);
        clearInterval(this.renewal);
        this.o.signal?.removeEventListener('abort', onAbort);
        this.progress();
        // rows this worker still holds (not attempted, or left for the next run) go back to everyone
        this.o.ledger.release(this.o.issue, this.o.worker).then(
          () => (this.failure !== undefined ? reject(this.failure) : resolve(this.result)),
          (error: unknown) => reject(this.failure ?? error),
        );
      };
      this.renewal = setInterval(() => {
        this.o.ledger.renew(this.o.issue, this.o.worker, this.o.leaseMs).catch((error: unknown) => {
          this.failure ??= error;
          this.stop(undefined);
        });
      }, Math.max(1000, this.o.leaseMs / 3));
      this.renewal.unref();
      if (this.o.signal?.aborted) this.stop('aborted');
      this.o.signal?.addEventListener('abort', onAbort, { once: true });
      this.pump();
    });
  }

  private progress(): void {
    const r = this.result;
    this.o.onProgress?.({
      total: this.o.total,
      submitted: r.submitted,
      failed: r.failed,
      bounced: r.bounced,
      deferred: this.retries.length,
      inFlight: this.active,
      remaining: Math.max(0, this.o.total - r.submitted - r.failed - r.bounced),
      elapsedMs: Date.now() - this.started,
    });
  }

  private stop(why: LoopResult['stop']): void {
    if (!this.stopping) this.result.stop = why;
    this.stopping = true;
  }

  /** A retry that is due, else the next row of the current page; undefined when it has none ready now. */
  private next(): Recipient | undefined {
    const now = Date.now();
    const due = this.retries.findIndex((r) => r.due <= now);
    if (due >= 0) return this.retries.splice(due, 1)[0]!.recipient;
    if (this.pageAt >= this.page.length) {
      this.fetchPage();
      return undefined;
    }
    this.taken++;
    return this.page[this.pageAt++];
  }

  /** Leases the next page of rows (once at a time), then pumps again. */
  private fetchPage(): void {
    if (this.leasing || this.exhausted || this.stopping) return;
    const { limit } = this.o;
    const want = limit === undefined ? this.pageSize : Math.min(this.pageSize, limit - this.taken);
    if (want <= 0) {
      this.exhausted = true;
      return;
    }
    this.leasing = true;
    this.o.ledger.lease(this.o.issue, this.o.worker, want, this.o.leaseMs).then(
      (rows) => {
        this.leasing = false;
        this.page = rows;
        this.pageAt = 0;
        if (rows.length < want) this.exhausted = true;
        this.pump();
      },
      (error: unknown) => {
        this.leasing = false;
        this.failure ??= error; // the ledger failed: stop, wait for what is in flight
        this.stop(undefined);
        this.pump();
      },
    );
  }

  /** One attempt for one recipient: build, record the intent, hand it over, record the outcome. */
  private async attempt(recipient: Recipient): Promise<void> {
    const messageId = newMessageId(this.o.issue, recipient.subscriberId, this.o.links.messageDomain);
    // a variant that cannot be rendered throws here, before any write: the loop stops, the row stays pending
    const message = await this.o.messages.for(recipient.topics);
    let raw: Buffer;
    let from = message.envelopeFrom;
    try {
      const fields = recipientFields(recipient, this.o.links, messageId);
      from = fields.returnPath ?? from;
      raw = message.render(fields, this.buffers);
    } catch (error) {
      await this.ledger.write({ kind: 'failed', subscriberId: recipient.subscriberId, reply: `not sent: ${errorMessage(error)}`.slice(0, 300), bounced: false });
      this.result.failed++;
      return;
    }
    this.result.built++;
    this.result.maxBytes = Math.max(this.result.maxBytes, raw.length);
    await this.o.pace?.(); // the shared rate limit, before the intent: waiting for a slot records nothing
    await this.ledger.write({ kind: 'submitting', subscriberId: recipient.subscriberId, messageId }); // committed before the SMTP call
    const outgoing: OutgoingMessage = { from, to: recipient.email, raw, release: () => this.buffers.giveBack(raw) };
    await this.record(recipient, await this.o.transport.send(outgoing));
  }

  /** Records an outcome in the ledger and the counts; schedules a retry or pauses the run when it must. */
  private async record(recipient: Recipient, outcome: SendOutcome): Promise<void> {
    const id = recipient.subscriberId;
    const attemptNo = recipient.attempts + 1;
    switch (outcome.status) {
      case 'accepted':
        await this.ledger.write({ kind: 'submitted', subscriberId: id, reply: outcome.reply });
        this.result.submitted++;
        this.consecutiveErrors = 0;
        return;
      case 'rejected':
        await this.ledger.write({ kind: 'failed', subscriberId: id, reply: outcome.reply, bounced: outcome.bounced });
        if (outcome.bounced) this.result.bounced++;
        else this.result.failed++;
        break;
      case 'fatal':
        await this.ledger.write({ kind: 'deferred', subscriberId: id, reply: outcome.reply });
        this.stop({ code: outcome.code, message: outcome.message });
        return;
      case 'interrupted': {
        // the connection failed, not the message: back to pending without using an attempt
        await this.ledger.write({ kind: 'interrupted', subscriberId: id, reply: outcome.reply });
        this.result.interrupted++;
        const times = (this.interruptions.get(id) ?? 0) + 1;
        this.interruptions.set(id, times);
        if (times < this.o.retry.attempts * INTERRUPTIONS_PER_ATTEMPT) {
          this.retries.push({ recipient, due: Date.now() + retryDelay(times, this.o.retry, this.random) });
        }
        break;
      }
      case 'deferred':
        this.result.deferred++;
        if (attemptNo >= this.o.retry.attempts) {
          await this.ledger.write({ kind: 'failed', subscriberId: id, reply: `gave up after ${attemptNo} attempts: ${outcome.reply}`.slice(0, 300), bounced: false });
          this.result.failed++;
        } else {
          await this.ledger.write({ kind: 'deferred', subscriberId: id, reply: outcome.reply });
          this.retries.push({ recipient: { ...recipient, attempts: attemptNo }, due: Date.now() + retryDelay(attemptNo, this.o.retry, this.random) });
        }
        break;
    }
    this.countError(outcome.reply);
  }

  private countError(reply: string): void {
    if (++this.consecutiveErrors < this.o.pauseAfterConsecutiveErrors) return;
    this.stop({
      code: 'SEND_PAUSED',
      message:
        `Paused after ${this.consecutiveErrors} errors in a row (last: ${reply}). Nothing is lost: unsent ` +
        'recipients stay pending. Fix the cause (see the top errors and the SMTP server), then run `roundup send` again to resume.',
    });
  }

  /** Fills the free slots; ends the run when nothing is in flight and nothing is left (or it is stopping). */
  private pump(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      while (!this.stopping && this.active < this.o.inFlight) {
        const recipient = this.next();
        if (!recipient) break;
        this.active++;
        this.attempt(recipient)
          .catch((error: unknown) => {
            this.failure ??= error;
            this.stop(undefined);
          })
          .finally(() => {
            this.active--;
            this.progress();
            this.pump();
          });
      }
    } catch (error) {
      this.failure ??= error;
      this.stop(undefined);
    }
    const drained = this.exhausted && this.pageAt >= this.page.length && this.retries.length === 0;
    if ((this.stopping || drained) && !this.leasing) {
      if (this.active === 0) this.settle?.();
      return;
    }
    if (this.active < this.o.inFlight && this.retries.length > 0) {
      const earliest = this.retries.reduce((min, r) => Math.min(min, r.due), Infinity);
      this.timer = setTimeout(() => this.pump(), Math.max(0, earliest - Date.now()));
    }
  }
}
