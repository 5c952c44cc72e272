import { errorMessage, type ErrorCode } from '../errors.js';
import type { Ledger, Recipient } from './ledger.js';
import { createLedgerWriter } from './ledger-writer.js';
import type { MessageSource } from './message-variants.js';
import { newMessageId, recipientFields, type LinkContext } from './recipient-fields.js';
import { retryDelay, type RetryPolicy } from './retry-delay.js';
import type { RunCounts, SendProgress } from './send-report.js';
import type { Transport } from './transport.js';

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
  /** Rows read from the ledger per page. */
  pageSize?: number | undefined;
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
 * Streams the ledger's open rows (keyset pages) and keeps at most `inFlight` messages with the transport,
 * taking the next one as each reply comes back. For each attempt: the intent (markSubmitting, with the
 * Message-ID) is committed before the SMTP call, the result before the slot takes the next recipient; the
 * writes of one event-loop turn share one transaction (createLedgerWriter). Temporary failures wait
 * (exponential backoff, jitter) and are retried in this run until `retry.attempts`; 5xx fail for good;
 * `pauseAfterConsecutiveErrors` errors in a row stop taking new work (SEND_PAUSED). On abort, fatal replies or a pause, the loop waits for the replies
 * in flight and records them: rows not attempted stay pending, so running again resumes.
 */
export function runSendLoop(o: LoopOptions): Promise<LoopResult> {
  const result: LoopResult = { built: 0, submitted: 0, failed: 0, bounced: 0, deferred: 0, maxBytes: 0 };
  const started = Date.now();
  const pageSize = o.pageSize ?? Math.max(100, o.inFlight * 4);
  const random = o.random ?? Math.random;
  const retries: Retry[] = [];
  const ledger = createLedgerWriter(o.ledger);
  let page: Recipient[] = [];
  let pageAt = 0;
  let cursor = 0;
  let exhausted = false;
  let taken = 0;
  let active = 0;
  let consecutiveErrors = 0;
  let stopping = false;
  let failure: unknown;
  let timer: NodeJS.Timeout | undefined;

  const progress = () =>
    o.onProgress?.({
      total: o.total,
      submitted: result.submitted,
      failed: result.failed,
      bounced: result.bounced,
      deferred: retries.length,
      inFlight: active,
      remaining: Math.max(0, o.total - result.submitted - result.failed - result.bounced),
      elapsedMs: Date.now() - started,
    });

  const stop = (why: LoopResult['stop']) => {
    if (!stopping) result.stop = why;
    stopping = true;
  };

  const next = (): Recipient | undefined => {
    const now = Date.now();
    const due = retries.findIndex((r) => r.due <= now);
    if (due >= 0) return retries.splice(due, 1)[0]!.recipient;
    if (pageAt >= page.length && !exhausted) {
      const want = o.limit === undefined ? pageSize : Math.min(pageSize, o.limit - taken);
      page = want > 0 ? o.ledger.nextBatch(o.issue, cursor, want) : [];
      pageAt = 0;
      if (page.length < want || want === 0) exhausted = true;
      if (page.length > 0) cursor = page[page.length - 1]!.subscriberId;
    }
    if (pageAt >= page.length) return undefined;
    taken++;
    return page[pageAt++];
  };

  const attempt = async (recipient: Recipient): Promise<void> => {
    const attemptNo = recipient.attempts + 1;
    const messageId = newMessageId(o.issue, recipient.subscriberId, o.links.messageDomain);
    // a variant that cannot be rendered throws here, before any write: the loop stops, the row stays pending
    const message = await o.messages.for(recipient.topics);
    let raw: Buffer;
    try {
      raw = message.render(recipientFields(recipient, o.links, messageId));
    } catch (error) {
      await ledger.write(() => o.ledger.markFailed(o.issue, recipient.subscriberId, `not sent: ${errorMessage(error)}`.slice(0, 300), false));
      result.failed++;
      return;
    }
    result.built++;
    result.maxBytes = Math.max(result.maxBytes, raw.length);
    await ledger.write(() => o.ledger.markSubmitting(o.issue, recipient.subscriberId, messageId)); // committed before the SMTP call
    const outcome = await o.transport.send({ from: message.envelopeFrom, to: recipient.email, raw });
    switch (outcome.status) {
      case 'accepted':
        await ledger.write(() => o.ledger.markSubmitted(o.issue, recipient.subscriberId, outcome.reply));
        result.submitted++;
        consecutiveErrors = 0;
        return;
      case 'rejected':
        await ledger.write(() => o.ledger.markFailed(o.issue, recipient.subscriberId, outcome.reply, outcome.bounced));
        if (outcome.bounced) result.bounced++;
        else result.failed++;
        break;
      case 'fatal':
        await ledger.write(() => o.ledger.markDeferred(o.issue, recipient.subscriberId, outcome.reply));
        stop({ code: outcome.code, message: outcome.message });
        return;
      case 'deferred':
        result.deferred++;
        if (attemptNo >= o.retry.attempts) {
          await ledger.write(() =>
            o.ledger.markFailed(o.issue, recipient.subscriberId, `gave up after ${attemptNo} attempts: ${outcome.reply}`.slice(0, 300), false),
          );
          result.failed++;
        } else {
          await ledger.write(() => o.ledger.markDeferred(o.issue, recipient.subscriberId, outcome.reply));
          retries.push({ recipient: { ...recipient, attempts: attemptNo }, due: Date.now() + retryDelay(attemptNo, o.retry, random) });
        }
        break;
    }
    if (++consecutiveErrors >= o.pauseAfterConsecutiveErrors) {
      stop({
        code: 'SEND_PAUSED',
        message:
          `Paused after ${consecutiveErrors} errors in a row (last: ${outcome.reply}). Nothing is lost: unsent ` +
          'recipients stay pending. Fix the cause (see the top errors and the SMTP server), then run `roundup send` again to resume.',
      });
    }
  };

  return new Promise<LoopResult>((resolve, reject) => {
    const finish = () => {
      if (timer) clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      progress();
      if (failure !== undefined) reject(failure);
      else resolve(result);
    };
    const pump = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      try {
        while (!stopping && active < o.inFlight) {
          const recipient = next();
          if (!recipient) break;
          active++;
          attempt(recipient)
            .catch((error: unknown) => {
              failure ??= error;
              stop(undefined);
            })
            .finally(() => {
              active--;
              progress();
              pump();
            });
        }
      } catch (error) {
        failure ??= error; // the ledger failed (nextBatch): stop, wait for what is in flight
        stop(undefined);
      }
      if (stopping || (exhausted && retries.length === 0)) {
        if (active === 0) finish();
        return;
      }
      if (active < o.inFlight && retries.length > 0) {
        const earliest = retries.reduce((min, r) => Math.min(min, r.due), Infinity);
        timer = setTimeout(pump, Math.max(0, earliest - Date.now()));
      }
    };
    const onAbort = () => {
      stop('aborted');
      pump();
    };
    if (o.signal?.aborted) stop('aborted');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    pump();
  });
}
