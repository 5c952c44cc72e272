import { randomBytes } from 'node:crypto';
import { preferencesUrl, unsubscribeUrl } from '../web/public-links.js';
import { signCompact } from '../tokens/compact-token.js';
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
  /** `delivery.returnPath` (`bounces+{token}@domain`): each recipient's envelope sender; absent: the From address. */
  returnPath?: string | undefined;
}

// Unique per attempt, and unguessable: a bounce that names a Message-ID is believed (the ledger says whose
// message it was), so nobody who saw one of them may work out another's. Random bytes are drawn from the OS in
// blocks (one call per 512 messages, not one per message: a hot spot at thousands a second).
let pool = Buffer.alloc(0);
let poolAt = 0;

function randomPart(): string {
  if (poolAt + 9 > pool.length) {
    pool = randomBytes(9 * 512);
    poolAt = 0;
  }
  const part = pool.subarray(poolAt, poolAt + 9).toString('base64url');
  poolAt += 9;
  return part.replace(/[-_]/g, (c) => (c === '-' ? 'X' : 'Y'));
}

/** A Message-ID (without brackets) on the sender's domain, unique per attempt: `<issue>.<id>.<12 random characters>@<domain>`. */
export function newMessageId(issue: string, subscriberId: number, domain: string): string {
  const label = issue.replace(/[^A-Za-z0-9-]/g, '-');
  return `${label}.${subscriberId}.${randomPart()}@${domain}`;
}

/** The envelope sender of one recipient's message: `delivery.returnPath` with its `{token}` (issue and subscriber, signed). */
export function returnPathFor(template: string, issue: string, subscriberId: number, secret: string): string {
  return template.replace('{token}', signCompact({ purpose: 'return-path', issue, subscriber: subscriberId }, secret));
}

/**
 * One subscriber's values: signed unsubscribe and preferences tokens (opaque: the subscriber id and issue,
 * HMAC-signed, never the address), the links `<publicUrl>/u/<token>` and `<publicUrl>/p/<token>`, the token of
 * the unsubscribe mailto's local part, the VERP envelope sender when `returnPath` is set, and `messageId` (pass
 * the one recorded in the ledger; a new one is made otherwise).
 */
export function recipientFields(recipient: Pick<Recipient, 'subscriberId' | 'email' | 'name'>, ctx: LinkContext, messageId?: string): RecipientFields {
  const unsubscribeToken = signToken({ p: 'unsubscribe', s: recipient.subscriberId, i: ctx.issue }, ctx.secret);
  const preferencesToken = signToken({ p: 'preferences', s: recipient.subscriberId }, ctx.secret);
  const fields: RecipientFields = {
    name: recipient.name,
    email: recipient.email,
    subscriberId: recipient.subscriberId,
    messageId: messageId ?? newMessageId(ctx.issue, recipient.subscriberId, ctx.messageDomain),
    unsubscribeToken,
    mailtoToken: signCompact({ purpose: 'mailto', issue: ctx.issue, subscriber: recipient.subscriberId }, ctx.secret),
    unsubscribeUrl: unsubscribeUrl(ctx.publicUrl, unsubscribeToken),
    preferencesUrl: preferencesUrl(ctx.publicUrl, preferencesToken),
  };
  if (ctx.returnPath) fields.returnPath = returnPathFor(ctx.returnPath, ctx.issue, recipient.subscriberId, ctx.secret);
  return fields;
}
