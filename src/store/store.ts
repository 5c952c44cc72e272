// The store contract: everything Roundup keeps, as the rest of the code uses it. Two implementations meet it:
// SQLite (the embedded default, one file: src/store/sqlite-store.ts) and PostgreSQL (shared by many senders
// and web servers: src/store/postgres/). One contract test suite runs against both (test/store/contract/).
// Every method is asynchronous (a shared database answers later); SQLite answers at once.
import type { Ledger } from '../deliver/ledger.js';
import type { Snapshot, StoredSnapshot } from '../snapshot/snapshot.js';
import type { Subscriber } from '../types.js';
import type { ConfirmOutcome } from './confirmations.js';
import type { IssueRecord, IssueStatus } from './issues-store.js';
import type { LockState } from './locks.js';
import type { PublishedIssue } from './snapshots-store.js';
import type { AddOptions, ChangeOptions, NewSubscriber } from './subscribers-store.js';
import type { SubscriberStatus } from './subscriber-queries.js';
import type { PageOptions } from './iterate-subscribers.js';
import type { FeedbackInput, FeedbackKind, FeedbackOutcome, SoftBounceRule } from './feedback-store.js';
import type { ClickInput, LinkClickRow } from './clicks-store.js';
import type { IssueLink } from '../types.js';

/** A validated row of an import, to merge into the list. */
export interface ImportRow {
  line: number;
  email: string;
  name: string;
  topics: string[];
  /** The status the file names, if any. */
  status?: SubscriberStatus | undefined;
}

/** What merging one batch of rows did. */
export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  /** Rows naming someone who left: kept as they are (an import never makes them active again). */
  keptInactive: number;
}

export interface SubscriberRepo {
  add(input: NewSubscriber, options: AddOptions): Promise<{ subscriber: Subscriber; created: boolean }>;
  get(id: number): Promise<Subscriber | undefined>;
  getByEmail(email: string): Promise<Subscriber | undefined>;
  remove(idOrEmail: number | string, options: ChangeOptions): Promise<{ subscriber: Subscriber; changed: boolean } | undefined>;
  setStatus(id: number, status: SubscriberStatus, options: ChangeOptions): Promise<Subscriber | undefined>;
  /**
   * The preferences form: name, topics and pause, in one transaction that reads the subscriber again first: one
   * who left meanwhile is never changed (false).
   */
  updatePreferences(id: number, change: { name: string; topics: string[]; paused: boolean }, now: Date): Promise<boolean>;
  count(): Promise<Record<SubscriberStatus, number>>;
  /** One page in id order (keyset paging). */
  page(options: PageOptions): Promise<Subscriber[]>;
  /** Merges a batch of import rows in one transaction (the rules of `roundup subscribers import`). */
  importBatch(rows: readonly ImportRow[], options: { via: string; now: Date }): Promise<ImportCounts>;
}

export interface IssueRepo {
  get(key: string): Promise<IssueRecord | undefined>;
  list(): Promise<IssueRecord[]>;
  /** Records a build: a new issue starts `built`; a known one keeps its status. */
  upsertBuilt(input: { key: string; subject: string; now: Date }): Promise<IssueRecord>;
  mark(key: string, status: IssueStatus, options: { now: Date; counts?: Record<string, number> }): Promise<IssueRecord>;
}

export interface SnapshotRepo {
  /** Stores a snapshot (approval or send); USAGE once the issue's send has started. */
  save(snapshot: Snapshot, options: { by: 'approval' | 'send'; now: Date }): Promise<StoredSnapshot>;
  /**
   * The snapshot a send goes out with: the stored one, or `snapshot` stored now (frozen by `send`) when the issue
   * has none. Safe when several senders start at once: all get the same one.
   */
  freezeForSend(snapshot: Snapshot, now: Date): Promise<StoredSnapshot>;
  get(issue: string): Promise<StoredSnapshot | undefined>;
  revoke(issue: string, now: Date): Promise<boolean>;
  listPublished(): Promise<PublishedIssue[]>;
  publicCopy(issue: string): Promise<(PublishedIssue & { html: string; text: string }) | undefined>;
  /** Story URL -> the latest earlier issue it went out in (weeks before `weekStart`). */
  sentBefore(weekStart: string): Promise<Map<string, string>>;
  /** The newest issue that went out (status sent), by its week; undefined when none has. */
  lastSent(): Promise<string | undefined>;
}

export interface ConfirmationRepo {
  create(subscriberId: number, options: { now: Date; ttlMs: number }): Promise<string>;
  check(subscriberId: number, nonce: string, now: Date): Promise<ConfirmOutcome>;
  use(subscriberId: number, nonce: string, now: Date): Promise<ConfirmOutcome>;
}

export interface LockRepo {
  acquire(name: string, holder: string, ttlMs: number, now?: Date): Promise<LockState>;
  release(name: string, holder: string): Promise<boolean>;
}

/** One sender of an issue, as `roundup send --status` shows it. */
export interface SenderRecord {
  worker: string;
  issue: string;
  host: string;
  pid: number;
  startedAt: number;
  seenAt: number;
  endedAt?: number | undefined;
  status: string;
  submitted: number;
  failed: number;
  bounced: number;
}

/** The senders of an issue, and the rate limit they share. Times are milliseconds since 1970. */
export interface SenderRepo {
  register(sender: { worker: string; issue: string; host: string; pid: number }): Promise<void>;
  /** Still alive, with what it did so far. */
  heartbeat(worker: string, counts: { submitted: number; failed: number; bounced: number }): Promise<void>;
  end(worker: string, status: string): Promise<void>;
  list(issue: string): Promise<SenderRecord[]>;
  /**
   * Reserves `count` message starts under a shared rate of one per `intervalMs` for the issue, and returns when
   * the first may start (the store's clock; the caller waits until then). Every sender of the issue draws from
   * the same schedule, so together they keep `delivery.rateLimit`.
   */
  reserve(issue: string, count: number, intervalMs: number): Promise<number>;
  /** The store's clock now (the database's, for a shared one). */
  now(): Promise<number>;
}

/** Counters shared by every web server: at most `limit` takes of `key` per `windowMs`. */
export interface LimitRepo {
  take(key: string, limit: number, windowMs: number, now: Date): Promise<boolean>;
}

/** What came back after the send (src/store/feedback-store.ts has the rules). */
export interface FeedbackRepo {
  /**
   * Records one piece of feedback about the message an issue sent a subscriber and acts on it, in one
   * transaction: idempotent per (issue, subscriber, kind); `not-sent` when the ledger has no row for them.
   */
  record(input: FeedbackInput, rule: SoftBounceRule): Promise<FeedbackOutcome>;
  /** Notes an unsubscribe that already happened (link, page) against its issue, for the report. */
  noteUnsubscribe(input: { issue: string; subscriberId: number; via: string; now: Date }): Promise<void>;
  /** The ledger row a Message-ID (with or without angle brackets) was sent as. */
  deliveryByMessageId(messageId: string): Promise<{ issue: string; subscriberId: number } | undefined>;
  /** Whether a relay's webhook call id was remembered within the last keepMs (a call acted on: its replay is refused). */
  webhookSeen(provider: string, id: string, now: Date, keepMs: number): Promise<boolean>;
  /**
   * Remembers a relay's webhook call id once the call was acted on; false when it was remembered before. Forgets ids
   * older than keepMs on the way.
   */
  rememberWebhook(provider: string, id: string, now: Date, keepMs: number): Promise<boolean>;
  /** An issue's feedback counted by kind and way. */
  counts(issue: string): Promise<{ kind: FeedbackKind; via: string; count: number }[]>;
}

/** Clicks and opens as `roundup serve` records them. */
export interface ClickRepo {
  recordClick(click: ClickInput): Promise<void>;
  recordOpen(open: Omit<ClickInput, 'link'>): Promise<void>;
  /** The links of an issue whose send has started (the only click targets), or undefined. */
  sentLinks(issue: string): Promise<IssueLink[] | undefined>;
  /** When the server accepted the issue's message for a subscriber (ISO), or undefined. */
  submittedAt(issue: string, subscriberId: number): Promise<string | undefined>;
  /** An issue's clicks per link (people and scanners apart), by link index. */
  byLink(issue: string): Promise<LinkClickRow[]>;
  /** Distinct subscribers who clicked anything (people only). */
  uniqueClickers(issue: string): Promise<number>;
  opens(issue: string): Promise<{ people: number; scanners: number; uniquePeople: number }>;
}

/** A delivery ledger the senders share, with what the store can tell about its leases. */
export interface StoreLedger extends Ledger {
  /** Holders of live leases on the issue's open rows. */
  owners(issue: string): Promise<string[]>;
}

export interface Store {
  /** `SQLite <file>` or `PostgreSQL <user>@<host>:<port>/<database>` (never a password): for messages. */
  readonly label: string;
  readonly kind: 'sqlite' | 'postgres';
  readonly subscribers: SubscriberRepo;
  readonly issues: IssueRepo;
  readonly snapshots: SnapshotRepo;
  readonly confirmations: ConfirmationRepo;
  readonly locks: LockRepo;
  readonly ledger: StoreLedger;
  readonly senders: SenderRepo;
  readonly limits: LimitRepo;
  readonly feedback: FeedbackRepo;
  readonly clicks: ClickRepo;
  close(): Promise<void>;
}
