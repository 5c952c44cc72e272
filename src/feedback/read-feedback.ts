import { bounceSeverity, type Severity } from './bounce-severity.js';
import { fieldBlocks, readDeliveryStatus, type RecipientStatus } from './delivery-status.js';
import { allParts, bodyText, header, headers, parseMime, type MimePart } from './mime-part.js';
import { readTextBounce, recogniseTextBounce } from './text-bounce.js';

// One message from the feedback mailbox, read: what it is (a bounce, a delay warning, an abuse report, a mail to
// the unsubscribe address, or none of these) and every hint of which message it is about. Pure: matching the
// hints to a subscriber (correlate.ts) and acting (act-on-feedback.ts) come after.

export interface FeedbackReading {
  kind: 'bounce' | 'delay' | 'complaint' | 'unsubscribe' | 'none';
  severity?: Severity | undefined;
  /** `dsn` (RFC 3464), a text bounce's MTA (`postfix`, `exim`, `exchange`, `gmail`, `text`), `arf` (RFC 5965), `mailto`. */
  format?: string | undefined;
  /** Status code and diagnostic, or the complaint's feedback type: for the record. */
  detail: string;
  /** Where the message itself was delivered: its envelope recipient and Delivered-To / X-Original-To / To / Cc. */
  addressedTo: string[];
  /** Message-IDs of the message it is about (from the copy or headers it returns, In-Reply-To, References). */
  messageIds: string[];
  /** Addresses of the returned message that may hold our tokens: its Return-Path and List-Unsubscribe mailto. */
  originalAddresses: string[];
  /** Mails written before the mailto token: a signed token in the subject, `unsubscribe <token>`. */
  subjectToken?: string | undefined;
  /** Set when a relay reported it over a signed webhook (`ses`, `mailgun`): its Message-ID speaks for an unsubscribe too. */
  relay?: string | undefined;
  /** This message's own Message-ID, for the log. */
  ownMessageId?: string | undefined;
}

// bounded repeats: an unbounded local part made a 70,000-character header take seconds (a run with no `@`
// was scanned again from every position)
const ADDRESS = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?/g;
const MESSAGE_ID = /<([^<>\s]{3,250}@[^<>\s]{1,250})>/g;

/** Reads a raw message. `envelopeTo`: the envelope recipient when the input knows it (an MTA pipe's `${recipient}`). */
export function readFeedback(raw: Buffer, envelopeTo: readonly string[] = []): FeedbackReading {
  const root = parseMime(raw);
  const parts = allParts(root);
  const reading: FeedbackReading = {
    kind: 'none',
    detail: '',
    addressedTo: unique([...envelopeTo, ...['delivered-to', 'x-original-to', 'envelope-to', 'x-envelope-to', 'to', 'cc'].flatMap((n) => headers(root, n).flatMap(addresses))]),
    messageIds: [],
    originalAddresses: [],
    ownMessageId: ids(header(root, 'message-id') ?? '')[0],
  };
  const returned = parts.filter((p) => p !== root && (p.type === 'message/rfc822' || p.type === 'message/global' || p.type === 'text/rfc822-headers')).flatMap((p) => p.parts);
  reading.messageIds = unique([
    ...returned.flatMap((m) => ids(header(m, 'message-id') ?? '')),
    ...ids(header(root, 'in-reply-to') ?? ''),
    ...ids(header(root, 'references') ?? ''),
  ]);
  reading.originalAddresses = unique(returned.flatMap((m) => [...headers(m, 'return-path'), ...headers(m, 'list-unsubscribe')].flatMap(addresses)));

  const report = root.type === 'multipart/report' ? (root.params['report-type'] ?? '').toLowerCase() : '';
  const arf = parts.find((p) => p.type === 'message/feedback-report');
  if (report === 'feedback-report' || arf) return complaint(reading, arf);
  const status = parts.find((p) => p.type === 'message/delivery-status' || p.type === 'message/global-delivery-status');
  if (status) return dsn(reading, readDeliveryStatus(bodyText(status)));
  return textOrMailto(reading, root, parts);
}

function complaint(reading: FeedbackReading, arf: MimePart | undefined): FeedbackReading {
  const fields = arf ? (fieldBlocks(bodyText(arf))[0] ?? new Map<string, string>()) : new Map<string, string>();
  const type = (fields.get('feedback-type') ?? 'abuse').trim().toLowerCase();
  reading.format = 'arf';
  reading.detail = `feedback-type ${type}${fields.get('user-agent') ? ` from ${fields.get('user-agent')}` : ''}`;
  // `not-spam` is a person saying the opposite of a complaint
  reading.kind = type === 'not-spam' ? 'none' : 'complaint';
  const original = fields.get('original-mail-from');
  if (original) reading.originalAddresses = unique([...reading.originalAddresses, ...addresses(original)]);
  return reading;
}

function dsn(reading: FeedbackReading, recipients: RecipientStatus[]): FeedbackReading {
  reading.format = 'dsn';
  // our messages have one recipient each: the worst block speaks for it
  const failed = recipients.filter((r) => r.action === 'failed');
  const chosen = failed[0] ?? recipients[0];
  if (!chosen) return { ...reading, kind: 'none', detail: 'a delivery report without a recipient block' };
  reading.detail = [chosen.status, chosen.diagnostic].filter(Boolean).join(' ');
  const severity = failed.length > 0 ? bounceSeverity(chosen) : undefined;
  if (severity) return { ...reading, kind: 'bounce', severity };
  return { ...reading, kind: chosen.action === 'delayed' ? 'delay' : 'none' };
}

function textOrMailto(reading: FeedbackReading, root: MimePart, parts: MimePart[]): FeedbackReading {
  const subject = header(root, 'subject') ?? '';
  const from = `${header(root, 'from') ?? ''} ${header(root, 'return-path') ?? ''} ${header(root, 'sender') ?? ''}`;
  const fromDaemon = /mailer-daemon|postmaster|mail delivery (system|subsystem)|<>/i.test(from) || (header(root, 'return-path') ?? '').trim() === '<>';
  const text = parts
    .filter((p) => p.type === 'text/plain' || p.type === 'text/html')
    .slice(0, 4)
    .map((p) => (p.type === 'text/html' ? bodyText(p).replace(/<[^>]*>/g, ' ') : bodyText(p)))
    .join('\n')
    .slice(0, 200_000);
  const recognised = recogniseTextBounce(subject, text, fromDaemon);
  if (recognised) {
    // a text bounce quotes the message it returns: its Message-ID line is the best hint it has
    reading.messageIds = unique([...reading.messageIds, ...[...text.matchAll(/^\s*Message-ID:\s*(<[^>\r\n]+>)/gim)].flatMap((m) => ids(m[1]!))]);
    reading.format = recognised.format;
    if (recognised.delay) return { ...reading, kind: 'delay', detail: subject.slice(0, 200) };
    const failure = readTextBounce(text);
    reading.detail = [failure.status, failure.diagnostic].filter(Boolean).join(' ');
    const severity = bounceSeverity(failure);
    return severity ? { ...reading, kind: 'bounce', severity } : { ...reading, kind: 'none' };
  }
  // an automatic reply (RFC 3834) is nobody asking to leave
  const auto = (header(root, 'auto-submitted') ?? 'no').trim().toLowerCase();
  if (auto !== 'no' || fromDaemon) return reading;
  reading.format = 'mailto';
  reading.kind = 'unsubscribe';
  reading.subjectToken = /\bunsubscribe\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/i.exec(subject)?.[1];
  return reading;
}

/** Header values are read up to this length: no address or Message-ID list we act on is longer. */
const HEADER_READ = 10_000;

function addresses(value: string): string[] {
  return [...value.slice(0, HEADER_READ).matchAll(ADDRESS)].map((m) => m[0]);
}

function ids(value: string): string[] {
  return [...value.slice(0, HEADER_READ).matchAll(MESSAGE_ID)].map((m) => m[1]!);
}

function unique(values: string[]): string[] {
  return [...new Set(values)].slice(0, 50);
}
