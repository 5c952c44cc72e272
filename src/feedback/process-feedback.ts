import type { FeedbackConfig } from '../config/index.js';
import type { FeedbackKind, Store, SubscriberStatus } from '../store/index.js';
import { correlate } from './correlate.js';
import { readFeedback, type FeedbackReading } from './read-feedback.js';

/** What became of one feedback message. */
export interface FeedbackResult {
  /**
   * `acted`: recorded (and the subscriber changed when `status` is set); `duplicate`: recorded before, nothing
   * more; `ignored`: a delay warning or a `not-spam` report (nothing to do); `unmatched`: not ours, not
   * readable, or not matched to a message we sent (a person should look at it).
   */
  outcome: 'acted' | 'duplicate' | 'ignored' | 'unmatched';
  kind: FeedbackReading['kind'];
  format?: string | undefined;
  issue?: string | undefined;
  subscriberId?: number | undefined;
  /** The subscriber's new status when this message changed it. */
  status?: SubscriberStatus | undefined;
  /** Why, in words (for the log and --json). */
  reason: string;
}

export interface FeedbackContext {
  store: Store;
  /** ROUNDUP_SECRET: the key every token was signed with. */
  secret: string;
  config: FeedbackConfig;
  now: () => Date;
}

const KIND: Record<'complaint' | 'unsubscribe', FeedbackKind> = { complaint: 'complaint', unsubscribe: 'unsubscribe' };

/**
 * Reads one raw message, finds the message we sent that it is about, and records it (store: one row per issue,
 * subscriber and kind, so the same message twice changes nothing more). `envelopeTo`: the envelope recipient
 * when the input knows it (an MTA pipe).
 */
export async function processFeedback(raw: Buffer, ctx: FeedbackContext, envelopeTo: readonly string[] = []): Promise<FeedbackResult> {
  if (raw.length > ctx.config.maxMessageBytes) {
    return { outcome: 'unmatched', kind: 'none', reason: `larger than feedback.maxMessageBytes (${raw.length} bytes): not read` };
  }
  return actOnReading(readFeedback(raw, envelopeTo), ctx);
}

/**
 * Acts on feedback already read (a message, or a relay's webhook event turned into the same shape): matches it
 * to a message we sent and records it. `via` says where it came from (default: by the message's format).
 */
export async function actOnReading(reading: FeedbackReading, ctx: FeedbackContext, via?: string): Promise<FeedbackResult> {
  const base = { kind: reading.kind, format: reading.format };
  if (reading.kind === 'none') return { ...base, outcome: 'unmatched', reason: 'not a bounce, an abuse report or a mail to the unsubscribe address' };
  if (reading.kind === 'delay') return { ...base, outcome: 'ignored', reason: 'a delay warning: the sending server is still trying' };
  const match = await correlate(ctx.store, reading, ctx.secret);
  if (!match.ok) return { ...base, outcome: 'unmatched', reason: match.message };
  const kind: FeedbackKind = reading.kind === 'bounce' ? (reading.severity === 'hard' ? 'hard-bounce' : 'soft-bounce') : KIND[reading.kind];
  via ??= reading.kind === 'bounce' ? 'dsn' : reading.kind === 'complaint' ? 'arf' : 'mailto';
  const done = await ctx.store.feedback.record(
    { issue: match.issue, subscriberId: match.subscriberId, kind, via, detail: reading.detail || reading.format, now: ctx.now() },
    ctx.config.softBounces,
  );
  const where = { issue: match.issue, subscriberId: match.subscriberId };
  if (done.result === 'not-sent') {
    return { ...base, ...where, outcome: 'unmatched', reason: `matched by ${match.by}, but ${match.issue} was not sent to subscriber ${match.subscriberId}` };
  }
  if (done.result === 'duplicate') return { ...base, ...where, outcome: 'duplicate', reason: `${kind} recorded before (matched by ${match.by})` };
  return { ...base, ...where, outcome: 'acted', status: done.status, reason: `${kind} (matched by ${match.by})${done.status ? `: subscriber now ${done.status}` : ''}` };
}
