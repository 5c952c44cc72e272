// The delivery ledger, as the send loop needs it (declared here, by its consumer; src/store implements it
// on SQLite and the CLI wires the two). One row per (issue, subscriber).
//
// States (glossary):
// - pending: to be sent.
// - submitting: the intent is recorded (Message-ID chosen) and the SMTP call may be under way. A crash leaves
//   rows here; they may or may not have reached the server. We RESEND them on resume: a subscriber missing the
//   issue is worse than one in a few thousand getting it twice, and at most `inFlight` rows can be here.
// - submitted: the SMTP server accepted the message (250 after DATA). Not "delivered": the server may still
//   bounce it later.
// - failed: given up (5xx, or retries used up); `--retry-failed` makes them pending again.
// - bounced: failed with a permanent "no such user" (550/551/553 and the like); the subscriber is marked bounced.

export type DeliveryState = 'pending' | 'submitting' | 'submitted' | 'failed' | 'bounced';

export interface Recipient {
  subscriberId: number;
  email: string;
  name: string;
  /** The subscriber's topics (they choose the message variant, message-variants.ts). */
  topics: string[];
  /** Attempts made so far for this issue. */
  attempts: number;
}

/** One change to one row, as the send loop records it (`apply` commits a list of them in one transaction). */
export type LedgerOp =
  /** The intent, before the SMTP call: state submitting, attempts + 1, the Message-ID. */
  | { kind: 'submitting'; subscriberId: number; messageId: string }
  /** The server accepted it. */
  | { kind: 'submitted'; subscriberId: number; reply: string }
  /** A temporary failure (4xx): back to pending, reply kept. */
  | { kind: 'deferred'; subscriberId: number; reply: string }
  /**
   * A broken connection (no answer about the message): back to pending, reply kept, and the attempt that
   * `submitting` counted is taken back (`attempts` counts the server's answers about the message).
   */
  | { kind: 'interrupted'; subscriberId: number; reply: string }
  /** A permanent failure: `bounced` also marks the subscriber bounced (in the same transaction). */
  | { kind: 'failed'; subscriberId: number; reply: string; bounced: boolean };

/**
 * The ledger as senders share it. Any number of workers (processes, machines) may send one issue: each takes
 * rows with a lease (held until it expires or is renewed), so no two workers hold one row, and rows of a worker
 * that died go back to the others when its lease runs out (its `submitting` rows are then resent: at most its
 * in-flight messages can go out twice). Times are the store's own clock (the database's, for a shared one).
 */
export interface Ledger {
  /**
   * Adds a pending row for every active subscriber that has none for this issue (one statement; safe to call
   * again, by any worker). Returns how many rows were added.
   */
  enqueue(issue: string): Promise<number>;
  /**
   * Takes up to `limit` open rows (`pending`, or `submitting` left by a crash) that no lease holds, in subscriber
   * id order, and holds them for `worker` for `leaseMs`. A row whose subscriber left meanwhile (unsubscribed
   * during a long send) is settled `failed` ("not sent: subscriber is <status>") instead of returned, and the
   * batch filled up from the rows after it.
   */
  lease(issue: string, worker: string, limit: number, leaseMs: number): Promise<Recipient[]>;
  /** Extends the leases `worker` holds on the issue's open rows by `leaseMs` from now. */
  renew(issue: string, worker: string, leaseMs: number): Promise<void>;
  /** Lets go of the open rows `worker` holds (a stop, a pause, the end of a run), for any worker to take. */
  release(issue: string, worker: string): Promise<void>;
  /** Open rows a live lease holds now (someone is sending them). */
  held(issue: string): Promise<number>;
  /** Records changes to rows, all or none (one transaction). */
  apply(issue: string, ops: readonly LedgerOp[]): Promise<void>;
  /** `--retry-failed`: failed rows go back to pending. Returns how many. */
  requeueFailed(issue: string): Promise<number>;
  /** Counts by state for the report. */
  counts(issue: string): Promise<Record<DeliveryState, number>>;
  /** The most frequent last replies of failed/bounced rows, and of pending rows that met an error, for the report. */
  topErrors(issue: string, limit: number): Promise<{ reply: string; count: number }[]>;
}
