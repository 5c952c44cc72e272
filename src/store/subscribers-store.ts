// Adding, finding, and changing the status of subscribers. Timestamps are ISO 8601 UTC; the clock is passed in
// (`now`, default the current time) so tests can fix it.
import { RoundupError } from '../errors.js';
import type { Subscriber } from '../types.js';
import { checkEmail, emailKey } from './email-address.js';
import type { Database } from './open-database.js';
import { writeTransaction } from './write-transaction.js';
import { cleanName, mergeTopics } from './subscriber-fields.js';
import {
  LEFT_STATUSES,
  SUBSCRIBER_STATUSES,
  subscriberQueries,
  toSubscriber,
  type SubscriberStatus,
} from './subscriber-queries.js';

export interface NewSubscriber {
  email: string;
  name?: string;
  topics?: readonly string[];
  /** Default `active`; a double opt-in signup passes `unconfirmed`. */
  status?: SubscriberStatus;
}

export interface ChangeOptions {
  /** How: `cli`, `import`, `signup`, `one-click`, `bounce`, ... */
  via: string;
  now?: Date;
}

export interface AddOptions extends ChangeOptions {
  /**
   * An address that left (unsubscribed, bounced, complained) is refused unless this is set: only the person
   * themselves (a new signup) should bring it back.
   */
  resubscribe?: boolean;
}

/**
 * Adds a subscriber. When the address exists (same local part, domain in any case) it is merged instead:
 * a non-empty name replaces the stored one, topics are united. Throws SUBSCRIBER_INVALID for a bad address,
 * or for an address that left when `resubscribe` is not set.
 */
export function addSubscriber(
  db: Database,
  input: NewSubscriber,
  options: AddOptions,
): { subscriber: Subscriber; created: boolean } {
  const checked = checkEmail(input.email);
  if (!checked.ok) {
    throw new RoundupError(
      'SUBSCRIBER_INVALID',
      `Subscriber address \`${input.email}\` is not accepted: ${checked.reason}. ` +
        'Give an address like name@example.com.',
    );
  }
  const q = subscriberQueries(db);
  const now = (options.now ?? new Date()).toISOString();
  const name = cleanName(input.name);
  const topics = mergeTopics([], input.topics ?? []);
  return writeTransaction(db, () => {
    const existing = q.byKey.get(emailKey(checked.email));
    if (existing === undefined) {
      const row = q.insert.get({
        email: checked.email,
        key: emailKey(checked.email),
        name,
        topics: JSON.stringify(topics),
        status: input.status ?? 'active',
        now,
        via: options.via,
      })!;
      return { subscriber: toSubscriber(row), created: true };
    }
    const change = mergeOnAdd(toSubscriber(existing), { name, topics, status: input.status }, options);
    q.updateProfile.run({ id: existing.id, name: change.name, topics: JSON.stringify(change.topics), now });
    if (change.status !== undefined) q.setStatus.run({ id: existing.id, status: change.status, now, via: options.via });
    return { subscriber: toSubscriber(q.byId.get(existing.id)!), created: false };
  });
}

/**
 * Adding an address already on the list (both stores decide alike): a non-empty name replaces the stored one,
 * topics are united, and one who left comes back (with `status`, default active) only with `resubscribe`;
 * otherwise SUBSCRIBER_INVALID. Pure.
 */
export function mergeOnAdd(
  existing: Subscriber,
  input: { name: string; topics: readonly string[]; status?: SubscriberStatus | undefined },
  options: Pick<AddOptions, 'resubscribe'>,
): { name: string; topics: string[]; status?: SubscriberStatus } {
  const left = LEFT_STATUSES.includes(existing.status);
  if (left && !options.resubscribe) {
    throw new RoundupError(
      'SUBSCRIBER_INVALID',
      `Subscriber \`${existing.email}\` is ${existing.status} (since ${existing.leftAt ?? '?'}, via ` +
        `${existing.leftVia ?? '?'}) and is not added again. Only the person can resubscribe (a signup); ` +
        'with their consent, run `roundup subscribers add` with --resubscribe.',
    );
  }
  const change: { name: string; topics: string[]; status?: SubscriberStatus } = {
    name: input.name !== '' ? input.name : existing.name,
    topics: mergeTopics(existing.topics, input.topics),
  };
  if (left) change.status = input.status ?? 'active';
  return change;
}

/** A subscriber by id, or undefined. */
export function getSubscriber(db: Database, id: number): Subscriber | undefined {
  const row = subscriberQueries(db).byId.get(id);
  return row && toSubscriber(row);
}

/** A subscriber by address (the domain in any case; the local part exactly), or undefined. */
export function getSubscriberByEmail(db: Database, email: string): Subscriber | undefined {
  const row = subscriberQueries(db).byKey.get(emailKey(email));
  return row && toSubscriber(row);
}

/**
 * Unsubscribes (status `unsubscribed`, with when and how). Idempotent: an address that already left
 * (unsubscribed, bounced, complained) keeps its status and `changed` is false. Undefined when unknown.
 */
export function removeSubscriber(
  db: Database,
  idOrEmail: number | string,
  options: ChangeOptions,
): { subscriber: Subscriber; changed: boolean } | undefined {
  const q = subscriberQueries(db);
  return writeTransaction(db, () => {
    const row = typeof idOrEmail === 'number' ? q.byId.get(idOrEmail) : q.byKey.get(emailKey(idOrEmail));
    if (row === undefined) return undefined;
    if (LEFT_STATUSES.includes(row.status)) return { subscriber: toSubscriber(row), changed: false };
    const now = (options.now ?? new Date()).toISOString();
    q.setStatus.run({ id: row.id, status: 'unsubscribed', now, via: options.via });
    return { subscriber: toSubscriber(q.byId.get(row.id)!), changed: true };
  });
}

/**
 * Sets any status (an operator's tool, and how bounces and complaints are recorded). A left status records
 * `leftAt`/`leftVia`; any other clears them. Returns the subscriber, or undefined when the id is unknown.
 */
export function setSubscriberStatus(
  db: Database,
  id: number,
  status: SubscriberStatus,
  options: ChangeOptions,
): Subscriber | undefined {
  if (!SUBSCRIBER_STATUSES.includes(status)) {
    throw new RoundupError(
      'SUBSCRIBER_INVALID',
      `Expected a subscriber status (${SUBSCRIBER_STATUSES.join(', ')}), got \`${String(status)}\`.`,
    );
  }
  const q = subscriberQueries(db);
  const now = (options.now ?? new Date()).toISOString();
  const result = q.setStatus.run({ id, status, now, via: options.via });
  if (result.changes === 0) return undefined;
  return getSubscriber(db, id);
}

/** How many subscribers have each status (every status present, 0 when none). */
export function countSubscribers(db: Database): Record<SubscriberStatus, number> {
  const counts = Object.fromEntries(SUBSCRIBER_STATUSES.map((s) => [s, 0])) as Record<SubscriberStatus, number>;
  for (const { status, count } of subscriberQueries(db).countByStatus.all()) counts[status] = count;
  return counts;
}
