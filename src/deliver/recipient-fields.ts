import { randomBytes } from 'node:crypto';
import { preferencesUrl, unsubscribeUrl } from '../web/public-links.js';
import { signToken } from '../tokens/signed-token.js';
import type { Recipient } from './ledger.js';
import type { RecipientFields } from './message-spec.js';

/** What every subscriber's links and Message-ID are made from. */
export interface LinkContext {
  issue: string;
  /** ROUNDUP_SECRET. */
  secret: string;
  /** `web.publicUrl`, without a trailing slash. */
  publicUrl: string;
  /** Domain of the Message-IDs: the sender's. */
  messageDomain: string;
}

// Unique per attempt without asking the OS for randomness on every message (a hot spot at thousands a
// second): a random prefix drawn once per process, then a counter.
const PROCESS_PREFIX = randomBytes(6).toString('hex');
let attempt = 0;

/** A Message-ID (without brackets) on the sender's domain, unique per attempt: `<issue>.<id>.<process><n>@<domain>`. */
export function newMessageId(issue: string, subscriberId: number, domain: string): string {
  const label = issue.replace(/[^A-Za-z0-9-]/g, '-');
  return `${label}.${subscriberId}.${PROCESS_PREFIX}${(attempt++).toString(36)}@${domain}`;
}

/**
 * One subscriber's values: signed unsubscribe and preferences tokens (opaque: the subscriber id and issue,
 * HMAC-signed, never the address), the links `<publicUrl>/u/<token>` and `<publicUrl>/p/<token>`, and
 * `messageId` (pass the one recorded in the ledger; a new one is made otherwise).
 */
export function recipientFields(recipient: Pick<Recipient, 'subscriberId' | 'email' | 'name'>, ctx: LinkContext, messageId?: string): RecipientFields {
  const unsubscribeToken = signToken({ p: 'unsubscribe', s: recipient.subscriberId, i: ctx.issue }, ctx.secret);
  const preferencesToken = signToken({ p: 'preferences', s: recipient.subscriberId }, ctx.secret);
  return {
    name: recipient.name,
    email: recipient.email,
    messageId: messageId ?? newMessageId(ctx.issue, recipient.subscriberId, ctx.messageDomain),
    unsubscribeToken,
    unsubscribeUrl: unsubscribeUrl(ctx.publicUrl, unsubscribeToken),
    preferencesUrl: preferencesUrl(ctx.publicUrl, preferencesToken),
  };
}
