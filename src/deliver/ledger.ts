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

export interface Ledger {
  /**
   * Adds a pending row for every active subscriber that has none for this issue (one SQL statement; safe to
   * call again). Returns how many rows were added.
   */
  enqueue(issue: string): number;
  /**
   * The next recipients to send to, in subscriber id order after `afterId` (keyset paging, so memory does not
   * grow with the list): rows in `pending` or `submitting` (a crash left them; they are resent).
   */
  nextBatch(issue: string, afterId: number, limit: number): Recipient[];
  /** Records the intent before the SMTP call: state submitting, attempts + 1, the Message-ID. */
  markSubmitting(issue: string, subscriberId: number, messageId: string): void;
  /** The server accepted it. */
  markSubmitted(issue: string, subscriberId: number, reply: string): void;
  /** A temporary failure (4xx): back to pending, reply kept. */
  markDeferred(issue: string, subscriberId: number, reply: string): void;
  /**
   * A broken connection (no answer about the message): back to pending, reply kept, and the attempt that
   * markSubmitting counted is taken back (`attempts` counts the server's answers about the message).
   */
  markInterrupted(issue: string, subscriberId: number, reply: string): void;
  /** A permanent failure: `bounced` also marks the subscriber bounced (in the same transaction). */
  markFailed(issue: string, subscriberId: number, reply: string, bounced: boolean): void;
  /** `--retry-failed`: failed rows go back to pending. Returns how many. */
  requeueFailed(issue: string): number;
  /** Counts by state for the report. */
  counts(issue: string): Record<DeliveryState, number>;
  /** The most frequent last replies of failed/bounced rows, and of pending rows that met an error, for the report. */
  topErrors(issue: string, limit: number): { reply: string; count: number }[];
  /**
   * Optional: runs the mark* calls made inside `writes` as one transaction (all or none), so that the send loop
   * can commit the writes of one event-loop turn together. Without it every call commits on its own.
   */
  batch?(writes: () => void): void;
}
