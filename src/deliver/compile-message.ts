import { randomBytes } from 'node:crypto';
import { escapeHtml, fillSomeMarkers, openPixelHtml, splitAtTokens } from '../render/fill-tokens.js';
import type { MarkerName } from '../render/tokens.js';
import { clickUrlFor, issueLinkIndexes, openUrlFor, type ClickTracking } from './click-links.js';
import { formatDate, headerLine, isSafeAddress, preparedHeaderLine } from './header-encoding.js';
import type { MessageBuffers } from './message-buffers.js';
import {
  LIST_UNSUBSCRIBE_POST,
  listUnsubscribeValue,
  tokenValues,
  toCrlf,
  type MessageSpec,
  type RecipientFields,
} from './message-spec.js';
import { SOFT_BREAK, encodeQuotedPrintable } from './quoted-printable.js';
import { arePiecesClean, isCleanSmtpData, markCleanSmtpData } from './use-native-data-scan.js';

/** An issue's message encoded once; `render` splices one subscriber's values into it. */
export interface CompiledMessage {
  /**
   * The complete RFC 5322 message for one subscriber (CRLF line ends, 7-bit), written into memory from `buffers`
   * when given (a send hands it back once the message is gone), else into a new Buffer.
   */
  render(fields: RecipientFields, buffers?: MessageBuffers): Buffer;
  /** The envelope sender (MAIL FROM). */
  readonly envelopeFrom: string;
  /** Bytes of the message without the spliced values: a lower bound of each message's size. */
  readonly staticBytes: number;
}

type Piece = Buffer | ((fields: RecipientFields) => string);

/**
 * Builds the message once per issue: headers and both parts are encoded now (quoted-printable, computed once
 * for the static text), and each subscriber's values (To, Message-ID, List-Unsubscribe, body tokens) are
 * encoded for their place and spliced in by `render`. The boundary holds "=_", which quoted-printable output
 * can never contain.
 */
export function compileMessage(spec: MessageSpec, tracking?: ClickTracking): CompiledMessage {
  if (!isSafeAddress(spec.from.address)) throw new Error(`From address is not a plain address: ${spec.from.address}`);
  const boundary = `----=_roundup_${randomBytes(12).toString('hex')}`;
  const pieces: Piece[] = [];
  let pending = '';
  const text = (s: string) => {
    pending += s;
  };
  const slot = (fn: (fields: RecipientFields) => string) => {
    if (pending) pieces.push(Buffer.from(pending, 'latin1'));
    pending = '';
    pieces.push(fn);
  };

  text(headerLine('From', spec.from));
  if (spec.replyTo) {
    const address = typeof spec.replyTo === 'string' ? spec.replyTo : spec.replyTo.address;
    if (!isSafeAddress(address)) throw new Error(`Reply-To address is not a plain address: ${address}`);
    text(headerLine('Reply-To', spec.replyTo));
  }
  slot((f) => headerLine('To', { name: f.name, address: f.email }));
  text(headerLine('Subject', spec.subject));
  text(preparedHeaderLine('Date', formatDate(spec.date)));
  slot((f) => preparedHeaderLine('Message-ID', `<${f.messageId}>`));
  text(preparedHeaderLine('List-Id', spec.listId));
  slot((f) => preparedHeaderLine('List-Unsubscribe', listUnsubscribeValue(spec, f)));
  text(preparedHeaderLine('List-Unsubscribe-Post', LIST_UNSUBSCRIBE_POST));
  if (spec.feedbackId) text(preparedHeaderLine('Feedback-ID', spec.feedbackId));
  text('MIME-Version: 1.0\r\n');
  text(`Content-Type: multipart/alternative;\r\n boundary="${boundary}"\r\n\r\n`);
  const links = linkValues(spec, tracking);
  for (const [type, body] of [
    ['text/plain', spec.text],
    ['text/html', spec.html],
  ] as const) {
    text(`--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`);
    const place = type === 'text/html' ? 'html' : 'text';
    const escape = place === 'html' ? escapeHtml : (v: string) => v;
    // what is the same for everyone (links without a subscriber in them) is filled once, here
    const shared = fillSomeMarkers(toCrlf(body), place, spec.tokens, links.shared);
    // only this render's markers split the body: any other `@@...@@` is the content's own text
    const { fixed, names } = splitAtTokens(shared, spec.tokens);
    fixed.forEach((part, i) => {
      const last = i === fixed.length - 1;
      if (part !== '') text(encodeQuotedPrintable(part, last) + (last || part.endsWith('\r\n') ? '' : SOFT_BREAK));
      if (last) return;
      const name = names[i]!;
      slot((f) => {
        const value = typeof name === 'string' && name !== 'open' ? escape(tokenValues(f)[name]) : personal(name, f, place);
        return value === '' ? '' : encodeQuotedPrintable(value, false) + SOFT_BREAK;
      });
    });
    text('\r\n');
  }
  text(`--${boundary}--\r\n`);
  if (pending) pieces.push(Buffer.from(pending, 'latin1'));

  function personal(name: number | 'open', f: RecipientFields, place: 'html' | 'text'): string {
    if (name === 'open') return place === 'html' ? openPixelHtml(links.personal(name, f)) : '';
    return escapeFor(place, links.personal(name, f));
  }

  const staticBytes = pieces.reduce((n, p) => n + (Buffer.isBuffer(p) ? p.length : 0), 0);
  // DATA escaping, checked once per issue for the static pieces (all but their first byte, which depends on what
  // comes before) and per message for the small spliced values: a message found clean is not scanned again by
  // the connection (a 75 KB scan per message otherwise)
  const restClean = pieces.map((p) => Buffer.isBuffer(p) && (p.length < 2 || isCleanSmtpData(p.subarray(1), p[0]!)));
  return {
    envelopeFrom: spec.from.address,
    staticBytes,
    render(fields, buffers) {
      if (!isSafeAddress(fields.email)) throw new Error(`Recipient address is not a plain address: ${JSON.stringify(fields.email)}`);
      // the values are ASCII (encoded for their place) and written straight into the message as latin1
      const chunks = pieces.map((p) => (Buffer.isBuffer(p) ? p : p(fields)));
      let size = 0;
      for (const chunk of chunks) size += chunk.length;
      const message = buffers ? buffers.take(size) : Buffer.allocUnsafe(size);
      let at = 0;
      for (const chunk of chunks) {
        if (typeof chunk === 'string') message.write(chunk, at, 'latin1');
        else message.set(chunk, at);
        at += chunk.length;
      }
      return arePiecesClean(chunks, restClean) ? markCleanSmtpData(message) : message;
    },
  };
}

function escapeFor(place: 'html' | 'text', value: string): string {
  return place === 'html' ? escapeHtml(value) : value;
}

/**
 * How the render's link markers and open pixel are filled: without tracking, each link is its own URL and the
 * pixel is left out; with it, click URLs (and the pixel), once per issue, or per recipient when they name the
 * subscriber (`personal`).
 */
function linkValues(spec: MessageSpec, tracking: ClickTracking | undefined) {
  const links = spec.links ?? [];
  const indexes = tracking ? issueLinkIndexes(tracking, links) : [];
  const perRecipient = tracking?.perSubscriber === true;
  const shared = (name: MarkerName): string | undefined => {
    if (typeof name === 'string' && name !== 'open') return undefined;
    if (!tracking) return name === 'open' ? '' : links[name]?.url;
    if (typeof name === 'number' && !tracking.clicks) return links[name]?.url;
    if (perRecipient) return undefined;
    if (name === 'open') return tracking.opens ? openUrlFor(tracking) : '';
    const at = indexes[name];
    return at === undefined ? undefined : clickUrlFor(tracking, at);
  };
  const personal = (name: number | 'open', f: RecipientFields): string => {
    if (!tracking) return '';
    if (name === 'open') return tracking.opens ? openUrlFor(tracking, f.subscriberId) : '';
    const at = indexes[name];
    if (at === undefined) throw new Error(`the message has a link marker (${name}) for no link of its render`);
    return clickUrlFor(tracking, at, f.subscriberId);
  };
  return { shared, personal };
}
