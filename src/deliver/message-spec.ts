import type { TokenSet, TokenValues } from '../render/tokens.js';
import type { IssueLink } from '../types.js';
import type { Mailbox } from './header-encoding.js';

// What an issue's email is made of (the same for every subscriber) and what differs per subscriber. Both the
// fast path (compileMessage: encoded once, values spliced in) and the reference composition (composeMessage:
// nodemailer builds the MIME from scratch) read these, so the two can be compared field by field.

/** The headers every message of an issue shares (from config, or from a frozen issue). */
export interface MessageHeaders {
  from: Mailbox;
  /** A plain address or a name and address. */
  replyTo?: Mailbox | string | undefined;
  /** RFC 2919 `List-Id` value, e.g. `Identity Wire <weekly.identitywire.example>`. */
  listId: string;
  feedbackId?: string | undefined;
  /** Address for the mailto in `List-Unsubscribe`. */
  unsubscribeMailto: string;
}

export interface MessageSpec extends MessageHeaders {
  /** As it should read (a `[TEST] ` prefix is already applied); non-ASCII is fine. */
  subject: string;
  date: Date;
  /** The rendered parts, still holding the per-subscriber markers of `tokens` (src/render/tokens.ts). */
  html: string;
  text: string;
  tokens: TokenSet;
  /** The render's content links: link marker `i` stands for `links[i]` (tokens.ts). */
  links?: readonly IssueLink[] | undefined;
}

/** One subscriber's values, all raw (each place escapes and encodes them itself). */
export interface RecipientFields {
  name: string;
  email: string;
  /** The ledger's subscriber id (absent for a test send's addresses): click links with `tracking.perSubscriber` name it. */
  subscriberId?: number | undefined;
  /** Without angle brackets: `2026-W48.42.1a2b3c@identitywire.example`. */
  messageId: string;
  /** The opaque signed token inside the unsubscribe URL. */
  unsubscribeToken: string;
  /**
   * The short signed token of the `List-Unsubscribe` mailto's local part (`unsubscribe+<token>@...`): a mail to
   * it unsubscribes this subscriber, whoever it comes from. Absent: the plain address, the https token in the subject.
   */
  mailtoToken?: string | undefined;
  /** The envelope sender (VERP, `delivery.returnPath`); absent: the From address. */
  returnPath?: string | undefined;
  unsubscribeUrl: string;
  preferencesUrl: string;
}

/** The values the body tokens are filled with. */
export function tokenValues(fields: RecipientFields): TokenValues {
  return {
    name: fields.name,
    email: fields.email,
    unsubscribeUrl: fields.unsubscribeUrl,
    preferencesUrl: fields.preferencesUrl,
  };
}

const URL_SAFE = /^https?:\/\/[\x21-\x7e]+$/;
const TOKEN_SAFE = /^[A-Za-z0-9._~-]+$/;

/**
 * The one `List-Unsubscribe` value (RFC 2369: one header, https first, then mailto), folded after the comma.
 * Throws when the URL or token holds anything that could break the header (they are built by us; this guards
 * against a bad `web.publicUrl` or a token format change).
 */
export function listUnsubscribeValue(spec: Pick<MessageSpec, 'unsubscribeMailto'>, fields: RecipientFields): string {
  if (!URL_SAFE.test(fields.unsubscribeUrl) || /[<>,]/.test(fields.unsubscribeUrl)) {
    throw new Error(`Unsubscribe URL is not header-safe: ${JSON.stringify(fields.unsubscribeUrl.slice(0, 100))}`);
  }
  if (!TOKEN_SAFE.test(fields.unsubscribeToken)) throw new Error('Unsubscribe token is not URL-safe');
  if (fields.mailtoToken === undefined) {
    return `<${fields.unsubscribeUrl}>,\r\n <mailto:${spec.unsubscribeMailto}?subject=unsubscribe%20${fields.unsubscribeToken}>`;
  }
  if (!/^[a-z2-7]+$/.test(fields.mailtoToken)) throw new Error('Unsubscribe mailto token is not address-safe');
  return `<${fields.unsubscribeUrl}>,\r\n <mailto:${mailtoAddress(spec.unsubscribeMailto, fields.mailtoToken)}?subject=unsubscribe>`;
}

/** `unsubscribe@example.com` + token -> `unsubscribe+<token>@example.com` (the mailbox must accept `+` subaddresses). */
export function mailtoAddress(address: string, token: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${token}${address.slice(at)}`;
}

export const LIST_UNSUBSCRIBE_POST = 'List-Unsubscribe=One-Click';

/** Line breaks as MIME wants them (CRLF), so both compositions start from the same text. */
export function toCrlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}
