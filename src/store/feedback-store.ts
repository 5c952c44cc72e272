// What came back after the send, recorded: bounces, complaints and unsubscribes, each as one row per
// (issue, subscriber, kind) with what it did to the subscriber, in one transaction. Recording the same thing
// twice changes nothing more (the row's key), whatever input it came through.
import type { Database } from './open-database.js';
import { deliveryQueries } from './delivery-queries.js';
import { feedbackQueries, type FeedbackKind } from './feedback-queries.js';
import { subscriberQueries, type SubscriberStatus } from './subscriber-queries.js';
import { webhookMessageQueries } from './webhook-message-queries.js';
import { writeTransaction } from './write-transaction.js';

export type { FeedbackKind } from './feedback-queries.js';

export interface FeedbackInput {
  issue: string;
  subscriberId: number;
  kind: FeedbackKind;
  /** How it came: `dsn`, `arf`, `mailto`, `ses`, `mailgun`, `one-click`, `page`. */
  via: string;
  /** The status code and diagnostic, the feedback type: for the record (cut to 300 characters). */
  detail?: string | undefined;
  now: Date;
}

export interface SoftBounceRule {
  /** This many soft bounces ... */
  count: number;
  /** ... within the last this many issues sent mark the subscriber bounced. */
  issues: number;
}

export type FeedbackOutcome =
  /** Recorded; `status` is the subscriber's new status when this changed it. */
  | { result: 'recorded'; status?: SubscriberStatus | undefined }
  /** The same feedback was recorded before: nothing changed. */
  | { result: 'duplicate' }
  /** No message of that issue went to that subscriber (a token or Message-ID from elsewhere): nothing changed. */
  | { result: 'not-sent' };

/** Why a subscriber left, by feedback kind, as `left_via` records it. */
const LEFT_AS: Record<FeedbackKind, { status: SubscriberStatus; via: (input: Pick<FeedbackInput, 'via'>) => string }> = {
  'hard-bounce': { status: 'bounced', via: () => 'bounce' },
  'soft-bounce': { status: 'bounced', via: () => 'soft-bounces' },
  complaint: { status: 'complained', via: () => 'complaint' },
  unsubscribe: { status: 'unsubscribed', via: (input) => input.via },
};

/**
 * Records one piece of feedback about the message an issue sent a subscriber, and acts on it: a hard bounce
 * marks the subscriber `bounced`, a soft one does when it is the rule's N-th within the last M issues, a
 * complaint marks them `complained` (whatever they were: they are never mailed again), an unsubscribe
 * `unsubscribed`. Someone who already left keeps their status (a complaint excepted). Refused (`not-sent`) when
 * the ledger has no row for that issue and subscriber.
 */
export function recordFeedback(db: Database, input: FeedbackInput, rule: SoftBounceRule): FeedbackOutcome {
  const now = input.now.toISOString();
  return writeTransaction(db, () => {
    if (!deliveryQueries(db).stateOf.get(input.issue, input.subscriberId)) return { result: 'not-sent' };
    const inserted = feedbackQueries(db).insert.run({
      issue: input.issue,
      subscriber_id: input.subscriberId,
      kind: input.kind,
      via: input.via,
      detail: feedbackDetail(input.detail),
      received_at: now,
    });
    if (inserted.changes === 0) return { result: 'duplicate' };
    if (input.kind === 'soft-bounce') {
      const { count } = feedbackQueries(db).softBouncesInLastIssues.get({ id: input.subscriberId, issues: rule.issues })!;
      if (count < rule.count) return { result: 'recorded' };
    }
    const status = leave(db, input, now);
    return status ? { result: 'recorded', status } : { result: 'recorded' };
  });
}

/**
 * The status (and `left_via`) feedback moves a subscriber to, or undefined when it changes nothing: someone who
 * left keeps their status, but a complaint overrides any (they are never mailed again). Both stores use it.
 */
export function statusAfterFeedback(current: SubscriberStatus, input: Pick<FeedbackInput, 'kind' | 'via'>): { status: SubscriberStatus; via: string } | undefined {
  const target = LEFT_AS[input.kind];
  const alreadyLeft = current === 'unsubscribed' || current === 'bounced' || current === 'complained';
  if (current === target.status || (alreadyLeft && input.kind !== 'complaint') || current === 'complained') return undefined;
  return { status: target.status, via: target.via(input) };
}

/** Moves the subscriber to the status the feedback calls for; undefined when it changed nothing. */
function leave(db: Database, input: FeedbackInput, now: string): SubscriberStatus | undefined {
  const q = subscriberQueries(db);
  const row = q.byId.get(input.subscriberId);
  if (!row) return undefined;
  const next = statusAfterFeedback(row.status, input);
  if (!next) return undefined;
  q.setStatus.run({ id: input.subscriberId, status: next.status, now, via: next.via });
  return next.status;
}

/**
 * Notes an unsubscribe that already happened (the one-click link, the page) against the issue its link came
 * in, for the report. Nothing when that issue's ledger has no row for them, or it was noted before.
 */
export function noteUnsubscribe(db: Database, input: { issue: string; subscriberId: number; via: string; now: Date }): void {
  writeTransaction(db, () => {
    if (!deliveryQueries(db).stateOf.get(input.issue, input.subscriberId)) return;
    feedbackQueries(db).insert.run({
      issue: input.issue,
      subscriber_id: input.subscriberId,
      kind: 'unsubscribe',
      via: input.via,
      detail: '',
      received_at: input.now.toISOString(),
    });
  });
}

/** The detail kept with feedback (a status code and diagnostic): one line, at most 300 characters. */
export function feedbackDetail(detail: string | undefined): string {
  return (detail ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** A Message-ID as the ledger keeps it (no angle brackets), or undefined for one no message of ours can have. */
export function ledgerMessageId(messageId: string): string | undefined {
  const id = messageId.trim().replace(/^<|>$/g, '');
  return id === '' || id.length > 300 ? undefined : id;
}

/** The ledger row a Message-ID (with or without angle brackets) was sent as, or undefined. */
export function findDeliveryByMessageId(db: Database, messageId: string): { issue: string; subscriberId: number } | undefined {
  const id = ledgerMessageId(messageId);
  if (id === undefined) return undefined;
  const row = deliveryQueries(db).byMessageId.get(id);
  return row && { issue: row.issue, subscriberId: row.subscriberId };
}

/** Whether a relay's webhook message id was remembered within the last `keepMs`. */
export function webhookMessageSeen(db: Database, provider: string, id: string, now: Date, keepMs: number): boolean {
  return webhookMessageQueries(db).seen.get({ provider, id, since: new Date(now.getTime() - keepMs).toISOString() })!.n > 0;
}

/**
 * Remembers a relay's webhook message id once the call was acted on; false when it was remembered before. Ids
 * older than `keepMs` are forgotten on the way.
 */
export function rememberWebhookMessage(db: Database, provider: string, id: string, now: Date, keepMs: number): boolean {
  return writeTransaction(db, () => {
    const q = webhookMessageQueries(db);
    q.forget.run({ before: new Date(now.getTime() - keepMs).toISOString() });
    return q.remember.run({ provider, id, now: now.toISOString() }).changes === 1;
  });
}

/** An issue's feedback counted by kind and way. */
export function feedbackCounts(db: Database, issue: string): { kind: FeedbackKind; via: string; count: number }[] {
  return feedbackQueries(db).countsByKindAndVia.all(issue);
}
