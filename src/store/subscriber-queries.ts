// Every SQL statement on the `subscribers` table, prepared once per connection.
import type { Subscriber } from '../types.js';
import { cachedStatements } from './cached-statements.js';

export type SubscriberStatus = Subscriber['status'];

export const SUBSCRIBER_STATUSES: readonly SubscriberStatus[] = [
  'active',
  'unsubscribed',
  'bounced',
  'complained',
  'unconfirmed',
  'paused',
];

/** Statuses that mean the person left (or their mailbox did): never made active again by an import. */
export const LEFT_STATUSES: readonly SubscriberStatus[] = ['unsubscribed', 'bounced', 'complained'];

/** A row as SQLite returns it. */
export interface SubscriberRow {
  id: number;
  email: string;
  email_key: string;
  name: string;
  topics: string;
  status: SubscriberStatus;
  joined_at: string;
  joined_via: string;
  left_at: string | null;
  left_via: string | null;
  updated_at: string;
}

export function toSubscriber(row: SubscriberRow): Subscriber {
  const subscriber: Subscriber = {
    id: row.id,
    email: row.email,
    name: row.name,
    topics: JSON.parse(row.topics) as string[],
    status: row.status,
    joinedAt: row.joined_at,
    joinedVia: row.joined_via,
  };
  if (row.left_at !== null) subscriber.leftAt = row.left_at;
  if (row.left_via !== null) subscriber.leftVia = row.left_via;
  return subscriber;
}

const COLUMNS = 'id, email, email_key, name, topics, status, joined_at, joined_via, left_at, left_via, updated_at';

/** A new subscriber's values, as both inserts take them. */
type NewSubscriberRow = { email: string; key: string; name: string; topics: string; status: SubscriberStatus; now: string; via: string };
const INSERT = `INSERT INTO subscribers (email, email_key, name, topics, status, joined_at, joined_via, updated_at)
     VALUES (@email, @key, @name, @topics, @status, @now, @via, @now)`;

export const subscriberQueries = cachedStatements((db) => ({
  byId: db.prepare<[number], SubscriberRow>(`SELECT ${COLUMNS} FROM subscribers WHERE id = ?`),
  byKey: db.prepare<[string], SubscriberRow>(`SELECT ${COLUMNS} FROM subscribers WHERE email_key = ?`),
  /** The insert without reading the row back (an import adds many). */
  add: db.prepare<NewSubscriberRow>(INSERT),
  insert: db.prepare<NewSubscriberRow, SubscriberRow>(`${INSERT} RETURNING ${COLUMNS}`),
  updateProfile: db.prepare<{ id: number; name: string; topics: string; now: string }>(
    'UPDATE subscribers SET name = @name, topics = @topics, updated_at = @now WHERE id = @id',
  ),
  /** Sets a status; a left status records when and how, `active` clears them. */
  setStatus: db.prepare<{ id: number; status: SubscriberStatus; now: string; via: string }>(
    `UPDATE subscribers SET
       status = @status,
       left_at = CASE WHEN @status IN ('unsubscribed', 'bounced', 'complained') THEN @now ELSE NULL END,
       left_via = CASE WHEN @status IN ('unsubscribed', 'bounced', 'complained') THEN @via ELSE NULL END,
       updated_at = @now
     WHERE id = @id`,
  ),
  /** Keyset page, all statuses. */
  pageAll: db.prepare<[number, number], SubscriberRow>(
    `SELECT ${COLUMNS} FROM subscribers WHERE id > ? ORDER BY id LIMIT ?`,
  ),
  /** Keyset page of one status (served by the (status, id) index). */
  pageByStatus: db.prepare<[string, number, number], SubscriberRow>(
    `SELECT ${COLUMNS} FROM subscribers WHERE status = ? AND id > ? ORDER BY id LIMIT ?`,
  ),
  countByStatus: db.prepare<[], { status: SubscriberStatus; count: number }>(
    'SELECT status, count(*) AS count FROM subscribers GROUP BY status',
  ),
}));
