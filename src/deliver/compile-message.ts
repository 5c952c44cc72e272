import { randomBytes } from 'node:crypto';
import { escapeHtml, splitAtTokens } from '../render/fill-tokens.js';
import { formatDate, headerLine, isSafeAddress, preparedHeaderLine } from './header-encoding.js';
import {
  LIST_UNSUBSCRIBE_POST,
  listUnsubscribeValue,
  tokenValues,
  toCrlf,
  type MessageSpec,
  type RecipientFields,
} from './message-spec.js';
import { SOFT_BREAK, encodeQuotedPrintable } from './quoted-printable.js';

/** An issue's message encoded once; `render` splices one subscriber's values into it. */
export interface CompiledMessage {
  /** The complete RFC 5322 message for one subscriber (CRLF line ends, 7-bit). */
  render(fields: RecipientFields): Buffer;
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
export function compileMessage(spec: MessageSpec): CompiledMessage {
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
  for (const [type, body] of [
    ['text/plain', spec.text],
    ['text/html', spec.html],
  ] as const) {
    text(`--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`);
    const escape = type === 'text/html' ? escapeHtml : (v: string) => v;
    // only this render's markers split the body: any other `@@...@@` is the content's own text
    const { fixed, names } = splitAtTokens(toCrlf(body), spec.tokens);
    fixed.forEach((part, i) => {
      const last = i === fixed.length - 1;
      if (part !== '') text(encodeQuotedPrintable(part, last) + (last || part.endsWith('\r\n') ? '' : SOFT_BREAK));
      if (last) return;
      const name = names[i]!;
      slot((f) => {
        const value = escape(tokenValues(f)[name]);
        return value === '' ? '' : encodeQuotedPrintable(value, false) + SOFT_BREAK;
      });
    });
    text('\r\n');
  }
  text(`--${boundary}--\r\n`);
  if (pending) pieces.push(Buffer.from(pending, 'latin1'));

  const staticBytes = pieces.reduce((n, p) => n + (Buffer.isBuffer(p) ? p.length : 0), 0);
  return {
    envelopeFrom: spec.from.address,
    staticBytes,
    render(fields) {
      if (!isSafeAddress(fields.email)) throw new Error(`Recipient address is not a plain address: ${JSON.stringify(fields.email)}`);
      const chunks = pieces.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p(fields), 'latin1')));
      return Buffer.concat(chunks);
    },
  };
}
