import type { Store } from '../store/index.js';
import { verifyCompact, type CompactPurpose } from '../tokens/compact-token.js';
import { verifyToken } from '../tokens/signed-token.js';
import type { FeedbackReading } from './read-feedback.js';

// Which message we sent a piece of feedback is about, without guessing: a signed token in an address (the VERP
// envelope sender a bounce is sent back to, the unsubscribe mailto's local part, the returned copy's Return-Path
// or List-Unsubscribe) or a Message-ID the ledger recorded. Never the From of the feedback, never the address a
// bounce names. When two hints disagree (a token for one message, a Message-ID of another), nothing is believed.

export type Correlation =
  | { ok: true; issue: string; subscriberId: number; by: 'verp' | 'mailto' | 'message-id' | 'subject-token' }
  | { ok: false; reason: 'no-hint' | 'conflict'; message: string };

interface Candidate {
  issue: string;
  subscriberId: number;
  by: 'verp' | 'mailto' | 'message-id' | 'subject-token';
}

/** Runs of base32 long enough to be one of our address tokens, inside an address's local part. */
function tokensIn(address: string): string[] {
  const local = address.slice(0, address.lastIndexOf('@'));
  return [...local.matchAll(/[A-Za-z2-7]{20,120}/g)].map((m) => m[0]);
}

function fromAddresses(list: readonly string[], purposes: readonly CompactPurpose[], secret: string): Candidate[] {
  const found: Candidate[] = [];
  for (const address of list) {
    for (const token of tokensIn(address)) {
      for (const purpose of purposes) {
        const payload = verifyCompact(token, purpose, secret);
        if (payload?.subscriber !== undefined) {
          found.push({ issue: payload.issue, subscriberId: payload.subscriber, by: purpose === 'mailto' ? 'mailto' : 'verp' });
        }
      }
    }
  }
  return found;
}

export async function correlate(store: Store, reading: FeedbackReading, secret: string): Promise<Correlation> {
  const tokens: Candidate[] = [];
  if (reading.kind === 'unsubscribe') {
    tokens.push(...fromAddresses(reading.addressedTo, ['mailto'], secret));
    if (reading.subjectToken) {
      try {
        const legacy = verifyToken(reading.subjectToken, 'unsubscribe', secret);
        if (legacy.i) tokens.push({ issue: legacy.i, subscriberId: legacy.s, by: 'subject-token' });
      } catch {
        // not ours, or altered: no hint
      }
    }
  } else {
    tokens.push(...fromAddresses(reading.addressedTo, ['return-path'], secret));
    tokens.push(...fromAddresses(reading.originalAddresses, ['return-path', 'mailto'], secret));
  }
  // the unsubscribe mailbox acts on tokens only: a reply that quotes our Message-ID is a person writing to us
  // (a relay's signed webhook is another matter: it names the message it handled)
  const byId: Candidate[] = [];
  if (reading.kind !== 'unsubscribe' || reading.relay) {
    for (const id of reading.messageIds) {
      const row = await store.feedback.deliveryByMessageId(id);
      if (row) byId.push({ ...row, by: 'message-id' });
    }
  }
  const key = (c: Candidate) => `${c.issue}\u0000${c.subscriberId}`;
  const distinct = new Map([...tokens, ...byId].map((c) => [key(c), c]));
  if (distinct.size === 0) {
    return { ok: false, reason: 'no-hint', message: 'no signed token and no Message-ID of a message we sent: not acted on (nothing is guessed from addresses)' };
  }
  if (distinct.size > 1) {
    const which = [...distinct.values()].map((c) => `${c.issue}/subscriber ${c.subscriberId} by ${c.by}`).join(', ');
    return { ok: false, reason: 'conflict', message: `its hints name different messages (${which}): not acted on` };
  }
  const only = [...distinct.values()][0]!;
  // a token is the stronger word: report it as what matched
  return { ok: true, ...(tokens.find((c) => key(c) === key(only)) ?? only) };
}
